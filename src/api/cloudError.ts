import { ApiError, NETWORK_ERROR } from './errors';

export const FUNCTION_TIMEOUT = 'FUNCTION_TIMEOUT';
export const FUNCTION_ERROR = 'FUNCTION_ERROR';
export const FUNCTION_NOT_FOUND = 'FUNCTION_NOT_FOUND';

export const MSG_NETWORK = '网络异常，请检查网络后重试';
const MSG_TIMEOUT = '服务响应超时，请稍后重试';
const MSG_FUNCTION = '服务暂时不可用，请稍后重试';
const MSG_NOT_FOUND = '服务尚未部署，请联系管理员';

/**
 * Map a failed `callFunction` (the function never gave its own answer) to a Chinese ApiError.
 * Same codes on both platforms: weapp's `fail` result and the local gateway's failure body carry
 * `errCode` + `errMsg` (-504003 timeout, -504002 function crashed, -501000 no such function).
 */
export function cloudError(err: unknown): ApiError {
  const e = (err ?? {}) as { errCode?: number; errMsg?: string; message?: string };
  const text = `${e.errMsg ?? ''} ${e.message ?? ''}`;
  const details = { errCode: e.errCode, errMsg: e.errMsg ?? e.message };
  if (e.errCode === -504003 || /timed out|timeout/i.test(text)) return new ApiError(FUNCTION_TIMEOUT, MSG_TIMEOUT, details);
  if (e.errCode === -501000 || /FunctionName parameter could not be found/i.test(text)) return new ApiError(FUNCTION_NOT_FOUND, MSG_NOT_FOUND, details);
  if (e.errCode === -504002 || /execute fail/i.test(text)) return new ApiError(FUNCTION_ERROR, MSG_FUNCTION, details);
  if (/request:fail|network|Failed to fetch/i.test(text)) return new ApiError(NETWORK_ERROR, MSG_NETWORK, details);
  return new ApiError(FUNCTION_ERROR, MSG_FUNCTION, details);
}
