import { z } from 'zod';

/**
 * The one wire shape of every cloud function.
 * Request: `{ action, data }`. Response: `{ ok: true, data }` or `{ ok: false, code, message }`.
 * `code` is stable UPPER_SNAKE_CASE for programs; `message` is Chinese, for people.
 */
export const requestSchema = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
});
export type FunctionRequest = z.infer<typeof requestSchema>;

export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; code: ErrorCode | string; message: string; details?: unknown };
export type Result<T> = Ok<T> | Fail;

/** Codes shared by every function. Feature codes live beside their contracts. */
export const CommonErrors = {
  BAD_REQUEST: '请求格式不正确',
  UNKNOWN_ACTION: '不支持的操作',
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  UNAUTHENTICATED: '无法识别您的身份，请重新进入小程序',
  FORBIDDEN: '您没有权限进行此操作',
  OUT_OF_SCOPE: '只能管理本单位或本社区的事项',
  NOT_FOUND: '未找到相关内容',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  PROFILE_INCOMPLETE: '请先完善个人信息',
  INTERNAL: '服务暂时不可用，请稍后重试',
  CONTENT_RISKY: '内容包含不适宜发布的信息，请修改后再提交',
  CONTENT_CHECK_UNAVAILABLE: '内容安全检查暂时不可用，请稍后重试',
  FILE_NOT_FOUND: '文件不存在或已过期，请重新上传',
} as const;
export type ErrorCode = keyof typeof CommonErrors;

/** An action's contract: what it accepts and what it answers. */
export interface ActionContract<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I;
  output: O;
}
export type FunctionContract = Record<string, ActionContract>;

export function action<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O): ActionContract<I, O> {
  return { input, output };
}

export type InputOf<C extends FunctionContract, A extends keyof C> = z.input<C[A]['input']>;
export type ParsedInputOf<C extends FunctionContract, A extends keyof C> = z.output<C[A]['input']>;
export type OutputOf<C extends FunctionContract, A extends keyof C> = z.output<C[A]['output']>;

/**
 * Client-generated id of one creating action (a form's save): the same id twice, also at once,
 * creates one thing and answers the same (functions/_lib/once.ts). The UI makes one per form and
 * keeps it until the page leaves.
 */
export const requestIdInput = z.string().min(6).max(40).regex(/^[A-Za-z0-9_-]+$/);

/** Empty input: accepts `undefined` or `{}`. */
export const empty = z.object({}).strict().optional().default({});

/** Paging used by every list: server-side, 1-based page ≤ 1000 (no unbounded skip), page size ≤ 50 (platform get() caps at 100). */
export const pageInput = z.object({
  page: z.number().int().min(1).max(1000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
