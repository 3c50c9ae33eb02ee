/**
 * Calling a cloud function: Taro picks `transport.weapp.ts` (wx.cloud) or `transport.h5.ts` (local
 * gateway) by build type; this file only gives TypeScript (and jest) the mini-program version's types.
 */
export { transport, type Envelope, type Transport } from './transport.weapp';
