/**
 * How a failed invocation is reported, mirroring what `wx.cloud.callFunction` gives its `fail`
 * callback on the real platform (errCode + errMsg "cloud.callFunction:fail Error: errCode: …").
 *
 * The gateway answers every call with one of these JSON bodies (request id also in `x-request-id`):
 *   success   HTTP 200      { errMsg: 'cloud.callFunction:ok', result, requestID }   (what callFunction resolves)
 *   failure   HTTP 4xx/5xx  { errCode, errMsg, requestID }                            (what its fail callback gets)
 * The h5 transport (src/api/gateway.ts#gatewayResult) returns `result` or throws on `errCode`.
 */
export const FUNCTION_ERRORS = {
  /** the function threw (or its instance crashed) */
  EXECUTE_FAIL: { errCode: -504002, status: 500, text: 'functions execute fail' },
  /** the function ran past config.json `timeout`; its instance was killed */
  TIMEOUT: { errCode: -504003, status: 504, text: 'Invoking task timed out' },
  /** the function's answer is over the platform's 1 MB limit for a callFunction result */
  RESULT_TOO_LARGE: { errCode: -604001, status: 500, text: 'function result exceeds 1MB' },
  /** no such function deployed */
  NOT_FOUND: { errCode: -501000, status: 404, text: 'FunctionName parameter could not be found' },
  /** request body over the platform's limit (limits.ts) */
  DATA_TOO_LARGE: { errCode: -501007, status: 413, text: 'data exceed max size' },
  /** body is not `{ action?, data? }` JSON, nests too deep, or the identity header is malformed */
  INVALID_PARAM: { errCode: -501007, status: 400, text: 'Invalid parameter' },
} as const;

export type FunctionErrorKind = keyof typeof FUNCTION_ERRORS;

export interface CallFunctionOk { errMsg: 'cloud.callFunction:ok'; result: unknown; requestID: string }
export interface CallFunctionFail { errCode: number; errMsg: string; requestID: string }

export function callFunctionOk(result: unknown, requestID: string): CallFunctionOk {
  return { errMsg: 'cloud.callFunction:ok', result, requestID };
}

export function callFunctionFail(kind: FunctionErrorKind, detail: string, requestID: string): CallFunctionFail & { status: number } {
  const e = FUNCTION_ERRORS[kind];
  return {
    status: e.status,
    errCode: e.errCode,
    errMsg: `cloud.callFunction:fail Error: errCode: ${e.errCode} ${e.text}${detail ? ` | errMsg: ${detail}` : ''}`,
    requestID,
  };
}
