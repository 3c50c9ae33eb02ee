/** Consent for subscribe messages at a natural tap; Taro picks `.weapp.ts` or `.h5.ts` (this file gives TypeScript the types). */
export { askConsent, warmConsent } from './consent.weapp';
