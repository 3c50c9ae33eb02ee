/**
 * Demo 积分商城 of 东湖社区: three donated goods (洗衣液 almost gone: 1 left), one honour, one item
 * taken off the shelf; 张伟 (demo-member-1) has his effective credits turned into 可兑换分 and holds
 * one open redeem code (for 核销 by demo-community-1). Written through the redeem function's own
 * code (earn sync, the redeem transaction), with fixed ids and requestIds, so a reseed adds nothing.
 */
import { makeEffective } from '../../functions/_shared/ledger';
import { getAllRecords } from '../../functions/_lib/query';
import { redeem } from '../../functions/redeem/member';
import { syncEarn } from '../../functions/redeem/spendable';
import type { Ctx } from '../../functions/_lib/router';
import type { SeedStep } from './types';

const DAY = 86_400_000;

export const step: SeedStep = {
  name: 'redeem',
  async run({ db, now }) {
    const base = { communityId: 'comm-1', streetId: 'street-1', districtId: 'dist-1', redeemed: 0, createdBy: 'demo-community-1', createdAt: new Date(now.getTime() - 10 * DAY), updatedAt: new Date(now.getTime() - 10 * DAY) };
    const window = { validFrom: new Date(now.getTime() - 10 * DAY), validTo: new Date(now.getTime() + 80 * DAY) };
    const items = [
      { _id: 'seed-ri-1', kind: 'goods', title: '爱心超市洗衣液 2L', description: '东湖物业捐赠 · 社区党群服务中心一楼领取', price: 8, stock: 1, perMemberLimit: 1, status: 'on' },
      { _id: 'seed-ri-2', kind: 'goods', title: '大米 5kg', description: '锦华区税务局捐赠', price: 20, stock: 12, perMemberLimit: 1, status: 'on' },
      { _id: 'seed-ri-3', kind: 'goods', title: '雨伞', description: '社区共建单位捐赠', price: 2, stock: 30, perMemberLimit: 2, status: 'on' },
      { _id: 'seed-ri-4', kind: 'honour', title: '优秀志愿者证书', description: '年度志愿服务表彰，社区颁发', price: 10, stock: 20, perMemberLimit: 1, status: 'on' },
      { _id: 'seed-ri-5', kind: 'goods', title: '保温杯（已下架）', description: '已兑完，待补货', price: 15, stock: 0, perMemberLimit: 1, status: 'off' },
    ];
    let created = 0;
    for (const it of items) {
      const have = (await db.collection('redeemItems').where({ _id: it._id }).count()) as { total: number };
      if (have.total) continue;
      const { _id, ...rest } = it;
      await db.collection('redeemItems').doc(_id).set({ data: { ...base, ...window, ...rest } });
      created++;
    }
    const ctx = { db, now, openid: 'demo-member-1', cloud: undefined } as unknown as Ctx;
    // 张伟's credits older than a week have passed their 公示 window: effective (idempotent)
    const old = await getAllRecords(ctx, 'ledger', { openid: 'demo-member-1' }, undefined, 500);
    for (const e of old) if (e.pending > 0 && e.at.getTime() < now.getTime() - 7 * DAY) await makeEffective(ctx, e._id, 'demo-community-1');
    const earned = await syncEarn(ctx, 'demo-member-1');
    // one open code to hand over: the rain umbrella (the almost-gone 洗衣液 stays for the demo user to take)
    const res = await redeem({ itemId: 'seed-ri-3', requestId: 'seed-redeem-1' }, ctx);
    return { items: created, earned, openCodes: res.redemption.status === 'open' ? 1 : 0 };
  },
};
