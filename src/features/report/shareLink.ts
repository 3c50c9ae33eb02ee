/**
 * The community's 报到链接 as people can open it, and sharing it. Taro picks `shareLink.weapp.ts`
 * or `shareLink.h5.ts` by build type; this file only gives TypeScript the mini-program version.
 */
export { openableLink, shareLink, SHARE_IN_PAGE } from './shareLink.weapp';
