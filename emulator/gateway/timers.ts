import parser from 'cron-parser';

/**
 * Timer triggers as WeChat's cloud runs them: config.json `triggers: [{ name, type: 'timer', config }]`
 * with a 7-field cron "sec min hour day month weekday year". cron-parser understands the first six;
 * the year field is checked here.
 */
export interface TimerTrigger { name: string; type: string; config: string }

export interface ParsedCron { next(after: Date): Date | null }

function yearMatches(field: string, year: number): boolean {
  if (field === '*' || field === '?') return true;
  return field.split(',').some((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [lo, hi] = range === '*' ? [0, 9999] : range.includes('-') ? range.split('-').map(Number) : [Number(range), stepText ? 9999 : Number(range)];
    return year >= lo && year <= hi && (year - lo) % step === 0;
  });
}

export function parseCron(expr: string): ParsedCron {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer cron must have 7 fields (sec min hour day month weekday year): "${expr}"`);
  const yearField = fields[6];
  // WeChat allows '?'-less expressions; cron-parser accepts '?' too, so pass through.
  const six = fields.slice(0, 6).join(' ');
  // WeChat reads timer crons in Beijing time (UTC+8), whatever the function's own TZ.
  const tz = 'Asia/Shanghai';
  parser.parseExpression(six, { tz }); // throws on a bad expression now, not at the first tick
  return {
    next(after: Date) {
      const it = parser.parseExpression(six, { currentDate: after, tz });
      for (let i = 0; i < 1000; i++) {
        const d = it.next().toDate();
        if (yearMatches(yearField, d.getFullYear())) return d;
        if (d.getFullYear() > after.getFullYear() + 50) return null;
      }
      return null;
    },
  };
}

/** Schedules each trigger; returns a stop function. `fire` must not throw. */
export function scheduleTimers(
  triggers: Array<{ fn: string; trigger: TimerTrigger }>,
  fire: (fn: string, triggerName: string, time: Date) => Promise<void>,
): () => void {
  const handles = new Set<NodeJS.Timeout>();
  let stopped = false;
  for (const { fn, trigger } of triggers) {
    if (trigger.type !== 'timer') continue;
    const cron = parseCron(trigger.config);
    const arm = (after: Date) => {
      if (stopped) return;
      const at = cron.next(after);
      if (!at) return;
      // setTimeout caps at ~24.8 days; re-arm in steps for anything later.
      const delay = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
      const h = setTimeout(() => {
        handles.delete(h);
        if (Date.now() + 5 < at.getTime()) { arm(after); return; }
        void fire(fn, trigger.name, at).finally(() => arm(new Date(Math.max(Date.now(), at.getTime()))));
      }, Math.max(0, delay));
      h.unref?.();
      handles.add(h);
    };
    arm(new Date());
  }
  return () => { stopped = true; handles.forEach(clearTimeout); handles.clear(); };
}
