import { getDevOpenid } from '../../dev/identity';

/** The h5 build's demo users share one browser's storage: each one's drafts are their own. */
export function draftOwner(): string {
  return getDevOpenid() ?? '';
}
