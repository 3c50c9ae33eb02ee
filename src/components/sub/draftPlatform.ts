/**
 * What drafts need from the platform: Taro picks `draftPlatform.weapp.ts` or `draftPlatform.h5.ts`
 * by build type; this file only gives TypeScript (and jest) the mini-program version.
 */
export { draftOwner, onLeave } from './draftPlatform.weapp';
