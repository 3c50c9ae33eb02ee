import Taro from '@tarojs/taro';
import { cloudError } from './cloudError';

/** The request every function receives. */
export interface Envelope {
  action: string;
  data: unknown;
}

/** Call cloud function `fn` and return its raw result (the `{ ok, … }` envelope; `client.ts` reads it). */
export type Transport = (fn: string, envelope: Envelope) => Promise<unknown>;

/** Mini-program: `wx.cloud.callFunction`. (h5: `transport.h5.ts`, chosen by Taro's file suffix.) */
export const transport: Transport = async (fn, envelope) => {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action: envelope.action, data: envelope.data } });
    return res.result;
  } catch (err) {
    throw cloudError(err);
  }
};
