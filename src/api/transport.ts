import Taro from '@tarojs/taro';
import { ApiError, NETWORK_ERROR } from './errors';
import { getDevOpenid } from '../dev/identity';

/** The request every function receives. */
export interface Envelope {
  action: string;
  data: unknown;
}

export const FUNCTION_TIMEOUT = 'FUNCTION_TIMEOUT';
export const FUNCTION_ERROR = 'FUNCTION_ERROR';

const MSG_NETWORK = '网络异常，请检查网络后重试';
const MSG_TIMEOUT = '服务响应超时，请稍后重试';
const MSG_FUNCTION = '服务暂时不可用，请稍后重试';

/**
 * Call cloud function `fn` and return its raw result (the `{ ok, … }` envelope; `client.ts` reads it).
 * `process.env.TARO_ENV` is replaced at build time, so each bundle keeps exactly one branch:
 * weapp → `wx.cloud.callFunction`, h5 → the local gateway `POST /api/<fn>` with the dev identity.
 */
export async function transport(fn: string, envelope: Envelope): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') return viaGateway(fn, envelope);
  return viaCloud(fn, envelope);
}

async function viaCloud(fn: string, envelope: Envelope): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action: envelope.action, data: envelope.data } });
    return res.result;
  } catch (err) {
    throw cloudError(err);
  }
}

/** Map a rejected `wx.cloud.callFunction` to a Chinese message (the function never answered). */
export function cloudError(err: unknown): ApiError {
  const e = (err ?? {}) as { errCode?: number; errMsg?: string; message?: string };
  const text = `${e.errMsg ?? ''} ${e.message ?? ''}`;
  // -504003: function timed out; -501000 family with "request:fail": no network
  if (e.errCode === -504003 || /timeout|timed out/i.test(text)) return new ApiError(FUNCTION_TIMEOUT, MSG_TIMEOUT);
  if (/request:fail|network|ERR_/i.test(text)) return new ApiError(NETWORK_ERROR, MSG_NETWORK);
  return new ApiError(FUNCTION_ERROR, MSG_FUNCTION, { errCode: e.errCode, errMsg: e.errMsg });
}

async function viaGateway(fn: string, envelope: Envelope): Promise<unknown> {
  let res: Response;
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const openid = getDevOpenid();
    if (openid) headers['x-dev-openid'] = openid;
    res = await fetch(`/api/${encodeURIComponent(fn)}`, { method: 'POST', headers, body: JSON.stringify(envelope) });
  } catch {
    throw new ApiError(NETWORK_ERROR, MSG_NETWORK);
  }
  return gatewayResult(res.status, await res.text());
}

/**
 * Read the gateway's answer. A function's own envelope (`{ ok, … }`) passes through whatever the
 * HTTP status; a crash or timeout the gateway reports becomes a Chinese ApiError.
 */
export function gatewayResult(status: number, text: string): unknown {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object' && typeof (body as { ok?: unknown }).ok === 'boolean') return body;
  const code = body && typeof body === 'object' ? String((body as { code?: unknown; errCode?: unknown }).code ?? (body as { errCode?: unknown }).errCode ?? '') : '';
  if (status === 504 || /TIMEOUT|-504003/i.test(code)) throw new ApiError(FUNCTION_TIMEOUT, MSG_TIMEOUT);
  if (status === 0 || status === 502 || status === 503) throw new ApiError(NETWORK_ERROR, MSG_NETWORK);
  throw new ApiError(FUNCTION_ERROR, MSG_FUNCTION, { status, code });
}
