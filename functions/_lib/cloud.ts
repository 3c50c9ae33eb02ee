import cloud from 'wx-server-sdk';

/**
 * The one place a function initialises the SDK. The same code runs on WeChat's cloud and against
 * the local emulator: which one is chosen only by environment variables, never here.
 */
// DYNAMIC_CURRENT_ENV is a symbol the SDK understands; its typings only admit strings.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = () => cloud.database();
export type Database = ReturnType<typeof cloud.database>;
