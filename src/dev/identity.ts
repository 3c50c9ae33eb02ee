/**
 * Local sign-in for the h5 build only: the chosen demo user's openid, kept in localStorage and sent
 * as `x-dev-openid` to the local gateway. The weapp build never imports this module (every import
 * sits behind `process.env.TARO_ENV === 'h5'`), and the deployable functions ignore the header.
 */
const KEY = 'sbd.devOpenid';
const listeners = new Set<(openid: string | null) => void>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function getDevOpenid(): string | null {
  return storage()?.getItem(KEY) || null;
}

export function setDevOpenid(openid: string | null): void {
  const s = storage();
  if (s) {
    if (openid) s.setItem(KEY, openid);
    else s.removeItem(KEY);
  }
  listeners.forEach((l) => l(openid));
}

export function onDevOpenidChange(listener: (openid: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
