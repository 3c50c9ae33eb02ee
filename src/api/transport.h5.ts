import type { Transport } from './transport.weapp';
import { viaGateway } from './gateway';

export type { Envelope, Transport } from './transport.weapp';

/**
 * h5: the local gateway `POST /api/<fn>` as the chosen demo user (`gateway.ts`). Taro picks this
 * file for the h5 build only, so the dev identity header never reaches the weapp bundle.
 */
export const transport: Transport = (fn, envelope) => viaGateway(fn, envelope);
