import { award, awardEntry, effectiveRule } from '../../functions/_shared/ledger';
import { postMany } from '../../functions/_lib/ledger';
import { transact } from '../../functions/_lib/tx';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, all, ledgerCtx, put, seedOrgs, settleAll } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { name: '张三', communityId: 'c1', unitId: 'u1' });
  addMember(cloud, 'm2', { name: '李四', communityId: 'c1' });
  addMember(cloud, 'm3', { name: '王五', communityId: 'c3' });
  addAdmin(cloud, 'community', 'c1', 'adminA');
  addAdmin(cloud, 'community', 'c3', 'adminB');
  addAdmin(cloud, 'district', 'd1', 'adminD');
});

const at = new Date('2026-06-01T02:00:00Z');
const year = 2026;

describe('award', () => {
  it('credits once per cause and records rule, year and place', async () => {
    const ctx = ledgerCtx(cloud);
    const first = await award(ctx, { openid: 'm1', cause: 'report', sourceId: 'r1', communityId: 'c1', at, actor: 'adminA' });
    expect(first).toEqual({ entryId: 'report:r1:m1', amount: 10, minutes: 0, created: true });
    const again = await award(ctx, { openid: 'm1', cause: 'report', sourceId: 'r1', communityId: 'c1', at, actor: 'adminA' });
    expect(again).toEqual({ entryId: 'report:r1:m1', amount: 10, minutes: 0, created: false });
    const [entry] = await all<any>(cloud, 'ledger');
    expect(entry).toMatchObject({ openid: 'm1', year, amount: 10, cause: 'report', sourceId: 'r1', ruleId: 'default', ruleVersion: 0, actor: 'adminA', reverses: null });
    const [bal] = await all<any>(cloud, 'balances');
    expect(bal).toMatchObject({ _id: `${year}:m1`, points: 10, minutes: 0, communityId: 'c1', unitId: 'u1', streetId: 's1', districtId: 'd1', entries: 1 });
  });

  it('attendance earns per hour and records minutes; no-show debits', async () => {
    const ctx = ledgerCtx(cloud);
    expect((await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 't1', communityId: 'c1', minutes: 150, at, actor: 'adminA' })).amount).toBe(10);
    expect((await award(ctx, { openid: 'm1', cause: 'noshow', sourceId: 't2', communityId: 'c1', at, actor: 'adminA' })).amount).toBe(-5);
    expect((await cloud.call('points', 'balance', {}, 'm1')).data).toMatchObject({ points: 0, pending: 5 });
    await settleAll(cloud);
    const r = await cloud.call('points', 'balance', {}, 'm1');
    expect(r).toMatchObject({ ok: true, data: { points: 5, minutes: 150, hours: 2.5, rank: 1, communityId: 'c1' } });
  });

  it('postMany inserts a batch of entries at once; an entry id already there writes nothing of the batch', async () => {
    const ctx = ledgerCtx(cloud);
    await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 't1', communityId: 'c1', minutes: 60, at, actor: 'adminA' });
    const rule = await effectiveRule(ctx, 'c1');
    const place = { communityId: 'c1', unitId: null, streetId: 's1', districtId: 'd1' };
    const item = (openid: string) => ({ entries: [awardEntry({ openid, cause: 'attendance', sourceId: 't1', communityId: 'c1', minutes: 60, at, actor: 'adminA' }, rule, null, at)], place, balance: null });
    await expect(transact(ctx, (tx) => postMany(tx, [item('m2'), item('m1')], at))).rejects.toBeTruthy();
    // m1's entry was there: neither m2's entry nor m2's balance was written
    expect([(await all(cloud, 'ledger')).length, (await all(cloud, 'balances', { openid: 'm2' })).length]).toEqual([1, 0]);
    await transact(ctx, (tx) => postMany(tx, [item('m2'), item('m3')], at));
    expect((await all<{ _id: string }>(cloud, 'ledger')).map((e) => e._id).sort()).toEqual(['attendance:t1:m1', 'attendance:t1:m2', 'attendance:t1:m3']);
  });

  it('applies the daily cap and the yearly cap, keeping the minutes', async () => {
    const ctx = ledgerCtx(cloud);
    const long = (id: string, when = at) => award(ctx, { openid: 'm1', cause: 'attendance', sourceId: id, communityId: 'c1', minutes: 600, at: when, actor: 'adminA' });
    expect((await long('t1')).amount).toBe(25); // 5 + 10 h × 2
    const capped = await long('t2');
    expect(capped).toMatchObject({ amount: 5, minutes: 600 }); // daily cap 30
    expect((await long('t3')).amount).toBe(0);
    expect((await long('t4', new Date('2026-06-02T02:00:00Z'))).amount).toBe(25); // a new day
    const [t2] = await all<any>(cloud, 'ledger', { _id: 'attendance:t2:m1' });
    expect(t2).toMatchObject({ base: 25, cappedBy: 'daily' });
    // yearly cap from a district rule
    await cloud.call('points', 'setRules', { scopeId: 'd1', rule: { report: 10, attendance: 5, perHour: 2, pledge: 5, noshow: -5, dailyCap: 30, yearlyCap: 60 } }, 'adminD');
    expect((await long('t5', new Date('2026-06-03T02:00:00Z'))).amount).toBe(5); // 55 earned → 5 left
    await settleAll(cloud);
    const r = await cloud.call('points', 'balance', {}, 'm1');
    expect(r.data).toMatchObject({ points: 60, minutes: 3000 });
  });

  it('an approved report places the balance in that community even while the member doc still names the old one', async () => {
    const ctx = ledgerCtx(cloud);
    addMember(cloud, 'm7', { communityId: 'c1' }); // moving from c1 to c3
    await award(ctx, { openid: 'm7', cause: 'report', sourceId: 'r7', communityId: 'c3', at, actor: 'adminB' });
    const [bal] = await all<any>(cloud, 'balances', { openid: 'm7' });
    expect(bal).toMatchObject({ communityId: 'c3', streetId: 's2', districtId: 'd1' });
  });

  it('refuses an award without a valid time, and accepts one read back as a string', async () => {
    const ctx = ledgerCtx(cloud);
    await expect(award(ctx, { openid: 'm1', cause: 'report', sourceId: 'rx', communityId: 'c1', at: new Date('nope'), actor: 'a' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const r = await award(ctx, { openid: 'm1', cause: 'report', sourceId: 'ry', communityId: 'c1', at: '2026-06-01T02:00:00Z' as unknown as Date, actor: 'a' });
    expect(r.created).toBe(true);
    expect(await all(cloud, 'ledger')).toHaveLength(1);
  });

  it('the year is decided by when it happened, in China time', async () => {
    const ctx = ledgerCtx(cloud);
    await award(ctx, { openid: 'm1', cause: 'report', sourceId: 'r-old', communityId: 'c1', at: new Date('2025-12-31T15:30:00Z'), actor: 'a' });
    await award(ctx, { openid: 'm1', cause: 'pledge', sourceId: 'p-new', communityId: 'c1', at: new Date('2025-12-31T16:30:00Z'), actor: 'a' });
    const ids = (await all<any>(cloud, 'balances')).map((b) => b._id).sort();
    expect(ids).toEqual(['2025:m1', '2026:m1']);
  });
});

describe('history order', () => {
  it('lists entries newest first by when they happened, not by when they were written (issue 11)', async () => {
    const ctx = ledgerCtx(cloud);
    // written in this order: a late entry first, then two earlier ones (as the seed and late confirmations do)
    await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 'tNov', communityId: 'c1', minutes: 60, at: new Date('2026-11-29T02:00:00Z'), actor: 'adminA' });
    await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 'tAug', communityId: 'c1', minutes: 60, at: new Date('2026-08-06T02:00:00Z'), actor: 'adminA' });
    await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 'tOct', communityId: 'c1', minutes: 60, at: new Date('2026-10-01T02:00:00Z'), actor: 'adminA' });
    const h = await cloud.call('points', 'history', { year: 2026, page: 1, pageSize: 10 }, 'm1');
    expect(h.data.items.map((e: { sourceId: string }) => e.sourceId)).toEqual(['tNov', 'tOct', 'tAug']);
  });
});

describe('adjust and reverse', () => {
  it('a community admin adjusts a member of their community with a reason; the member sees it', async () => {
    const r = await cloud.call('points', 'adjust', { openid: 'm1', amount: 7, reason: '补录社区活动' }, 'adminA');
    expect(r).toMatchObject({ ok: true, data: { created: true, points: 7, entry: { amount: 7, cause: 'adjust', reason: '补录社区活动' } } });
    const h = await cloud.call('points', 'history', { page: 1, pageSize: 10 }, 'm1');
    expect(h.data.total).toBe(1);
    expect(h.data.items[0]).toMatchObject({ amount: 7, title: '管理员调整：补录社区活动' });
  });

  it('a retried adjustment with the same requestId is applied once', async () => {
    const input = { openid: 'm1', amount: -3, reason: '重复记录扣回', requestId: 'req-abc-123' };
    await cloud.call('points', 'adjust', input, 'adminA');
    const again = await cloud.call('points', 'adjust', input, 'adminA');
    expect(again.data).toMatchObject({ created: false, points: -3 });
    expect(await all(cloud, 'ledger')).toHaveLength(1);
  });

  it('refuses: another community, a plain member, zero, missing reason', async () => {
    expect(await cloud.call('points', 'adjust', { openid: 'm3', amount: 5, reason: '越权调整' }, 'adminA')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('points', 'adjust', { openid: 'm1', amount: 5, reason: '自己加分' }, 'm2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('points', 'adjust', { openid: 'm1', amount: 0, reason: '零分' }, 'adminA')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const noReason = await cloud.call('points', 'adjust', { openid: 'm1', amount: 5, reason: ' ' }, 'adminA');
    expect(noReason).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(noReason.message).toContain('调整原因');
    addMember(cloud, 'adminA', { communityId: 'c1' });
    expect(await cloud.call('points', 'adjust', { openid: 'adminA', amount: 5, reason: '给自己加分' }, 'adminA')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('points', 'adjust', { openid: 'ghost', amount: 5, reason: '不存在的人' }, 'adminA')).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' });
    expect(await all(cloud, 'ledger')).toHaveLength(0);
    expect(await all(cloud, 'balances')).toHaveLength(0);
  });

  it('reverses once; a second reversal and reversing a reversal are refused', async () => {
    const ctx = ledgerCtx(cloud);
    const { entryId } = await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 't1', communityId: 'c1', minutes: 60, at, actor: 'adminA' });
    const r = await cloud.call('points', 'reverse', { entryId, reason: '签到有误' }, 'adminA');
    expect(r).toMatchObject({ ok: true, data: { points: 0, entry: { amount: -7, minutes: -60, cause: 'reversal', reverses: entryId, reason: '签到有误' } } });
    expect(await cloud.call('points', 'reverse', { entryId, reason: '再来一次' }, 'adminA')).toMatchObject({ ok: false, code: 'ALREADY_REVERSED' });
    expect(await cloud.call('points', 'reverse', { entryId: r.data.entry.id, reason: '撤销冲正' }, 'adminA')).toMatchObject({ ok: false, code: 'CANNOT_REVERSE_REVERSAL' });
    expect(await cloud.call('points', 'reverse', { entryId: 'nope', reason: '不存在的' }, 'adminA')).toMatchObject({ ok: false, code: 'ENTRY_NOT_FOUND' });
    // the original is untouched, the history marks it reversed, and the room under the cap is back
    const [orig] = await all<any>(cloud, 'ledger', { _id: entryId });
    expect(orig.amount).toBe(7);
    const h = await cloud.call('points', 'history', { page: 1, pageSize: 10 }, 'm1');
    expect(h.data.items.find((e: any) => e.id === entryId).reversed).toBe(true);
    const [bal] = await all<any>(cloud, 'balances');
    expect(bal).toMatchObject({ points: 0, minutes: 0, earned: 0, entries: 2 });
  });

  it('concurrent reversals of one entry: exactly one wins', async () => {
    const { entryId } = await award(ledgerCtx(cloud), { openid: 'm1', cause: 'report', sourceId: 'r1', communityId: 'c1', at, actor: 'adminA' });
    const out = await Promise.all(Array.from({ length: 10 }, () => cloud.call('points', 'reverse', { entryId, reason: '并发冲正' }, 'adminA')));
    expect(out.filter((r) => r.ok)).toHaveLength(1);
    expect(out.filter((r) => !r.ok).every((r) => r.code === 'ALREADY_REVERSED')).toBe(true);
    const [bal] = await all<any>(cloud, 'balances');
    expect(bal.points).toBe(0);
  });

  it('an admin of another community cannot reverse', async () => {
    const { entryId } = await award(ledgerCtx(cloud), { openid: 'm1', cause: 'report', sourceId: 'r1', communityId: 'c1', at, actor: 'adminA' });
    expect(await cloud.call('points', 'reverse', { entryId, reason: '越权冲正' }, 'adminB')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('points', 'reverse', { entryId, reason: '党员冲正' }, 'm2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('rules', () => {
  const rule = { report: 20, attendance: 5, perHour: 2, pledge: 5, pledgePartly: 2, wish: 5, pledgeMax: 3, noshow: -5, dailyCap: 30, yearlyCap: 1000 };
  it('versioning: a new version applies from now on and never rewrites past entries', async () => {
    const ctx = ledgerCtx(cloud);
    await award(ctx, { openid: 'm1', cause: 'report', sourceId: 'r1', communityId: 'c1', at, actor: 'a' });
    const v1 = await cloud.call('points', 'setRules', { scopeId: 'c1', rule, note: '提高报到积分' }, 'adminA');
    expect(v1).toMatchObject({ ok: true, data: { ruleId: 'c1:v1', version: 1 } });
    await award(ctx, { openid: 'm2', cause: 'report', sourceId: 'r2', communityId: 'c1', at, actor: 'a' });
    const v2 = await cloud.call('points', 'setRules', { scopeId: 'c1', rule: { ...rule, report: 15 } }, 'adminA');
    expect(v2.data).toEqual({ ruleId: 'c1:v2', version: 2 });
    await award(ctx, { openid: 'm1', cause: 'report', sourceId: 'r3', communityId: 'c1', at: new Date('2026-06-05T02:00:00Z'), actor: 'a' });
    const entries = Object.fromEntries((await all<any>(cloud, 'ledger')).map((e) => [e._id, e]));
    expect(entries['report:r1:m1']).toMatchObject({ amount: 10, ruleId: 'default', ruleVersion: 0 });
    expect(entries['report:r2:m2']).toMatchObject({ amount: 20, ruleId: 'c1:v1', ruleVersion: 1 });
    expect(entries['report:r3:m1']).toMatchObject({ amount: 15, ruleId: 'c1:v2', ruleVersion: 2 });
    expect(await all(cloud, 'rules', { _id: 'c1:v1' })).toEqual([expect.objectContaining({ version: 1, rule: { ...rule, minMinutes: 1, gongshiDays: 5, objectionDays: 5, reviewAbove: 20 } })]);
    const info = await cloud.call('points', 'rules', {}, 'm1');
    expect(info.data).toMatchObject({ scopeId: 'c1', source: 'own', version: 2, canEdit: false, rule: { report: 15 } });
    expect(info.data.versions.map((v: any) => v.version)).toEqual([2, 1]);
  });

  it('a district rule applies to its communities unless they override; scopes are enforced', async () => {
    expect(await cloud.call('points', 'setRules', { scopeId: 'd1', rule }, 'adminA')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('points', 'setRules', { scopeId: 'c3', rule }, 'adminA')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('points', 'setRules', { scopeId: 'c1', rule }, 'm1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('points', 'setRules', { scopeId: 'c1', rule: { ...rule, dailyCap: 5000 } }, 'adminA')).toMatchObject({ ok: false, code: 'INVALID_RULE' });
    expect(await cloud.call('points', 'setRules', { scopeId: 's1', rule }, 'adminD')).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' });
    await cloud.call('points', 'setRules', { scopeId: 'd1', rule: { ...rule, report: 12 } }, 'adminD');
    expect((await effectiveRule(ledgerCtx(cloud), 'c3')).rule.report).toBe(12);
    const info = await cloud.call('points', 'rules', { scopeId: 'c3' }, 'adminB');
    expect(info.data).toMatchObject({ source: 'district', ruleId: 'd1:v1', canEdit: true });
  });
});

describe('ranking and admin views', () => {
  beforeEach(async () => {
    addMember(cloud, 'm4', { name: '欧阳小明', communityId: 'c2' });
    const ctx = ledgerCtx(cloud);
    const credit = (openid: string, communityId: string, minutes: number) =>
      award(ctx, { openid, cause: 'attendance', sourceId: `t-${openid}`, communityId, minutes, at, actor: 'a' });
    await credit('m1', 'c1', 60); // 7
    await credit('m2', 'c1', 300); // 15
    await credit('m4', 'c2', 60); // 7
    await credit('m3', 'c3', 600); // 25
    await settleAll(cloud);
  });

  it('ranks my community with masked names, ties sharing a rank, and my own rank', async () => {
    const r = await cloud.call('points', 'ranking', { scope: 'community' }, 'm1');
    expect(r.data).toMatchObject({ scopeId: 'c1', total: 2, mine: { rank: 2, points: 7 } });
    expect(r.data.items).toEqual([
      { rank: 1, name: '李*', points: 15, hours: 5, isMe: false },
      { rank: 2, name: '张三', points: 7, hours: 1, isMe: true },
    ]);
    const street = await cloud.call('points', 'ranking', { scope: 'street', page: 2, pageSize: 1 }, 'm1');
    expect(street.data).toMatchObject({ scopeId: 's1', total: 3, items: [{ rank: 2, name: '张三', points: 7 }], mine: { rank: 2 } });
    const third = await cloud.call('points', 'ranking', { scope: 'street', page: 3, pageSize: 1 }, 'm1');
    expect(third.data.items).toEqual([{ rank: 2, name: '欧**明', points: 7, hours: 1, isMe: false }]);
    const unit = await cloud.call('points', 'ranking', { scope: 'unit' }, 'm1');
    expect(unit.data).toMatchObject({ scopeId: 'u1', total: 1, mine: { rank: 1 } });
    const none = await cloud.call('points', 'ranking', { scope: 'unit' }, 'm2');
    expect(none.data).toMatchObject({ scopeId: null, items: [], mine: null });
  });

  it('takes the page names from the balances, and a profile rename follows onto them', async () => {
    expect((await all<any>(cloud, 'balances', { _id: `${year}:m2` }))[0]).toMatchObject({ name: '李四' });
    // the ranking does not read members: a name changed there behind the app's back is not shown
    put(cloud, 'members', [{ _id: 'm2', name: '改名', phone: '13800001234', communityId: 'c1', unitId: null, unitStatus: 'verified', privacyAt: new Date(), createdAt: new Date() }]);
    expect((await cloud.call('points', 'ranking', { scope: 'community' }, 'm1')).data.items[0]).toMatchObject({ name: '李*' });
    expect(await cloud.call('member', 'saveProfile', { name: '赵六', phone: '13800001234', building: '1', room: '1' }, 'm2')).toMatchObject({ ok: true });
    expect((await all<any>(cloud, 'balances', { _id: `${year}:m2` }))[0]).toMatchObject({ name: '赵六', points: 15 });
    expect((await cloud.call('points', 'ranking', { scope: 'community' }, 'm1')).data.items[0]).toMatchObject({ name: '赵*', points: 15 });
  });

  it('other scopes only for their admins', async () => {
    expect(await cloud.call('points', 'ranking', { scope: 'community', scopeId: 'c3' }, 'm1')).toMatchObject({ ok: false });
    expect(await cloud.call('points', 'ranking', { scope: 'community', scopeId: 'c3' }, 'adminA')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const r = await cloud.call('points', 'ranking', { scope: 'community', scopeId: 'c3' }, 'adminB');
    expect(r.data).toMatchObject({ total: 1, items: [{ name: '王*', points: 25 }] });
  });

  it('admin member list and member ledger are scoped to the admin community', async () => {
    const list = await cloud.call('points', 'communityMembers', { keyword: '张' }, 'adminA');
    expect(list.data).toMatchObject({ communityId: 'c1', total: 1, items: [{ openid: 'm1', name: '张三', points: 7, phone: '138****1234' }] });
    const ledger = await cloud.call('points', 'memberLedger', { openid: 'm1' }, 'adminA');
    expect(ledger.data).toMatchObject({ total: 1, points: 7, minutes: 60, member: { name: '张三' } });
    expect(await cloud.call('points', 'memberLedger', { openid: 'm3' }, 'adminA')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('points', 'communityMembers', { communityId: 'c3' }, 'adminA')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('points', 'communityMembers', {}, 'm1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('balance of a member with nothing yet', async () => {
    put(cloud, 'members', [{ _id: 'm9', name: '新人', communityId: 'c1' }]);
    const r = await cloud.call('points', 'balance', {}, 'm9');
    expect(r.data).toMatchObject({ points: 0, minutes: 0, hours: 0, rank: null, rankOf: 2 });
  });
});
