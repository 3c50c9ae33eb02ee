import cloud from 'wx-server-sdk';

/**
 * The one place a function initialises the SDK. The same code runs on WeChat's cloud and against
 * the local emulator: which one is chosen only by environment variables, never here.
 */
// DYNAMIC_CURRENT_ENV is a symbol the SDK understands (the environment the call came from), but
// its typings admit only a string `env`: init is applied untyped rather than cast.
Reflect.apply(cloud.init, cloud, [{ env: cloud.DYNAMIC_CURRENT_ENV }]);

export { cloud };
export const db = () => cloud.database();
export type Database = ReturnType<typeof cloud.database>;
