/** Scanning a redeem code; Taro picks `.weapp.ts` or `.h5.ts` (this file gives TypeScript the types). */
export { canScan, scanCode } from './scan.weapp';
