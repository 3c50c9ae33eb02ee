/**
 * Environment that points the unmodified wx-server-sdk at the local emulator. Function code keeps
 * `cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })`; only these variables differ from the cloud.
 *
 * - TCB_CONTEXT_CNFG.URL: the SDK's service URL override.
 * - TENCENTCLOUD=true: skips the Tencent metadata-host lookup that otherwise hangs offline.
 * - TCB_CONTEXT_KEYS lists TCB_SEQID so that a runner setting `process.env.TCB_SEQID` per invocation
 *   gets every database call of that invocation attributed to it (seqId=<TCB_SEQID>-<event>).
 */
export function sdkEnv(port: number, host = '127.0.0.1'): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://${host}:${port}/admin` }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_ENV: 'local',
    SILENCE: 'true',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
  };
}
