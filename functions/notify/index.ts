/**
 * `notify` cloud function: delivers the outbox (functions/_lib/outbox.ts) and prepares timed
 * notices. Its one timer trigger fires every minute; each tick, on the clock of the event
 * (`Time`, so tests inject time without waiting):
 * task reminders (2 h before start) → nudges to confirm attendance → the 09:00 digest → drain.
 * Actions: 群发 by a community admin and its log.
 */
import { notifyContract } from '../../core/contracts/notify';
import { loadTemplates } from '../../core/domain/notify';
import { createFunction, type Ctx, type TimerEvent } from '../_lib/router';
import { broadcast, broadcasts } from './broadcast';
import { drain, type DeliverCtx } from './deliver';
import { confirmNudges, digests, taskReminders } from './timers';
import type { Database } from '../_lib/cloud';

/** Templates are read and checked once per instance start; problems are logged, never fatal. */
const { templates, problems } = loadTemplates(process.env);
for (const p of problems) console.error('[notify] template configuration:', p);

/** One tick of the timer at `now`: what it prepared and what it delivered. */
export async function tick(db: Database, openapi: DeliverCtx['openapi'], now: Date, hooks: Pick<DeliverCtx, 'afterInbox'> = {}) {
  const reminders = await taskReminders(db, now);
  const nudges = await confirmNudges(db, now);
  const digested = await digests(db, now);
  const delivered = await drain({ db, openapi, now, templates: loadTemplates(process.env).templates, ...hooks });
  return { reminders, nudges, digests: digested, delivered };
}

/** The SDK types `cloud.openapi` as a record of anything: delivery uses only subscribeMessage.send. */
const subscribeApi = (openapi: Ctx['cloud']['openapi']): DeliverCtx['openapi'] => ({
  subscribeMessage: { send: (p: object): Promise<unknown> => openapi.subscribeMessage.send(p) },
});

function clockOf(event: TimerEvent, fallback: Date): Date {
  const t = Date.parse(event.Time);
  return Number.isFinite(t) ? new Date(t) : fallback;
}

export const main = createFunction(notifyContract, { broadcast, broadcasts }, {
  onTimer: (event, ctx) => tick(ctx.db, subscribeApi(ctx.cloud.openapi), clockOf(event, ctx.now)),
});

export { templates };
