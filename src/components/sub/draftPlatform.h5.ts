import { getDevOpenid } from '../../dev/identity';

/** The h5 build's demo users share one browser's storage: each one's drafts are their own. */
export function draftOwner(): string {
  return getDevOpenid() ?? '';
}

/** A reload or a closed tab unmounts nothing: write the last keystrokes when the document goes. */
export function onLeave(fn: () => void): () => void {
  window.addEventListener('pagehide', fn);
  return () => window.removeEventListener('pagehide', fn);
}
