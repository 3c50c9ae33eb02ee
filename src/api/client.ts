import { contracts, type Contracts, type FunctionName } from '@core/contracts';
import { z } from 'zod';
import { describeZodError } from '@core/contracts/zh';
import { ApiError, BAD_RESPONSE } from './errors';
import { transport } from './transport';

type Fn<C> = { [A in keyof C]: C[A] extends { input: z.ZodTypeAny; output: z.ZodTypeAny } ? (input?: z.input<C[A]['input']>) => Promise<z.output<C[A]['output']>> : never };
export type Api = { [F in FunctionName]: Fn<Contracts[F]> };

/**
 * The only place the UI calls the cloud. `await api.report.submit({...})` validates the input with
 * the shared contract (so the user sees a Chinese message before any request), calls the function,
 * and returns its `data` or throws an ApiError with the function's code and message.
 */
export async function call(fn: FunctionName, action: string, input: unknown): Promise<unknown> {
  const spec = (contracts[fn] as Record<string, { input: z.ZodTypeAny; output: z.ZodTypeAny }>)[action];
  if (!spec) throw new ApiError('UNKNOWN_ACTION', '不支持的操作');
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    // name the field like the functions do ("任务名称：此项不能为空"), not just "此项不能为空"
    throw new ApiError('VALIDATION_FAILED', describeZodError(parsed.error, labelsOf(spec.input)), parsed.error.issues);
  }
  const result = await transport(fn, { action, data: parsed.data });
  if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
    throw new ApiError(BAD_RESPONSE, '服务返回了无法识别的内容，请稍后重试');
  }
  const r = result as { ok: boolean; data?: unknown; code?: string; message?: string; details?: unknown };
  if (!r.ok) throw new ApiError(r.code ?? 'INTERNAL', r.message ?? '服务暂时不可用，请稍后重试', r.details);
  return r.data;
}

export const api: Api = new Proxy({} as Api, {
  get(_t, fn: string) {
    return new Proxy({}, { get: (_x, action: string) => (input?: unknown) => call(fn as FunctionName, action, input) });
  },
});

/** Field labels from `.describe('任务名称')` on the input's object shape (and one level of nested objects, "place.name"). */
function labelsOf(schema: z.ZodTypeAny, prefix = '', labels: Record<string, string> = {}): Record<string, string> {
  let s: z.ZodTypeAny = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodEffects) {
    s = s instanceof z.ZodEffects ? s.innerType() : (s._def.innerType as z.ZodTypeAny);
  }
  if (!(s instanceof z.ZodObject)) return labels;
  for (const [key, field] of Object.entries(s.shape as Record<string, z.ZodTypeAny>)) {
    if (field.description) labels[prefix + key] = field.description;
    if (!prefix) labelsOf(field, `${key}.`, labels);
  }
  return labels;
}
