import { z } from 'zod';
import '../../core/contracts/zh';
import { requestSchema, type FunctionContract, type Result } from '../../core/contracts/envelope';
import { AppError } from '../../core/contracts/errors';
import { describeZodError } from '../../core/contracts/zh';
import { cloud, type Database } from './cloud';

/** What every handler gets besides its validated input. Identity comes only from the cloud context. */
export interface Ctx {
  openid: string;
  db: Database;
  cloud: typeof cloud;
  /** Time of the invocation; handlers use this instead of `new Date()` so one call sees one "now". */
  now: Date;
}

export type Handlers<C extends FunctionContract> = {
  [A in keyof C]: (input: z.output<C[A]['input']>, ctx: Ctx) => Promise<z.input<C[A]['output']>>;
};

export interface TimerEvent { Type: 'Timer'; TriggerName: string; Time: string }

export interface FunctionOptions {
  /** Runs when the function's timer trigger fires (config.json `triggers`). */
  onTimer?: (event: TimerEvent, ctx: Omit<Ctx, 'openid'>) => Promise<unknown>;
}

function isTimer(event: unknown): event is TimerEvent {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer';
}

/**
 * Builds a cloud function's `main` from its contract and handlers:
 * validate → run → validate the answer. Thrown AppErrors become `{ ok: false, code, message }`;
 * anything else becomes INTERNAL (logged, never leaked to the client).
 */
export function createFunction<C extends FunctionContract>(contract: C, handlers: Handlers<C>, options: FunctionOptions = {}) {
  return async function main(event: unknown): Promise<Result<unknown> | unknown> {
    const database = cloud.database();
    // a timer trigger has no user; a user's call carrying `{ Type: 'Timer' }` is not one
    if (isTimer(event) && !cloud.getWXContext().OPENID) {
      if (!options.onTimer) return { ok: false, code: 'UNKNOWN_ACTION', message: '该函数没有定时任务' };
      return options.onTimer(event, { db: database, cloud, now: new Date() });
    }
    const request = requestSchema.safeParse(event);
    if (!request.success) return { ok: false, code: 'BAD_REQUEST', message: '请求格式不正确' };
    const { action, data } = request.data;
    // `data` is an object (or absent) on every action: anything else is refused before any schema walks it
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
      return { ok: false, code: 'VALIDATION_FAILED', message: '请求数据格式不正确（应为对象）' };
    }
    if (!Object.prototype.hasOwnProperty.call(contract, action)) {
      return { ok: false, code: 'UNKNOWN_ACTION', message: `不支持的操作：${action}` };
    }
    const { OPENID } = cloud.getWXContext();
    if (!OPENID) return { ok: false, code: 'UNAUTHENTICATED', message: '无法识别您的身份，请重新进入小程序' };

    const spec = contract[action];
    const input = spec.input.safeParse(data);
    if (!input.success) {
      return { ok: false, code: 'VALIDATION_FAILED', message: describeZodError(input.error, labelsOf(spec.input)), details: input.error.issues.map((i) => ({ path: i.path, message: i.message })) };
    }
    try {
      const handler = handlers[action as keyof C];
      const out = await handler(input.data, { openid: OPENID, db: database, cloud, now: new Date() });
      const parsed = spec.output.safeParse(out);
      if (!parsed.success) {
        console.error(`[${action}] answer does not match its contract`, parsed.error.issues);
        return { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' };
      }
      return { ok: true, data: parsed.data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
      console.error(`[${action}] failed`, err);
      return { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' };
    }
  };
}

/** Field labels from `.describe('手机号')` on object shapes, so messages name the field in Chinese. */
function labelsOf(schema: z.ZodTypeAny): Record<string, string> {
  const labels: Record<string, string> = {};
  let s: z.ZodTypeAny = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodEffects) {
    s = s instanceof z.ZodEffects ? s.innerType() : (s._def.innerType as z.ZodTypeAny);
  }
  if (s instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(s.shape as Record<string, z.ZodTypeAny>)) {
      if (field.description) labels[key] = field.description;
    }
  }
  return labels;
}
