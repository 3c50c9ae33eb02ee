/**
 * Daily timer: reminders for approved pledges — mid-year and one month before the deadline —
 * each sent once (keyed by pledge and reminder, then recorded on the pledge, so a rerun does not repeat it).
 */
import { reminderDue } from '../../core/domain/pledge';
import { enqueue } from '../_lib/outbox';
import { getAll } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { normPledge, progressFor, targetText, thisYear, type PledgeDoc } from './store';

export async function remindPledges(ctx: Omit<Ctx, 'openid'>): Promise<{ reminded: number }> {
  const year = thisYear(ctx.now);
  const docs = (await getAll<PledgeDoc>(ctx, 'pledges', { year, status: 'approved' }, ['createdAt', 'asc'], 5000)).map(normPledge);
  const progress = await progressFor(ctx, docs);
  let reminded = 0;
  for (const p of docs) {
    const pr = progress.get(p._id);
    const due = reminderDue({ ...p, percent: pr?.percent ?? 0 }, p.reminders, ctx.now);
    if (!due) continue;
    const left = pr ? `目前进度 ${pr.done}/${pr.goal}` : '';
    await enqueue({
      key: `pledge-remind-${due}:${p._id}`, openid: p.openid, kind: 'pledge',
      title: due === 'mid' ? '年中践诺提醒' : '承诺即将到期',
      body: `您的承诺「${p.title}」（${targetText(p.target)}）${due === 'mid' ? '已过半年' : '将在一个月内到期'}，${left}。可在「我的承诺」添加践诺记录。`,
      link: '/pledge/mine/index',
    }, { db: ctx.db, now: ctx.now });
    // marked after the (idempotent) enqueue: a run that dies in between repeats the same key, never loses it
    await ctx.db.collection('pledges').doc(p._id).update({ data: { reminders: [...p.reminders, due] } });
    reminded++;
  }
  return { reminded };
}
