/** A mini-program's storage belongs to one WeChat user already: no owner in the key. */
export function draftOwner(): string {
  return '';
}

/** Leaving is the page's unload or hide (useDraft handles both): nothing more to listen to. */
export function onLeave(_fn: () => void): () => void {
  return () => undefined;
}
