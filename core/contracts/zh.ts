import { z } from 'zod';

/** Chinese messages for zod failures, so a validation error can be shown to a user as it is. */
export const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: '此项必填' };
      return { message: '格式不正确' };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? '此项不能为空' : `至少 ${issue.minimum} 个字` };
      if (issue.type === 'array') return { message: `至少选择 ${issue.minimum} 项` };
      return { message: `不能小于 ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过 ${issue.maximum} 个字` };
      if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项` };
      return { message: `不能大于 ${issue.maximum}` };
    case z.ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: '请选择有效的选项' };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: '包含不支持的字段' };
    default:
      return { message: ctx.defaultError };
  }
};

/** First issue as one readable line: "手机号：格式不正确". Labels come from the schema's `.describe()`. */
export function describeZodError(error: z.ZodError, labels: Record<string, string> = {}): string {
  const first = error.issues[0];
  if (!first) return '填写的内容有误';
  const key = first.path.join('.');
  // a list item's path ends in its index (commitments.0): fall back to the list's own label
  const label = labels[key] ?? labels[String(first.path[first.path.length - 1] ?? '')] ?? labels[String(first.path[0] ?? '')];
  return label ? `${label}：${first.message}` : first.message;
}

z.setErrorMap(zhErrorMap);
