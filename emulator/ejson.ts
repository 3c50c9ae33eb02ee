/**
 * MongoDB Extended JSON as the SDK speaks it, both ways.
 *
 * In: the SDK sends queries, updates and documents as EJSON strings (canonical numbers such as
 * `{"$numberInt":"1"}`, `{"$date":{"$numberLong":"…"}}`, `{"$regularExpression":{…}}`) plus the
 * CloudBase-only `{"$tcb_server_date":{"offset":n}}`, which the server replaces by its clock + offset.
 * Out: documents go back as EJSON strings the SDK decodes with `EJSON.parse` (Dates come back as Date).
 */
export class EjsonError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/** Decode an already JSON-parsed EJSON value into plain JS values (Date, RegExp, numbers). */
export function fromEjson(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => fromEjson(v, now));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 || keys.length === 2) {
    const k = keys[0];
    switch (k) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        if (keys.length === 1) return parseNumber(obj[k]);
        break;
      case '$date':
        if (keys.length === 1) return parseDate(obj[k]);
        break;
      case '$regularExpression': {
        if (keys.length !== 1) break;
        const r = obj[k] as { pattern: string; options?: string };
        return new RegExp(r.pattern, jsFlags(r.options ?? ''));
      }
      case '$oid':
        if (keys.length === 1) return String(obj[k]);
        break;
      case '$tcb_server_date': {
        if (keys.length !== 1) break;
        const spec = (obj[k] ?? {}) as { offset?: unknown };
        const offset = Number(fromEjson(spec.offset ?? 0, now)) || 0;
        return new Date(now + offset);
      }
      case '$undefined':
        if (keys.length === 1) return undefined;
        break;
      default:
        break;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromEjson(obj[key], now);
  return out;
}

function parseNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  const s = String(raw);
  if (s === 'NaN') return NaN;
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  const n = Number(s);
  if (Number.isNaN(n)) throw new EjsonError(`bad EJSON number ${s}`);
  return n;
}

function parseDate(raw: unknown): Date {
  if (typeof raw === 'number') return new Date(raw);
  if (typeof raw === 'string') {
    if (ISO_DATE.test(raw)) return new Date(raw);
    return new Date(Number(raw));
  }
  if (raw && typeof raw === 'object' && '$numberLong' in raw) return new Date(Number((raw as { $numberLong: string }).$numberLong));
  throw new EjsonError(`bad EJSON date ${JSON.stringify(raw)}`);
}

/** MongoDB regex options → JS flags (x and l have no JS equivalent and are refused). */
function jsFlags(options: string): string {
  let flags = '';
  for (const ch of options) {
    if (ch === 'i' || ch === 'm' || ch === 's' || ch === 'u') flags += ch;
    else throw new EjsonError(`unsupported regular expression option "${ch}"`);
  }
  return flags;
}

/** Parse an EJSON string sent by the SDK. */
export function parseEjson(text: string | undefined | null, now: number): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  return fromEjson(JSON.parse(text), now);
}

/** Plain JS value → relaxed EJSON-compatible JSON value (what we send back and keep on disk). */
export function toEjson(value: unknown): unknown {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } };
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags } };
  if (Array.isArray(value)) return value.map(toEjson);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $numberDouble: 'NaN' };
    if (value === Infinity) return { $numberDouble: 'Infinity' };
    if (value === -Infinity) return { $numberDouble: '-Infinity' };
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) out[k] = toEjson(v);
  }
  return out;
}

export function stringifyEjson(value: unknown): string {
  return JSON.stringify(toEjson(value));
}

/** Deep copy of a stored document (Dates and RegExps kept as such). */
export function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as unknown as T;
  if (Array.isArray(value)) return value.map(clone) as unknown as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = clone(v);
  return out as T;
}
