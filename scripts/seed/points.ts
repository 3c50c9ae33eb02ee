/**
 * Demo points: every approved report earns its credit on the day it was approved, and members who
 * reported get a few past service credits this year, so the 积分 tab and rankings are not empty.
 * Written through the real ledger (`award` / `adjust` / `reverse`), so entries, balances and caps
 * are exactly what the app would have produced; ids are derived, so reseeding never duplicates.
 */
import { adjust, award, reverse } from '../../functions/_shared/ledger';
import type { SeedStep } from './types';

const DAY = 86_400_000;

/** small deterministic PRNG per member, so every reseed gives the same history */
function prng(seed: string) {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a, 31) + ch.charCodeAt(0)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const step: SeedStep = {
  name: 'points',
  async run({ db, now, data }) {
    const ctx = { db, now };
    const counts = { credits: 0, adjustments: 0, reversals: 0 };
    const approved = data.reports.filter((r) => r.status === 'approved') as Array<{ _id: string; openid: string; communityId: string; decidedAt: Date; decidedBy: string }>;
    const yearStart = new Date(Date.UTC(new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear(), 0, 1) - 8 * 3_600_000);

    const one = async (r: (typeof approved)[number]) => {
      await award(ctx, { openid: r.openid, cause: 'report', sourceId: r._id, communityId: r.communityId, at: r.decidedAt, actor: r.decidedBy });
      counts.credits++;
      const rnd = prng(r.openid);
      const services = Math.floor(rnd() * 6);
      for (let i = 0; i < services; i++) {
        const at = new Date(now.getTime() - Math.floor(2 + rnd() * 200) * DAY);
        if (at < yearStart || at < r.decidedAt) continue;
        const minutes = 60 + Math.floor(rnd() * 6) * 30;
        await award(ctx, { openid: r.openid, cause: 'attendance', sourceId: `seed-service-${i + 1}`, communityId: r.communityId, minutes, at, actor: r.decidedBy });
        counts.credits++;
      }
      if (rnd() < 0.15) {
        await award(ctx, { openid: r.openid, cause: 'noshow', sourceId: 'seed-noshow-1', communityId: r.communityId, at: new Date(now.getTime() - 5 * DAY), actor: r.decidedBy });
        counts.credits++;
      }
    };
    for (let i = 0; i < approved.length; i += 8) await Promise.all(approved.slice(i, i + 8).map(one));

    // a visible manual adjustment and a reversal, by the community-1 admin, for the first member
    const first = approved.find((r) => r.openid === 'demo-member-1');
    if (first) {
      await adjust(ctx, { openid: first.openid, amount: 5, reason: '社区疫苗接种宣传补录', actor: first.decidedBy, requestId: 'seed-adjust-1', communityId: first.communityId });
      counts.adjustments++;
      const dup = await award(ctx, { openid: first.openid, cause: 'attendance', sourceId: 'seed-service-dup', communityId: first.communityId, minutes: 60, at: new Date(now.getTime() - 3 * DAY), actor: first.decidedBy });
      try {
        await reverse(ctx, { entryId: dup.entryId, reason: '重复登记，予以冲正', actor: first.decidedBy });
        counts.reversals++;
      } catch (err) {
        if ((err as { code?: string }).code !== 'ALREADY_REVERSED') throw err; // reseed: already done
      }
    }
    return counts;
  },
};
