import { gatewayResult } from '../../src/api/gateway';
import { cloudError } from '../../src/api/cloudError';
import { ApiError } from '../../src/api/errors';

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('did not throw');
}

test('the gateway success body gives the function result (the envelope), whatever it says', () => {
  const envelope = { ok: false, code: 'NOT_FOUND', message: '未找到相关内容' };
  expect(gatewayResult(200, JSON.stringify({ errMsg: 'cloud.callFunction:ok', result: envelope, requestID: 'r' }))).toEqual(envelope);
});

test.each([
  [504, { errCode: -504003, errMsg: 'cloud.callFunction:fail Error: errCode: -504003 Invoking task timed out' }, 'FUNCTION_TIMEOUT', '服务响应超时，请稍后重试'],
  [500, { errCode: -504002, errMsg: 'cloud.callFunction:fail Error: errCode: -504002 functions execute fail | errMsg: boom' }, 'FUNCTION_ERROR', '服务暂时不可用，请稍后重试'],
  [404, { errCode: -501000, errMsg: 'cloud.callFunction:fail Error: errCode: -501000 FunctionName parameter could not be found' }, 'FUNCTION_NOT_FOUND', '服务尚未部署，请联系管理员'],
])('gateway failure %i maps to a Chinese ApiError', (status, body, code, message) => {
  const e = thrown(() => gatewayResult(status, JSON.stringify({ ...body, requestID: 'r' })));
  expect(e).toBeInstanceOf(ApiError);
  expect(e.code).toBe(code);
  expect(e.message).toBe(message);
});

test('a proxy error page or an empty 502 is a network error', () => {
  const e = thrown(() => gatewayResult(502, '<html>Bad Gateway</html>'));
  expect(e.code).toBe('NETWORK_ERROR');
  expect(e.message).toBe('网络异常，请检查网络后重试');
});

test('weapp callFunction rejections map the same way', () => {
  expect(cloudError({ errCode: -504003, errMsg: 'cloud.callFunction:fail timeout' }).code).toBe('FUNCTION_TIMEOUT');
  expect(cloudError({ errMsg: 'cloud.callFunction:fail request:fail' }).code).toBe('NETWORK_ERROR');
  expect(cloudError(new Error('weird')).code).toBe('FUNCTION_ERROR');
  expect(cloudError(undefined).message).toBe('服务暂时不可用，请稍后重试');
});
