/**
 * In-app inbox (站内消息) and WeChat subscribe messages. Any function may tell a member something:
 * `notify` always writes the inbox; `push` also sends a one-time subscribe message when the member
 * has a consent left for that template (consents are counted in `subscriptions`, since WeChat has
 * no API telling how many remain). A failed push never fails the caller's action.
 */
import type { InboxKind } from '../../core/contracts/member';
import type { Ctx } from '../_lib/router';

export interface Notice {
  kind: InboxKind;
  /** ≤ 40 chars */
  title: string;
  body: string;
  /** in-app route, e.g. `/pages/report/index` */
  link?: string | null;
}

type NotifyCtx = Pick<Ctx, 'db'> & { now?: Date };

export async function notify(ctx: NotifyCtx, openid: string, notice: Notice): Promise<string> {
  const res = (await ctx.db.collection('inbox').add({
    data: {
      openid,
      kind: notice.kind,
      title: notice.title.slice(0, 40),
      body: notice.body.slice(0, 500),
      link: notice.link ?? null,
      read: false,
      createdAt: ctx.now ?? new Date(),
    },
  })) as { _id: string };
  return res._id;
}

export async function notifyMany(ctx: NotifyCtx, openids: string[], notice: Notice): Promise<number> {
  const uniq = [...new Set(openids)];
  await Promise.all(uniq.map((o) => notify(ctx, o, notice)));
  return uniq.length;
}

export interface Push {
  templateId: string | undefined;
  /** page opened from the message, e.g. `pages/report/index` */
  page: string;
  /** template fields, e.g. `{ thing1: { value: '…' } }` (thing ≤ 20 chars, phrase ≤ 5) */
  data: Record<string, { value: string }>;
}

/**
 * Sends a subscribe message if a consent remains; returns whether one was sent. The consent is
 * used up first (a transaction on `subscriptions/${openid}:${templateId}`), so a retry never sends
 * two messages on one consent.
 */
export async function push(ctx: Pick<Ctx, 'db' | 'cloud'> & { now?: Date }, openid: string, msg: Push): Promise<boolean> {
  if (!msg.templateId) return false;
  const id = `${openid}:${msg.templateId}`;
  try {
    const used = await ctx.db.runTransaction(async (tx: unknown) => {
      const t = tx as { collection(n: string): { doc(i: string): { get(): Promise<{ data?: { count?: number } }>; update(d: object): Promise<unknown> } } };
      let doc: { count?: number } | undefined;
      try {
        doc = (await t.collection('subscriptions').doc(id).get()).data;
      } catch {
        return false;
      }
      if (!doc || !doc.count || doc.count <= 0) return false;
      await t.collection('subscriptions').doc(id).update({ data: { count: doc.count - 1, updatedAt: ctx.now ?? new Date() } });
      return true;
    });
    if (!used) return false;
    await ctx.cloud.openapi.subscribeMessage.send({ touser: openid, templateId: msg.templateId, page: msg.page, data: msg.data, miniprogramState: 'formal' } as never);
    return true;
  } catch (err) {
    console.warn('[push] subscribe message not sent', (err as Error)?.message ?? err);
    return false;
  }
}

/** Subscribe-message templates, configured per deployment (function environment variables). */
export const templates = {
  reportResult: () => process.env.SUBSCRIBE_TPL_REPORT_RESULT || undefined,
  reportReminder: () => process.env.SUBSCRIBE_TPL_REPORT_REMINDER || undefined,
};
