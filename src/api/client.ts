import type { Contracts, FunctionName } from '@core/contracts';
import type { z } from 'zod';
import { ApiError, BAD_RESPONSE } from './errors';
import { transport } from './transport';

type Fn<C> = { [A in keyof C]: C[A] extends { input: z.ZodTypeAny; output: z.ZodTypeAny } ? (input?: z.input<C[A]['input']>) => Promise<z.output<C[A]['output']>> : never };
export type Api = { [F in FunctionName]: Fn<Contracts[F]> };

/**
 * The only place the UI calls the cloud. `await api.report.submit({...})` calls the function and
 * returns its `data`, or throws an ApiError with the function's code and Chinese message.
 *
 * The contracts are imported for their types only: every function validates its input with the
 * full schema and answers VALIDATION_FAILED naming the field ("任务名称：此项不能为空"), and its
 * answer was validated against the output schema before it left the function. Parsing both again
 * here put zod and every contract with its descriptions into the weapp main package (≈ 110 KiB);
 * forms check what they can cheaply (required fields) and show the function's message otherwise.
 */
export async function call(fn: FunctionName, action: string, input: unknown): Promise<unknown> {
  const result = await transport(fn, { action, data: input === undefined ? {} : input });
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
