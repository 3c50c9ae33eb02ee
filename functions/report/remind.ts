import { chinaDay } from '../../core/domain/report';
import { rows } from '../_lib/query';
import { requireUnitAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { enqueue } from '../_lib/outbox';
import { loadUnit, type MemberDoc } from '../_shared/report-docs';

/**
 * Reminds verified members of a unit who have not reported (no approved report). At most once per
 * member per China calendar day: the day is claimed with a conditional update on the member
 * document, so two admins pressing at once still send one reminder.
 */
export async function remindUnreported(input: { unitId: string; openids?: string[] }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  const unit = await loadUnit(ctx.db, input.unitId);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { unitId: unit._id, unitStatus: 'verified', communityId: null };
  if (input.openids) where._id = _.in(input.openids);
  const targets: MemberDoc[] = [];
  for (let page = 0; page < 5; page++) {
    const res = { data: await rows<MemberDoc>(ctx.db.collection('members').where(where).orderBy('_id', 'asc').skip(page * 100).limit(100)) };
    targets.push(...res.data);
    if (res.data.length < 100) break;
  }
  // a member whose report waits for the community has done their part: no reminder
  const waiting = new Set<string>();
  for (let i = 0; i < targets.length; i += 100) {
    const res = { data: await rows<{ openid: string }>(ctx.db.collection('reports').where({ openid: _.in(targets.slice(i, i + 100).map((m) => m._id)), status: 'pending' }).limit(100)) };
    for (const r of res.data) waiting.add(r.openid);
  }
  const today = chinaDay(ctx.now);
  let reminded = 0;
  let skipped = (input.openids?.length ?? targets.length) - targets.length;
  for (const m of targets) {
    if (waiting.has(m._id)) { skipped++; continue; }
    const claim = (await ctx.db.collection('members').where({ _id: m._id, lastRemindDay: _.neq(today) }).update({ data: { lastRemindDay: today, lastRemindedAt: ctx.now } })) as { stats?: { updated?: number } };
    if (!claim.stats?.updated) {
      skipped++;
      continue;
    }
    await enqueue({
      key: `report-reminder:${unit._id}:${m._id}:${today}`, openid: m._id, kind: 'reminder', title: '请到居住社区报到',
      body: `${unit.name}提醒您：请扫描居住社区的报到码完成报到，参与社区服务。`, link: '/pages/report/index', values: { unit: unit.name },
    }, { db: ctx.db, now: ctx.now });
    reminded++;
  }
  return { reminded, skipped };
}
