/**
 * Demo 承诺践诺 and 微心愿: pledges in every state on 东湖社区 (a queue to review, one returned,
 * public ones filling from the seeded attendance, one fulfilled with its points), and wishes on
 * the wall, claimed (anonymously), fulfilled by a group and confirmed (points through the ledger),
 * and one sent by a resident waiting for the home visit. demo-member-5 and -16 are left without
 * pledges and claims for the end-to-end specs. Fixed ids, `set` writes, idempotent `award`.
 */
import type { PledgeDoc } from '../../functions/pledge/store';
import type { ClaimDoc, WishDoc } from '../../functions/wish/store';
import { award } from '../../functions/_shared/ledger';
import { yearOf } from '../../core/domain/scoring';
import type { SeedStep } from './types';
import { putAll } from './write';

const DAY = 86_400_000;
const ADMIN = 'demo-community-1';

export const step: SeedStep = {
  name: 'service',
  async run({ db, now }) {
    const year = yearOf(now);
    const yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
    const yearEnd = new Date(Date.parse(`${year}-12-31T23:59:59.999+08:00`));
    // pledged early in the year (or a few days ago when the year has just begun)
    const pledgedAt = new Date(Math.max(yearStart + 60_000, Math.min(now.getTime() - DAY, Math.max(yearStart + 10 * DAY, now.getTime() - 200 * DAY))));
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    const pledge = (id: string, openid: string, over: Partial<PledgeDoc>): PledgeDoc => ({
      _id: id, openid, year, communityId: 'comm-1', type: 'deed', title: '', target: { kind: 'tasks', count: 4, category: 'environment' },
      deadline: yearEnd, link: null, status: 'approved', returnReason: null, evidence: [], review: null, reminders: [], requestId: `seed-${id}`,
      createdAt: pledgedAt, updatedAt: pledgedAt, submittedAt: pledgedAt, decidedAt: pledgedAt, decidedBy: ADMIN, ...over,
    });
    const pledges: PledgeDoc[] = [
      pledge('seed-pledge-1', 'demo-member-1', { type: 'deed', title: '参加小区环境整治，每季度至少一次', target: { kind: 'tasks', count: 4, category: 'environment' } }),
      pledge('seed-pledge-2', 'demo-member-1', {
        type: 'household', title: '结对联系 3 栋独居老人刘奶奶，每月上门探望', target: { kind: 'manual', count: 6, unit: '次' },
        evidence: [
          { id: 'seed-ev-1', text: '上门探望刘奶奶，帮忙更换厨房灯泡', photos: [], createdAt: ago(60) },
          { id: 'seed-ev-2', text: '陪刘奶奶到社区卫生站量血压、取药', photos: [], createdAt: ago(25) },
        ],
      }),
      pledge('seed-pledge-3', 'demo-member-21', { type: 'model', title: '带头参加志愿服务，全年服务满 20 小时', target: { kind: 'hours', hours: 20, category: null } }),
      pledge('seed-pledge-4', 'demo-member-23', { type: 'post', title: '认领 5 栋楼栋长岗位，每月巡查楼道消防通道', target: { kind: 'manual', count: 10, unit: '次' }, status: 'submitted', decidedAt: null, decidedBy: null, createdAt: ago(2), submittedAt: ago(2) }),
      pledge('seed-pledge-5', 'demo-member-26', { type: 'advice', title: '为小区停车难问题提出改进建议', target: { kind: 'manual', count: 2, unit: '条' }, status: 'submitted', decidedAt: null, decidedBy: null, createdAt: ago(1), submittedAt: ago(1) }),
      pledge('seed-pledge-6', 'demo-member-28', { type: 'deed', title: '多为居民办实事', target: { kind: 'tasks', count: 1, category: null }, status: 'returned', returnReason: '目标不够具体：请写明办什么实事、做几次', createdAt: ago(5), submittedAt: ago(5), decidedAt: ago(3) }),
    ];
    const fulfilled = pledge('seed-pledge-7', 'demo-member-26', {
      type: 'household', title: '每月为 2 栋行动不便的老人代购一次生活用品', target: { kind: 'manual', count: 3, unit: '次' }, status: 'fulfilled',
      evidence: [1, 2, 3].map((n) => ({ id: `seed-ev-7${n}`, text: `第 ${n} 次为老人代购米面和药品`, photos: [], createdAt: ago(150 - n * 40) })),
      review: { outcome: 'fulfilled', reason: null, objective: false, points: 0, awarded: true, reviewedAt: ago(5), reviewedBy: ADMIN, progress: { done: 3, goal: 3, percent: 100 } },
    });
    const a = await award({ db, now }, { openid: fulfilled.openid, cause: 'pledge', sourceId: fulfilled._id, communityId: 'comm-1', at: ago(5), actor: ADMIN });
    fulfilled.review!.points = a.amount;
    pledges.push(fulfilled);

    const ben = (name: string, address: string, note: string, phone = '') => ({ name, phone, address, note });
    const wish = (id: string, over: Partial<WishDoc>): WishDoc => ({
      _id: id, communityId: 'comm-1', streetId: 'street-1', districtId: 'dist-1', title: '', description: '', forWhom: '', category: 'daily',
      valueCap: 200, deadline: new Date(now.getTime() + 30 * DAY), groupMax: 5, photos: [], beneficiary: ben('', '', ''), status: 'open',
      source: 'admin', verifiedNote: '网格员入户走访收集', withdrawReason: null, claim: null, claimCount: 0, delivery: null, receipt: null,
      receiptTries: 0, confirmedAt: null, confirmedBy: null, requestId: `seed-${id}`, createdBy: ADMIN, createdAt: ago(10), updatedAt: ago(10), ...over,
    });
    const wishes: WishDoc[] = [
      wish('seed-wish-1', { title: '一台带座椅的助行器', description: '老人腿脚不便，想要一台可以坐下休息的助行器，方便到楼下晒太阳。', forWhom: '独居老人', category: 'health', valueCap: 300, beneficiary: ben('刘桂兰', '东湖社区 3 栋 2 单元 401', '82 岁，独居，子女在外地', '13980001234') }),
      wish('seed-wish-2', { title: '孩子的课外读物 10 本', description: '三年级孩子喜欢科普读物。', forWhom: '困难家庭儿童', category: 'study', valueCap: 150, groupMax: 3, beneficiary: ben('王小雨', '东湖社区 5 栋 1 单元 202', '单亲家庭，低保户', '13980005678'), createdAt: ago(6), updatedAt: ago(6) }),
      wish('seed-wish-3', { communityId: 'comm-2', title: '冬季加厚棉被一床', forWhom: '低保老人', category: 'daily', beneficiary: ben('陈德明', '花园社区 8 栋 101', '低保户，房屋朝北较冷'), createdAt: ago(4), updatedAt: ago(4) }),
      wish('seed-wish-6', { title: '帮忙修理漏水的水龙头', description: '厨房水龙头一直滴水。', forWhom: '居民', category: 'other', valueCap: 0, status: 'reported', source: 'resident', verifiedNote: null, createdBy: 'demo-newcomer', beneficiary: ben('赵阿姨', '东湖社区 1 栋 303', ''), createdAt: ago(1), updatedAt: ago(1) }),
    ];
    const claims: ClaimDoc[] = [];
    // claimed anonymously three days ago
    const c4 = { id: 'seed-wish-4-c1', leader: 'demo-member-23', members: ['demo-member-23'], names: ['党员'], anonymous: true, inviteCode: 'A1B2C3', receiptCode: '482913', claimedAt: ago(3), lastProgressAt: ago(3), remindedAt: null, progressNote: null, status: 'active' as const };
    wishes.push(wish('seed-wish-4', { title: '电动轮椅更换电池', forWhom: '残疾居民', category: 'health', valueCap: 400, status: 'claimed', claim: c4, claimCount: 1, beneficiary: ben('孙建华', '东湖社区 7 栋 1 单元 101', '下肢残疾，轮椅电池无法充电'), createdAt: ago(9), updatedAt: ago(3) }));
    claims.push({ _id: c4.id, wishId: 'seed-wish-4', communityId: 'comm-1', leader: c4.leader, members: c4.members, anonymous: true, status: 'active', createdAt: ago(3), releasedAt: null, releaseReason: null, confirmedAt: null, points: null });
    // fulfilled by two colleagues, receipted by code and confirmed: points through the ledger
    const c5 = { id: 'seed-wish-5-c1', leader: 'demo-member-21', members: ['demo-member-21', 'demo-member-26'], names: ['', ''], anonymous: false, inviteCode: 'D4E5F6', receiptCode: '105726', claimedAt: ago(40), lastProgressAt: ago(30), remindedAt: null, progressNote: '已联系社区，周末送达', status: 'confirmed' as const };
    const members = await db.collection('members').where({ _id: db.command.in(c5.members) }).get() as unknown as { data: Array<{ _id: string; name: string }> };
    c5.names = c5.members.map((m) => members.data.find((x) => x._id === m)?.name ?? '党员');
    wishes.push(wish('seed-wish-5', {
      title: '老人想要一台收音机', description: '喜欢听戏曲，原来的收音机坏了。', forWhom: '空巢老人', category: 'daily', valueCap: 100, status: 'confirmed', claim: c5, claimCount: 1,
      beneficiary: ben('周淑芬', '东湖社区 2 栋 3 单元 502', '空巢老人，视力不好'), delivery: { note: '两人一起送到家中，教会老人调台', photos: [], at: ago(30), requestId: 'seed-delivery-5' },
      receipt: { via: 'code', at: ago(30), by: 'demo-member-28', reason: null }, confirmedAt: ago(29), confirmedBy: ADMIN, createdAt: ago(45), updatedAt: ago(29),
    }));
    claims.push({ _id: c5.id, wishId: 'seed-wish-5', communityId: 'comm-1', leader: c5.leader, members: c5.members, anonymous: false, status: 'confirmed', createdAt: ago(40), releasedAt: null, releaseReason: null, confirmedAt: ago(29), points: null });
    for (const openid of c5.members) {
      const r = await award({ db, now }, { openid, cause: 'wish', sourceId: 'seed-wish-5', communityId: 'comm-1', at: ago(29), actor: ADMIN });
      claims[claims.length - 1].points = r.amount;
    }

    const counts = {
      pledges: await putAll(db, 'pledges', pledges as unknown as Array<{ _id: string } & Record<string, unknown>>),
      wishes: await putAll(db, 'wishes', wishes as unknown as Array<{ _id: string } & Record<string, unknown>>),
      wishClaims: await putAll(db, 'wishClaims', claims as unknown as Array<{ _id: string } & Record<string, unknown>>),
    };
    return counts;
  },
};
