/**
 * Whose drafts: Taro picks `draftOwner.weapp.ts` or `draftOwner.h5.ts` by build type; this file only
 * gives TypeScript (and jest) the mini-program version.
 */
export { draftOwner } from './draftOwner.weapp';
