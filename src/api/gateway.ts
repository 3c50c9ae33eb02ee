import { ApiError, NETWORK_ERROR } from './errors';
import { cloudError, MSG_NETWORK } from './cloudError';
import { getDevOpenid } from '../dev/identity';

/**
 * h5 only: the local gateway `POST /api/<fn>` on the same origin, as the chosen demo user.
 * Only `transport.h5.ts` imports this module, so the weapp bundle never contains it.
 */
export async function viaGateway(fn: string, envelope: { action: string; data: unknown }): Promise<unknown> {
  let res: Response;
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const openid = getDevOpenid();
    if (openid) headers['x-dev-openid'] = openid;
    res = await fetch(`/api/${encodeURIComponent(fn)}`, { method: 'POST', headers, body: JSON.stringify(envelope) });
  } catch {
    throw new ApiError(NETWORK_ERROR, MSG_NETWORK);
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new ApiError(NETWORK_ERROR, MSG_NETWORK);
  }
  return gatewayResult(res.status, text);
}

/**
 * Read the gateway's answer, shaped like `wx.cloud.callFunction`'s (emulator/gateway/errors.ts):
 * success `{ errMsg: 'cloud.callFunction:ok', result }` → `result`;
 * failure `{ errCode, errMsg }` → the same ApiError the weapp build would throw.
 */
export function gatewayResult(status: number, text: string): unknown {
  let body: { result?: unknown; errCode?: number; errMsg?: string } | undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object') {
    if (typeof body.errCode === 'number' && body.errCode !== 0) throw cloudError(body);
    if (status < 400 && 'result' in body) return body.result;
  }
  if (status === 504) throw cloudError({ errCode: -504003 });
  if (status === 502 || status === 503 || status === 0) throw new ApiError(NETWORK_ERROR, MSG_NETWORK);
  throw cloudError({ errMsg: `HTTP ${status}` });
}
