import Taro from '@tarojs/taro';
import { cloudError } from './cloudError';

/** The request every function receives. */
export interface Envelope {
  action: string;
  data: unknown;
}

/**
 * Call cloud function `fn` and return its raw result (the `{ ok, … }` envelope; `client.ts` reads it).
 * `process.env.TARO_ENV` is replaced at build time, so each bundle keeps exactly one branch:
 * weapp → `wx.cloud.callFunction`; h5 → the local gateway (`gateway.ts`, required only here so the
 * dev identity header never reaches the weapp bundle).
 */
export function transport(fn: string, envelope: Envelope): Promise<unknown> {
  // Not async on purpose: babel's async transform would move this `if` into a state machine and
  // webpack could no longer see that the h5 require is dead in the weapp build.
  if (process.env.TARO_ENV === 'h5') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
    const gateway = require('./gateway') as typeof import('./gateway');
    return gateway.viaGateway(fn, envelope);
  }
  return viaCloud(fn, envelope);
}

async function viaCloud(fn: string, envelope: Envelope): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action: envelope.action, data: envelope.data } });
    return res.result;
  } catch (err) {
    throw cloudError(err);
  }
}
