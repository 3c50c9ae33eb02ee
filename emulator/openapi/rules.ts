/**
 * WeChat's validation rules for the two open APIs the app uses, as pure functions returning the
 * platform's `{ errcode, errmsg }` or null. Sources: WeChat docs for subscribeMessage.send
 * (field types table) and getUnlimitedQRCode (scene/page rules).
 */
export interface WxError { errcode: number; errmsg: string }

const err = (errcode: number, errmsg: string): WxError => ({ errcode, errmsg: `${errmsg} rid: local` });

/** scene: ≤ 32 visible characters of 0-9A-Za-z!#$&'()*+,/:;=?@-._~ */
export const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function checkUnlimitedParams(p: { scene?: unknown; page?: unknown; width?: unknown; env_version?: unknown }): WxError | null {
  if (typeof p.scene !== 'string' || !SCENE_RE.test(p.scene)) {
    return err(40169, 'invalid length for scene, or the data is not json string');
  }
  if (p.page !== undefined) {
    // page: no leading '/', no query (parameters go into scene)
    if (typeof p.page !== 'string' || p.page.startsWith('/') || p.page.includes('?') || !/^[\w\-/]+$/.test(p.page)) {
      return err(41030, 'invalid page');
    }
  }
  if (p.env_version !== undefined && !['release', 'trial', 'develop'].includes(String(p.env_version))) {
    return err(40097, 'invalid args');
  }
  if (p.width !== undefined && (typeof p.width !== 'number' || !Number.isFinite(p.width))) {
    return err(40097, 'invalid args');
  }
  return null;
}

const CHINESE = /^[\u3400-\u9fff]+$/u;
const LETTERS = /^[A-Za-z\s]+$/;
const chars = (s: string) => Array.from(s).length;

/** Per-type rule of a template field (key prefix before the trailing number: `thing1` → thing). */
const FIELD_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => chars(v) >= 1 && chars(v) <= 20,
  number: (v) => /^-?\d+(\.\d+)?$/.test(v) && v.length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\sA-Za-z0-9\u3400-\u9fff]{1,5}$/u.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$|^\d{1,2}:\d{2}(:\d{2})?$/.test(v.trim()),
  date: (v) => /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$/.test(v.trim()),
  amount: (v) => /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => chars(v) >= 1 && chars(v) <= 8,
  // ≤ 10 Chinese characters, or ≤ 20 letters
  name: (v) => (CHINESE.test(v) && chars(v) <= 10) || (LETTERS.test(v) && v.length <= 20),
  // ≤ 5 Chinese characters
  phrase: (v) => CHINESE.test(v) && chars(v) <= 5,
};

export function fieldType(key: string): string {
  return key.replace(/\d+$/, '');
}

export function checkSubscribeParams(
  p: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown; miniprogram_state?: unknown },
): WxError | null {
  if (typeof p.touser !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(p.touser)) return err(40003, 'invalid openid');
  if (typeof p.template_id !== 'string' || !p.template_id.trim()) return err(40037, 'invalid template_id');
  if (p.page !== undefined && (typeof p.page !== 'string' || p.page.startsWith('/') && p.page.length === 1)) return err(41030, 'invalid page');
  if (p.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(String(p.miniprogram_state))) {
    return err(40097, 'invalid args: miniprogram_state');
  }
  if (!p.data || typeof p.data !== 'object' || Array.isArray(p.data) || !Object.keys(p.data).length) {
    return err(47003, 'argument invalid! data is empty');
  }
  for (const [key, field] of Object.entries(p.data as Record<string, unknown>)) {
    const raw = field && typeof field === 'object' ? (field as { value?: unknown }).value : undefined;
    const value = typeof raw === 'number' ? String(raw) : raw;
    const rule = FIELD_RULES[fieldType(key)];
    if (typeof value !== 'string' || !rule || !rule(value)) {
      return err(47003, `argument invalid! data.${key}.value invalid`);
    }
  }
  return null;
}
