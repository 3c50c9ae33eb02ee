/**
 * Demo points: every approved report earns its credit on the day it was approved. Service credits
 * come only from the tasks step (real finished tasks with confirmed attendance), so every hour in
 * the ledger has a task behind it in the member's 服务记录.
 * Written through the real ledger (`award` / `adjust` / `reverse`), so entries, balances and caps
 * are exactly what the app would have produced; ids are derived, so reseeding never duplicates.
 */
import { adjust, award, reverse } from '../../functions/_shared/ledger';
import type { SeedStep } from './types';

export const step: SeedStep = {
  name: 'points',
  async run({ db, now, data }) {
    const ctx = { db, now };
    const counts = { credits: 0, adjustments: 0, reversals: 0 };
    const approved = data.reports.filter((r) => r.status === 'approved') as Array<{ _id: string; openid: string; communityId: string; decidedAt: Date; decidedBy: string }>;

    const one = async (r: (typeof approved)[number]) => {
      await award(ctx, { openid: r.openid, cause: 'report', sourceId: r._id, communityId: r.communityId, at: r.decidedAt, actor: r.decidedBy });
      counts.credits++;
    };
    for (let i = 0; i < approved.length; i += 8) await Promise.all(approved.slice(i, i + 8).map(one));

    // a visible manual adjustment and a reversal, by the community-1 admin, for the first member
    const first = approved.find((r) => r.openid === 'demo-member-1');
    if (first) {
      await adjust(ctx, { openid: first.openid, amount: 5, reason: '社区疫苗接种宣传补录', actor: first.decidedBy, requestId: 'seed-adjust-1', communityId: first.communityId });
      counts.adjustments++;
      const dup = await adjust(ctx, { openid: first.openid, amount: 5, reason: '社区疫苗接种宣传补录', actor: first.decidedBy, requestId: 'seed-adjust-dup', communityId: first.communityId });
      try {
        await reverse(ctx, { entryId: dup.entry._id, reason: '重复登记，予以冲正', actor: first.decidedBy });
        counts.reversals++;
      } catch (err) {
        if ((err as { code?: string }).code !== 'ALREADY_REVERSED') throw err; // reseed: already done
      }
    }
    return counts;
  },
};
