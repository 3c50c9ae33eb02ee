/**
 * 积分公示 demo data: the seeded history has been through its 公示 (every credit effective), except
 * the latest service task of 东湖社区 (comm-1): its credits are in an open 公示 batch published now,
 * and one of them is frozen by a pending objection of another member — the admin's queue is not empty.
 * One hand-made adjustment (by the street admin) waits for 复核 by the community admin.
 * Runs after `tasks` / `points` / `service` (last in FEATURE_STEPS).
 */
import type { LedgerEntry } from '../../core/domain/ledger';
import { addWorkingDays, objectionIdOf } from '../../core/domain/gongshi';
import { adjust, makeEffective } from '../../functions/_shared/ledger';
import { publish } from '../../functions/gongshi/timer';
import type { ObjectionDoc } from '../../functions/gongshi/store';
import type { SeedStep } from './types';

export const step: SeedStep = {
  name: 'gongshi',
  async run({ db, now }) {
    const ctx = { db, now };
    const all: LedgerEntry[] = [];
    for (let skip = 0; ; skip += 100) {
      const res = (await db.collection('ledger').orderBy('_id', 'asc').skip(skip).limit(100).get()) as unknown as { data: LedgerEntry[] };
      all.push(...res.data);
      if (res.data.length < 100) break;
    }
    const pending = all.filter((e) => e.pending !== 0 && e.cause !== 'reversal' && e.cause !== 'effect');
    const attendance = pending.filter((e) => e.communityId === 'comm-1' && e.cause === 'attendance').sort((a, b) => +new Date(b.at) - +new Date(a.at));
    const task = attendance[0]?.sourceId;
    const kept = new Set(attendance.filter((e) => e.sourceId === task).map((e) => e._id));
    const rest = pending.filter((e) => !kept.has(e._id));
    for (let i = 0; i < rest.length; i += 8) await Promise.all(rest.slice(i, i + 8).map((e) => makeEffective(ctx, e._id, 'seed')));
    const { published } = await publish(ctx, new Date(now.getTime() + 1), (e) => kept.has(e._id));

    // a member of comm-1 objects to someone else's item: frozen, awaiting the admin's ruling
    let objections = 0;
    const target = attendance.find((e) => kept.has(e._id) && e.openid !== 'demo-member-2');
    if (target) {
      const objector = 'demo-member-2';
      const id = objectionIdOf(target._id, objector);
      const item = (await db.collection('gongshiItems').doc(target._id).get()) as unknown as { data: { batchId: string } };
      const who = (await db.collection('members').doc(objector).get()) as unknown as { data: { name?: string } };
      const doc: Omit<ObjectionDoc, '_id'> = {
        itemId: target._id, batchId: item.data.batchId, communityId: 'comm-1', objector, objectorName: who.data.name ?? '',
        reason: '活动当天我也在场，他提前离开了，服务时长应该没有这么长。', status: 'open', deadline: addWorkingDays(now, 5),
        ruling: null, reminded: false, createdAt: now,
      };
      await db.collection('objections').doc(id).set({ data: doc });
      await db.collection('gongshiItems').doc(target._id).update({ data: { status: 'frozen', objections: 1 } });
      objections++;
    }

    // 复核: an adjustment above the rule's threshold made by the street admin (陈敏) for 张伟 waits
    // for a second admin of 东湖社区 — 王芳 approves or rejects it (手工录入复核); idempotent by requestId
    const held = await adjust(ctx, { openid: 'demo-member-1', amount: 30, reason: '防汛值守 3 天补记', actor: 'demo-street-1', requestId: 'seed-review-1', communityId: 'comm-1' });
    return { effective: rest.length, published, objections, held: held.held ? 1 : 0 };
  },
};
