/**
 * Delivery of one outbox notice, exactly once:
 * 1. claim it (transaction: pending and due → due again only after a lease, attempts + 1), so
 *    two drains never work on one notice and a drain that dies leaves it for the next timer tick;
 * 2. the inbox item under the notice's id (idempotent: written by the enqueue, or here if that died);
 * 3. the subscribe message, unless no template, the kind is muted, quiet hours (non-urgent waits),
 *    or no counted consent is left. The consent is used up and the push marked `sending` in one
 *    transaction BEFORE the openapi call: a drain that dies after that mark never sends again
 *    (`unknown`), so a member never gets two messages for one notice.
 * Transient openapi failures give the consent back and retry with backoff; final ones are recorded.
 */
import { z } from 'zod';
import { backoffMs, finalPushError, MAX_ATTEMPTS, quietUntil, renderFields, templateFor, type TemplateSpec } from '../../core/domain/notify';
import type { Database } from '../_lib/cloud';
import { inboxDocOf, type OutboxDoc, type PushState } from '../_lib/outbox';
import { addOnce, findManyAs, getDoc } from '../_lib/query';
import { toDate, transact, txGet, txUpdate, updateOutbox } from './store';

const idOnly = z.object({ _id: z.string() });

/** How long a claimed notice is left alone before another drain may take it over. */
export const LEASE_MS = 120_000;

export interface DeliverCtx {
  db: Database;
  /** `cloud.openapi` (subscribeMessage.send) */
  openapi: { subscribeMessage: { send(p: object): Promise<unknown> } };
  now: Date;
  templates: TemplateSpec[];
  /** test hook: runs right after the inbox write (a fault here is a drain dying mid-delivery) */
  afterInbox?: (doc: OutboxDoc) => void | Promise<void>;
}

export type Outcome = 'skipped' | 'deferred' | 'retry' | PushState;

export interface NoticePrefsDoc { _id: string; muted?: string[] }

export async function deliverOne(ctx: DeliverCtx, id: string): Promise<Outcome> {
  const { db, now } = ctx;
  const claimed = await transact(db, async (tx) => {
    const o = await txGet<OutboxDoc>(tx, 'outbox', id);
    if (!o || o.status !== 'pending' || toDate(o.dueAt) > now) return null;
    if (o.push === 'sending') {
      // an earlier drain died between using the consent and hearing back: the message may be out
      await txUpdate(tx, 'outbox', id, { status: 'done', push: 'unknown', reason: '推送过程中断，是否送达无法确认，不再重发', updatedAt: now });
      return 'unknown' as const;
    }
    await txUpdate(tx, 'outbox', id, { dueAt: new Date(now.getTime() + LEASE_MS), attempts: (o.attempts ?? 0) + 1, updatedAt: now });
    return { ...o, attempts: (o.attempts ?? 0) + 1 };
  });
  if (claimed === null) return 'skipped';
  if (claimed === 'unknown') return 'unknown';
  const o = claimed;

  // a scheduled notice shows in the inbox from its time on (the enqueue wrote none)
  await addOnce(db, 'inbox', inboxDocOf(o, o.notBefore ? toDate(o.notBefore) : toDate(o.createdAt)));
  await ctx.afterInbox?.(o);

  const finish = async (push: PushState, reason: string | null): Promise<PushState> => {
    await updateOutbox(db, id, { status: 'done', push, reason, updatedAt: now });
    return push;
  };
  const values = o.values ?? {};
  const tpl = templateFor(ctx.templates, { kind: o.kind, values });
  if (!tpl || !tpl.id) return finish('none', '未配置此类消息的订阅模板');
  const prefs = await getDoc<NoticePrefsDoc>(db, 'noticePrefs', o.openid);
  if (prefs?.muted?.includes(o.kind)) return finish('muted', '成员已关闭此类消息推送');
  const fields = renderFields(tpl, { title: o.title, body: o.body, values });
  if ('missing' in fields) return finish('none', `模板字段缺值：${fields.missing}`);
  if (!o.urgent) {
    const until = quietUntil(now);
    if (until) {
      // quiet hours: the inbox is there already; the push waits (not counted as an attempt)
      await updateOutbox(db, id, { dueAt: until, attempts: o.attempts - 1, reason: '免打扰时段，推送顺延', updatedAt: now });
      return 'deferred';
    }
  }

  const subId = `${o.openid}:${tpl.id}`;
  const go = await transact(db, async (tx) => {
    const cur = await txGet<OutboxDoc>(tx, 'outbox', id);
    if (!cur || cur.status !== 'pending' || cur.push) return 'gone' as const;
    const sub = await txGet<{ count?: number }>(tx, 'subscriptions', subId);
    if (!sub || !sub.count || sub.count <= 0) {
      await txUpdate(tx, 'outbox', id, { status: 'done', push: 'skipped', reason: 'no-consent 没有剩余的订阅授权', updatedAt: now });
      return 'skipped' as const;
    }
    await txUpdate(tx, 'subscriptions', subId, { count: sub.count - 1, updatedAt: now });
    await txUpdate(tx, 'outbox', id, { push: 'sending', updatedAt: now });
    return 'send' as const;
  });
  if (go === 'gone') return 'skipped';
  if (go === 'skipped') return 'skipped';

  try {
    await ctx.openapi.subscribeMessage.send({
      touser: o.openid, templateId: tpl.id, page: (o.link ?? 'pages/index/index').replace(/^\//, ''), data: fields.data, miniprogramState: 'formal',
    });
  } catch (err) {
    const e = err as { errCode?: number; errcode?: number; message?: string };
    const code = e.errCode ?? e.errcode;
    const final = finalPushError(code);
    if (final) {
      // 43101: WeChat holds no consent though we counted one (refused later) — stop counting it
      if (code === 43101) await db.collection('subscriptions').doc(subId).update({ data: { count: 0, updatedAt: now } });
      return finish('failed', final);
    }
    const reason = `${code ?? ''} ${e.message ?? String(err)}`.trim().slice(0, 200);
    const giveUp = o.attempts >= MAX_ATTEMPTS;
    await transact(db, async (tx) => {
      const sub = await txGet<{ count?: number }>(tx, 'subscriptions', subId);
      // the consent was not used: give it back
      if (sub) await txUpdate(tx, 'subscriptions', subId, { count: (sub.count ?? 0) + 1, updatedAt: now });
      await txUpdate(tx, 'outbox', id, giveUp
        ? { status: 'failed', push: 'failed', reason: `重试 ${o.attempts} 次仍失败：${reason}`, updatedAt: now }
        : { push: null, reason, dueAt: new Date(now.getTime() + backoffMs(o.attempts)), updatedAt: now });
    });
    return giveUp ? 'failed' : 'retry';
  }
  await updateOutbox(db, id, { status: 'done', push: 'sent', reason: null, updatedAt: now });
  return 'sent';
}

/** Delivers every due notice, oldest first (one at a time: consents are used in order). */
export async function drain(ctx: DeliverCtx, limit = 100): Promise<Record<string, number>> {
  const _ = ctx.db.command;
  const due = await findManyAs(ctx.db, 'outbox', idOnly, { status: 'pending', dueAt: _.lte(ctx.now) }, { orderBy: ['dueAt', 'asc'], limit, field: { _id: true } });
  const tally: Record<string, number> = {};
  for (const { _id } of due) {
    let out: string;
    try {
      out = await deliverOne(ctx, _id);
    } catch (err) {
      // left claimed: the next tick after the lease takes it again
      console.error('[notify] delivery failed', _id, err);
      out = 'error';
    }
    tally[out] = (tally[out] ?? 0) + 1;
  }
  return tally;
}
