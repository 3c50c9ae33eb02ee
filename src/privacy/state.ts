import Taro from '@tarojs/taro';

/**
 * Privacy consent, one small store for both platforms.
 * weapp: WeChat fires `onNeedPrivacyAuthorization` before the first privacy-related API call;
 * we keep its `resolve` until the user answers in PrivacyPopup.
 * h5: a one-time consent sheet before personal data is entered, remembered in localStorage.
 */
type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

const H5_KEY = 'sbd.privacyAgreed.v1';
let pending: Resolve | null = null;
let asked = false;
const listeners = new Set<(open: boolean) => void>();

function emit(open: boolean): void {
  listeners.forEach((l) => l(open));
}

/** Called once at app launch on weapp. */
export function listenPrivacy(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  type On = (cb: (resolve: Resolve) => void) => void;
  // Taro proxies every wx API present at launch; fall back to wx itself on older Taro runtimes
  const on = (Taro as unknown as { onNeedPrivacyAuthorization?: On }).onNeedPrivacyAuthorization ?? (globalThis as unknown as { wx?: { onNeedPrivacyAuthorization?: On } }).wx?.onNeedPrivacyAuthorization;
  if (!on) return; // base library < 2.32.3: WeChat shows its own prompt
  on((resolve) => {
    pending = resolve;
    asked = true;
    emit(true);
  });
}

export function onPrivacyRequest(listener: (open: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** h5: consent is per demo identity, so switching to a new user asks again. */
function h5Key(): string {
  // required only inside this block so webpack drops the dev identity module from the weapp
  // bundle (an early `return` before the require would not be enough)
  if (process.env.TARO_ENV === 'h5') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
    const { getDevOpenid } = require('../dev/identity') as typeof import('../dev/identity');
    return `${H5_KEY}:${getDevOpenid() ?? ''}`;
  }
  return H5_KEY;
}

/** h5: true once this user agreed on this device. weapp: WeChat keeps the record itself. */
export function h5Agreed(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(h5Key()) === '1';
  } catch {
    return false;
  }
}

export function isRequested(): boolean {
  return asked;
}

export function answer(agree: boolean): void {
  if (process.env.TARO_ENV === 'h5' && agree) {
    try {
      localStorage.setItem(h5Key(), '1');
    } catch {
      // private mode: ask again next time
    }
  }
  pending?.(agree ? { event: 'agree', buttonId: 'sbd-privacy-agree' } : { event: 'disagree' });
  pending = null;
  asked = false;
  emit(false);
}

/** Reset for tests and for "撤回同意" on h5. */
export function resetH5Consent(): void {
  try {
    localStorage.removeItem(h5Key());
  } catch {
    // nothing stored
  }
}
