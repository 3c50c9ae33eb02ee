import type { Gateway } from './index';
import { jsonTooDeep, MAX_JSON_DEPTH, MAX_REQUEST_BYTES } from './limits';

/**
 * `cloud.callFunction` from INSIDE a function reaches the emulator as action
 * `functions.invokeFunction` `{ function_name, request_data }` (request_data = JSON text).
 * This extra action runs it through the gateway's pools and answers what the SDK reads:
 * `{ data: { response_data } }`, or `{ code: 'FUNCTIONS_EXECUTE_FAIL', message }` (→ errCode -504002).
 * The callee gets no user identity (empty OPENID): a function-to-function call carries none here,
 * so a callee must not rely on it.
 */
export function invokeFunctionAction(getGateway: () => Gateway | undefined) {
  return async (req: { body: Buffer }): Promise<unknown> => {
    const gateway = getGateway();
    let params: { function_name?: unknown; request_data?: unknown };
    try { params = JSON.parse(req.body.toString('utf8')) as typeof params; } catch { return { code: 'INVALID_PARAM', message: 'functions.invokeFunction: body is not JSON' }; }
    const name = typeof params.function_name === 'string' ? params.function_name : '';
    if (!gateway) return { code: 'FUNCTIONS_REQUEST_FAIL', message: 'functions.invokeFunction: no function gateway running' };
    let event: unknown = {};
    if (typeof params.request_data === 'string' && params.request_data) {
      if (params.request_data.length > MAX_REQUEST_BYTES) return { code: 'INVALID_PARAM', message: 'data exceed max size' };
      if (jsonTooDeep(params.request_data)) return { code: 'INVALID_PARAM', message: `request_data nests deeper than ${MAX_JSON_DEPTH} levels` };
      try { event = JSON.parse(params.request_data); } catch { return { code: 'INVALID_PARAM', message: 'request_data is not JSON' }; }
    }
    try {
      const outcome = await gateway.invoke(name, event, {}, 'wx_function');
      if (outcome.kind === 'ok') return { data: { response_data: JSON.stringify(outcome.result ?? null) } };
      if (outcome.kind === 'timeout') return { code: 'FUNCTIONS_EXECUTE_FAIL', message: `Invoking task timed out after ${outcome.timeoutSec} seconds` };
      return { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.message };
    } catch (err) {
      return { code: 'FUNCTIONS_REQUEST_FAIL', message: `FunctionName ${name}: ${(err as Error).message}` };
    }
  };
}
