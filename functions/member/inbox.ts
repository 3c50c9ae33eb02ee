import { inboxKind, type InboxItem, type InboxKind } from '../../core/contracts/member';
import type { Ctx } from '../_lib/router';
import { FLOWS, loadTemplates, MAX_TEMPLATES_PER_REQUEST, type Flow } from '../../core/domain/notify';
import { findMany, getDoc } from '../_lib/query';
import { count, iso } from '../_shared/report-docs';

export async function inbox(input: { page: number; pageSize: number; unreadOnly: boolean }, ctx: Ctx) {
  const where = input.unreadOnly ? { openid: ctx.openid, read: false } : { openid: ctx.openid };
  const [docs, total, unread] = await Promise.all([
    findMany(ctx, 'inbox', where, { orderBy: ['createdAt', 'desc'], skip: (input.page - 1) * input.pageSize, limit: input.pageSize }),
    count(ctx.db, 'inbox', where),
    count(ctx.db, 'inbox', { openid: ctx.openid, read: false }),
  ]);
  const items: InboxItem[] = docs.map((d) => ({ id: d._id, kind: d.kind, title: d.title, body: d.body, link: d.link, read: d.read, createdAt: iso(d.createdAt) ?? '' }));
  return { items, total, page: input.page, pageSize: input.pageSize, unread };
}

export async function readInbox(input: { ids?: string[] }, ctx: Ctx) {
  const _ = ctx.db.command;
  // only the caller's own messages: the openid condition is part of every write
  const where = input.ids ? { openid: ctx.openid, read: false, _id: _.in(input.ids) } : { openid: ctx.openid, read: false };
  const res = (await ctx.db.collection('inbox').where(where).update({ data: { read: true, readAt: ctx.now } })) as { stats?: { updated?: number } };
  return { updated: res.stats?.updated ?? 0, unread: await count(ctx.db, 'inbox', { openid: ctx.openid, read: false }) };
}

/** One consent = one message: add one to the count of each accepted template. */
export async function recordSubscribe(input: { accepted: string[] }, ctx: Ctx) {
  const _ = ctx.db.command;
  for (const templateId of new Set(input.accepted)) {
    const id = `${ctx.openid}:${templateId}`;
    const res = (await ctx.db.collection('subscriptions').where({ _id: id }).update({ data: { count: _.inc(1), updatedAt: ctx.now } })) as { stats?: { updated?: number } };
    if (!res.stats?.updated) await ctx.db.collection('subscriptions').doc(id).set({ data: { openid: ctx.openid, templateId, count: 1, updatedAt: ctx.now } });
  }
  return { recorded: new Set(input.accepted).size };
}

export async function subscribeTemplates() {
  const { templates } = loadTemplates(process.env);
  const idOf = (name: string) => templates.find((t) => t.name === name)?.id || null;
  const idsFor = (f: Flow) => [...new Set(templates.filter((t) => t.id && t.flows.includes(f)).map((t) => t.id))].slice(0, MAX_TEMPLATES_PER_REQUEST);
  const flows = Object.fromEntries(FLOWS.map((f) => [f, idsFor(f)])) as Record<Flow, string[]>;
  return { reportResult: idOf('reportResult'), reportReminder: idOf('reportReminder'), flows };
}

const kindsOf = (v: unknown): InboxKind[] => (Array.isArray(v) ? v.filter((k): k is InboxKind => inboxKind.safeParse(k).success) : []);

export async function noticePrefs(_input: unknown, ctx: Ctx) {
  const doc = await getDoc<{ muted?: string[] }>(ctx.db, 'noticePrefs', ctx.openid);
  return { muted: kindsOf(doc?.muted) };
}

export async function setNoticePrefs(input: { muted: InboxKind[] }, ctx: Ctx) {
  const muted = [...new Set(input.muted)];
  await ctx.db.collection('noticePrefs').doc(ctx.openid).set({ data: { muted, updatedAt: ctx.now } });
  return { muted };
}
