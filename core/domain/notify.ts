/**
 * Rules of delivering notices (pure): quiet hours in China time, retry backoff, which openapi
 * errors are final, and subscribe-message templates as configuration checked against WeChat's
 * field limits (thing ≤ 20 chars, phrase ≤ 5, name ≤ 10, time/date formatted).
 */

const HOUR = 3_600_000;
const CHINA = 8 * HOUR;

export interface QuietHours { startHour: number; endHour: number }
/** Default quiet hours: 22:00–08:00 China time. */
export const QUIET_HOURS: QuietHours = { startHour: 22, endHour: 8 };

/** Hour of the day in China (UTC+8, no daylight saving). */
export const chinaHour = (at: Date): number => new Date(at.getTime() + CHINA).getUTCHours();

/** `hour`:00 China time on the China-time day of `at`. */
export function chinaToday(at: Date, hour: number): Date {
  const local = new Date(at.getTime() + CHINA);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - CHINA + hour * HOUR);
}

/** The next moment at or after `at` when the China-time clock shows `hour`:00. */
export function nextChinaHour(at: Date, hour: number): Date {
  const t = chinaToday(at, hour).getTime();
  return new Date(t < at.getTime() ? t + 24 * HOUR : t);
}

/** When quiet hours end, if `at` falls inside them; null when a push may go now. */
export function quietUntil(at: Date, q: QuietHours = QUIET_HOURS): Date | null {
  const h = chinaHour(at);
  const inside = q.startHour > q.endHour ? h >= q.startHour || h < q.endHour : h >= q.startHour && h < q.endHour;
  return inside ? nextChinaHour(at, q.endHour) : null;
}

/** Transient failures are retried after 30 s, 2 min, 10 min, 30 min, 2 h; then given up. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const backoffMs = (attempts: number): number => RETRY_DELAYS_MS[Math.min(Math.max(attempts - 1, 0), RETRY_DELAYS_MS.length - 1)];

/** Errors no retry can fix: no consent, bad user, bad template/page/field. */
const FINAL: Record<number, string> = {
  43101: '用户未授权或已用完订阅次数',
  40003: 'openid 无效',
  40037: '模板 id 无效',
  41030: '页面路径无效',
  47003: '模板字段不符合要求',
};
export function finalPushError(errCode: number | undefined): string | null {
  return errCode !== undefined && FINAL[errCode] ? `${errCode} ${FINAL[errCode]}` : null;
}

/** `YYYY-MM-DD HH:mm` in China time (the `time` field format). */
export function chinaTime(d: Date): string {
  const t = new Date(d.getTime() + CHINA).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

// ---------------------------------------------------------------- templates as configuration

export type Flow = 'signup' | 'claim' | 'report' | 'pledge';
export const FLOWS: Flow[] = ['signup', 'claim', 'report', 'pledge'];
/** WeChat shows at most 3 templates per consent request on every client. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

export interface TemplateSpec {
  /** our name, e.g. `taskReminder`; a notice may name its template, else the first listing its kind */
  name: string;
  /** WeChat template id (empty: not configured in this deployment → no push) */
  id: string;
  kinds: string[];
  /** template field → source: `title`, `body` or a key of the notice's `values` */
  fields: Record<string, string>;
  /** consent requested at these taps */
  flows: Flow[];
}

const LIMITS: Record<string, number> = {
  thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, amount: 20, car_number: 8, phone_number: 17,
};
const FIELD_RE = /^(thing|phrase|name|time|date|character_string|number|letter|symbol|amount|car_number|phone_number)\d+$/;

/** Templates of this deployment as function env vars name them (the defaults' fields match the templates the app was built with). */
export function defaultTemplates(env: Record<string, string | undefined>): TemplateSpec[] {
  return [
    { name: 'reportResult', id: env.SUBSCRIBE_TPL_REPORT_RESULT ?? '', kinds: ['report'], fields: { thing1: 'place', phrase2: 'status' }, flows: ['report'] },
    { name: 'reportReminder', id: env.SUBSCRIBE_TPL_REPORT_REMINDER ?? '', kinds: ['reminder'], fields: { thing1: 'unit', thing2: 'title' }, flows: ['report'] },
    { name: 'taskReminder', id: env.SUBSCRIBE_TPL_TASK_REMINDER ?? '', kinds: [], fields: { thing1: 'task', time2: 'time', thing3: 'place' }, flows: ['signup'] },
    { name: 'taskChange', id: env.SUBSCRIBE_TPL_TASK_CHANGE ?? '', kinds: ['task'], fields: { thing1: 'task', time2: 'time', thing3: 'note' }, flows: ['signup'] },
    // 承诺审核结果 / 践诺提醒 / 评诺结果 — asked when the member submits a pledge
    { name: 'pledgeNotice', id: env.SUBSCRIBE_TPL_PLEDGE ?? '', kinds: ['pledge'], fields: { thing1: 'title', thing2: 'body' }, flows: ['pledge'] },
    // 心愿认领进展 / 7 天提醒 / 自动释放 / 确认 — asked when the member claims or joins a wish
    { name: 'wishNotice', id: env.SUBSCRIBE_TPL_WISH ?? '', kinds: ['wish'], fields: { thing1: 'title', thing2: 'body' }, flows: ['claim'] },
  ];
}

/**
 * The deployment's templates: the defaults, overridden or extended by `NOTIFY_TEMPLATES` (a JSON
 * array of TemplateSpec). Problems are returned, not thrown: a bad template pushes nothing, the
 * inbox still works, and the start-up check logs every problem in Chinese-readable detail.
 */
export function loadTemplates(env: Record<string, string | undefined>): { templates: TemplateSpec[]; problems: string[] } {
  const problems: string[] = [];
  const byName = new Map(defaultTemplates(env).map((t) => [t.name, t]));
  if (env.NOTIFY_TEMPLATES) {
    try {
      const extra = JSON.parse(env.NOTIFY_TEMPLATES) as unknown;
      if (!Array.isArray(extra)) throw new Error('not an array');
      for (const t of extra as Partial<TemplateSpec>[]) {
        if (!t || typeof t.name !== 'string') { problems.push('NOTIFY_TEMPLATES: an entry has no name'); continue; }
        byName.set(t.name, { ...(byName.get(t.name) ?? { kinds: [], fields: {}, flows: [], id: '' }), ...t } as TemplateSpec);
      }
    } catch (err) {
      problems.push(`NOTIFY_TEMPLATES is not a JSON array of templates: ${(err as Error).message}`);
    }
  }
  const templates = [...byName.values()];
  for (const t of templates) problems.push(...checkTemplate(t));
  for (const f of FLOWS) {
    const asked = templates.filter((t) => t.id && t.flows.includes(f));
    if (asked.length > MAX_TEMPLATES_PER_REQUEST) problems.push(`flow ${f}: ${asked.length} templates asked at one tap (at most ${MAX_TEMPLATES_PER_REQUEST})`);
  }
  return { templates, problems };
}

/** Sources that can never fit a short field (a phrase is a status word like 已通过, not a title). */
const LONG_SOURCES = new Set(['title', 'body']);

export function checkTemplate(t: TemplateSpec): string[] {
  const out: string[] = [];
  if (!Array.isArray(t.kinds) || !Array.isArray(t.flows) || !t.fields || typeof t.fields !== 'object') return [`template ${t.name}: kinds, flows and fields are required`];
  if (!Object.keys(t.fields).length) out.push(`template ${t.name}: no fields`);
  for (const f of t.flows) if (!FLOWS.includes(f)) out.push(`template ${t.name}: unknown flow ${f}`);
  for (const [field, source] of Object.entries(t.fields)) {
    const m = FIELD_RE.exec(field);
    if (!m) { out.push(`template ${t.name}: unknown field type ${field}`); continue; }
    const type = m[1];
    if ((type === 'phrase' || type === 'symbol') && LONG_SOURCES.has(source)) out.push(`template ${t.name}: ${field} (≤ ${LIMITS[type]} chars) cannot carry the ${source}`);
    if ((type === 'time' || type === 'date') && source !== 'time' && source !== 'date') out.push(`template ${t.name}: ${field} needs a time value, not ${source}`);
  }
  return out;
}

/**
 * The template's field values for a notice, within the limits (thing cut to 20, name to 10);
 * `{ missing }` when the notice lacks a value or a short field's value is too long.
 */
export function renderFields(
  t: TemplateSpec,
  n: { title: string; body: string; values: Record<string, string> },
): { data: Record<string, { value: string }> } | { missing: string } {
  const data: Record<string, { value: string }> = {};
  for (const [field, source] of Object.entries(t.fields)) {
    const raw = source === 'title' ? n.title : source === 'body' ? n.body : n.values[source];
    if (raw === undefined || raw === '') return { missing: `${field}←${source}` };
    const type = FIELD_RE.exec(field)?.[1] ?? 'thing';
    const limit = LIMITS[type];
    const chars = [...raw];
    if (type === 'phrase' || type === 'symbol') {
      if (chars.length > limit) return { missing: `${field} 超过 ${limit} 字` };
      data[field] = { value: raw };
    } else if (type === 'time' || type === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/.test(raw)) return { missing: `${field} 时间格式` };
      data[field] = { value: raw };
    } else {
      data[field] = { value: limit ? chars.slice(0, limit).join('') : raw };
    }
  }
  return { data };
}

export function templateFor(templates: TemplateSpec[], n: { kind: string; values: Record<string, string> }): TemplateSpec | undefined {
  const named = n.values.template;
  if (named) return templates.find((t) => t.name === named);
  return templates.find((t) => t.kinds.includes(n.kind));
}
