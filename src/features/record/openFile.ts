/**
 * Opens a file behind a temporary link (xlsx export, certificate PDF). Taro picks `openFile.weapp.ts`
 * or `openFile.h5.ts` by build type; this file only gives TypeScript the mini-program version.
 */
export { openFile } from './openFile.weapp';
