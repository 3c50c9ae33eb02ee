/**
 * Keeps the screen awake while the sign-in code is shown. Taro picks `keepScreenOn.weapp.ts` or
 * `keepScreenOn.h5.ts` by build type (h5 has no setKeepScreenOn: calling it logged "暂时不支持 API");
 * this file only gives TypeScript the mini-program version.
 */
export { keepScreenOn } from './keepScreenOn.weapp';
