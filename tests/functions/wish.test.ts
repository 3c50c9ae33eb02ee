/**
 * `wish` through the real SDK and emulator: every transition and refusal, 20 concurrent claims →
 * exactly one, group and anonymous claims, beneficiary privacy, double confirmation → points once,
 * the 7-day reminder and 14-day release on a faked clock.
 */
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, ADMIN_B, seedOrgs } from './task-fixtures';

let cloud: TestCloud;
const T0 = new Date('2026-03-02T02:00:00Z');
const DAY = 86_400_000;
let seq = 0;
const rid = () => `req-${Date.now()}-${++seq}-wish`;
const BENEFICIARY = { name: '李秀英', phone: '13912345678', address: '幸福社区 3 栋 402', note: '独居，腿脚不便' };

jest.setTimeout(30_000);
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  jest.setSystemTime(T0);
  await cloud.wipe();
  await seedOrgs(cloud, 24);
  await cloud.db.collection('units').add({ data: { _id: 'u1', name: '税务局', communityId: 'cB', streetId: 's1', districtId: 'd1' } });
  for (const id of ['m1', 'm2']) await cloud.db.collection('members').doc(id).update({ data: { unitId: 'u1', unitStatus: 'verified' } });
  await cloud.db.collection('members').doc('outsider').update({ data: { unitId: 'u1', unitStatus: 'verified' } });
});
afterEach(() => jest.useRealTimers());

async function createWish(over: Record<string, unknown> = {}) {
  const r = await cloud.call('wish', 'save', {
    requestId: rid(), communityId: 'cA', title: '一台助行器', description: '老人想要一台带座椅的助行器', forWhom: '独居老人', category: 'health',
    valueCap: 300, deadline: '2026-04-30T15:59:59Z', groupMax: 3, beneficiary: BENEFICIARY, ...over,
  }, ADMIN_A);
  expect(r).toMatchObject({ ok: true });
  return r.data.wish.id as string;
}

// a 2×2 PNG in the emulator's cloud storage (photos must exist and pass the image check)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVQI12P8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
const photo = async (name = 'p1') => (await cloud.sdk.uploadFile({ cloudPath: `wish/${name}-${++seq}.png`, fileContent: PNG })).fileID as string;

const leaks = (x: unknown) => /李秀英|13912345678|3 栋 402|独居，腿脚不便/.test(JSON.stringify(x));

describe('wish lifecycle', () => {
  it('open → group claim (anonymous) → photo → receipt by code → confirmed → points once for each member', async () => {
    const id = await createWish();
    const claimed = await cloud.call('wish', 'claim', { id, anonymous: true }, 'm1');
    expect(claimed.data).toMatchObject({ status: 'claimed', mine: true, beneficiary: BENEFICIARY, claim: { leader: true, anonymous: true } });
    const { inviteCode, receiptCode } = claimed.data.claim;
    // wrong code, other community, and a same-unit colleague from another community
    expect(await cloud.call('wish', 'join', { id, inviteCode: 'ZZZZZZ' }, 'm2')).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    const j2 = await cloud.call('wish', 'join', { id, inviteCode }, 'm2');
    expect(j2.data.claim.members.map((m: any) => m.name)).toEqual(['党员m1', '党员m2']);
    await cloud.db.collection('members').add({ data: { _id: 'far', name: '远方党员', communityId: 'cB', unitId: null } });
    expect(await cloud.call('wish', 'join', { id, inviteCode }, 'far')).toMatchObject({ ok: false, code: 'NOT_SAME_GROUP' });
    expect(await cloud.call('wish', 'join', { id, inviteCode }, 'outsider')).toMatchObject({ ok: true }); // same unit, other community
    expect(await cloud.call('wish', 'join', { id, inviteCode }, 'm3')).toMatchObject({ ok: false, code: 'GROUP_FULL' });

    // the wall and other members never see the donor or the beneficiary
    const wall = await cloud.call('wish', 'wall', {}, 'm4');
    const card = wall.data.items.find((w: any) => w.id === id);
    expect(card).toMatchObject({ status: 'claimed', donor: '爱心党员（匿名）', groupSize: 3, mine: false });
    const other = await cloud.call('wish', 'get', { id }, 'm4');
    expect(other.data).toMatchObject({ beneficiary: null, claim: null, donor: '爱心党员（匿名）' });
    for (const x of [wall.data, other.data]) {
      expect(leaks(x)).toBe(false);
      expect(JSON.stringify(x)).not.toMatch(/党员m1|党员m2|m1"|m2"|outsider/);
    }

    // delivery needs a photo; then the beneficiary (any other user) enters the code
    expect(await cloud.call('wish', 'fulfil', { id, requestId: rid(), photos: [] }, 'm1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await cloud.call('wish', 'confirm', { id }, ADMIN_A)).toMatchObject({ ok: false, code: 'WISH_STATE' });
    expect(await cloud.call('wish', 'fulfil', { id, requestId: rid(), photos: ['cloud://local/wish/never-uploaded.jpg'] }, 'm2')).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await cloud.call('wish', 'fulfil', { id, requestId: rid(), note: '网络赌博', photos: [await photo()] }, 'm2')).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    expect((await cloud.db.collection('wishes').doc(id).get()).data.status).toBe('claimed');
    const delivered = await cloud.call('wish', 'fulfil', { id, requestId: rid(), note: '已送到家中', photos: [await photo()] }, 'm2');
    expect(delivered.data).toMatchObject({ status: 'fulfilled', delivery: { note: '已送到家中' } });
    expect(await cloud.call('wish', 'confirm', { id }, ADMIN_A)).toMatchObject({ ok: false, code: 'RECEIPT_REQUIRED' });
    expect(await cloud.call('wish', 'acknowledge', { id, code: receiptCode }, 'm1')).toMatchObject({ ok: false, code: 'NOT_SELF' });
    expect(await cloud.call('wish', 'acknowledge', { id, code: '000000' === receiptCode ? '111111' : '000000' }, 'resident-1')).toMatchObject({ ok: false, code: 'CODE_INVALID' });
    const ack = await cloud.call('wish', 'acknowledge', { id, code: receiptCode }, 'resident-1');
    expect(ack.data).toMatchObject({ already: false, donor: '爱心党员（匿名）' });
    expect(JSON.stringify(ack.data)).not.toMatch(/党员m|m1|m2/);

    const [c1, c2] = await Promise.all([cloud.call('wish', 'confirm', { id }, ADMIN_A), cloud.call('wish', 'confirm', { id }, ADMIN_A)]);
    expect([c1.data.already, c2.data.already].sort()).toEqual([false, true]);
    expect(c1.data.awarded.map((a: any) => a.points)).toEqual([5, 5, 5]);
    const again = await cloud.call('wish', 'confirm', { id }, ADMIN_A);
    expect(again.data.already).toBe(true);
    const ledger = await cloud.db.collection('ledger').where({ cause: 'wish' }).get();
    expect(ledger.data.map((e: any) => e._id).sort()).toEqual([`wish:${id}:m1`, `wish:${id}:m2`, `wish:${id}:outsider`]);
    expect(ledger.data.every((e: any) => e.amount === 5)).toBe(true);
    const mine = await cloud.call('wish', 'mine', {}, 'm2');
    expect(mine.data.items[0]).toMatchObject({ status: 'confirmed', points: 5, leader: false });
  });

  it('20 concurrent claims of one wish → exactly one claim', async () => {
    const id = await createWish();
    // handlers called directly with 20 identities at once (the helper would queue different identities)
    const { claim } = await import('../../functions/wish/member');
    const db = cloud.sdk.database();
    const who = Array.from({ length: 20 }, (_, i) => `m${i + 1}`);
    const out = await Promise.allSettled(who.map((openid) => claim({ id, anonymous: false }, { openid, db, cloud: cloud.sdk, now: new Date() } as any)));
    const ok = out.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    const refused = out.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason.code);
    expect(new Set(refused)).toEqual(new Set(['WISH_TAKEN']));
    const w = (await cloud.db.collection('wishes').doc(id).get()).data;
    expect(w.claim.members).toHaveLength(1);
    expect((await cloud.db.collection('wishClaims').where({ wishId: id }).get()).data).toHaveLength(1);
  });

  it('a resident sends a wish, the community verifies it (已入户核实); withdraw needs a reason; claimed wishes are locked', async () => {
    const r = await cloud.call('wish', 'submit', { requestId: 'resident-req-0001', communityId: 'cA', title: '想要几本童书', beneficiary: { name: '小明', phone: '', address: '5 栋', note: '' } }, 'resident-1');
    expect(r.data).toMatchObject({ communityName: '幸福社区' });
    expect((await cloud.call('wish', 'submit', { requestId: 'resident-req-0001', communityId: 'cA', title: '想要几本童书', beneficiary: { name: '小明' } }, 'resident-1')).data.id).toBe(r.data.id);
    // not public before verification
    expect((await cloud.call('wish', 'wall', {}, 'm1')).data.items).toHaveLength(0);
    expect(await cloud.call('wish', 'get', { id: r.data.id }, 'm1')).toMatchObject({ ok: false, code: 'WISH_NOT_FOUND' });
    expect(await cloud.call('wish', 'verify', { id: r.data.id }, 'm1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('wish', 'verify', { id: r.data.id }, ADMIN_B)).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    // the placeholders of a resident's wish (为 居民, no value cap) never reach the wall: details first
    expect(await cloud.call('wish', 'verify', { id: r.data.id }, ADMIN_A)).toMatchObject({ ok: false, code: 'WISH_INCOMPLETE' });
    expect((await cloud.call('wish', 'get', { id: r.data.id }, ADMIN_A)).data).toMatchObject({ detailsPending: true, forWhom: '居民' });
    const filled = await cloud.call('wish', 'save', { id: r.data.id, requestId: rid(), communityId: 'cA', title: '想要几本童书', forWhom: '困难家庭学生', category: 'study', valueCap: 150, deadline: '2026-04-30T15:59:59Z', beneficiary: { name: '小明', phone: '', address: '5 栋', note: '' } }, ADMIN_A);
    expect(filled.data.wish).toMatchObject({ detailsPending: false, forWhom: '困难家庭学生', valueCap: 150, status: 'reported' });
    const v = await cloud.call('wish', 'verify', { id: r.data.id }, ADMIN_A);
    expect(v.data).toMatchObject({ status: 'open', verifiedNote: '已入户核实', beneficiary: { name: '小明' } });
    expect((await cloud.call('wish', 'wall', {}, 'm1')).data.items).toHaveLength(1);

    expect(await cloud.call('wish', 'withdraw', { id: r.data.id, reason: '' }, ADMIN_A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const id = await createWish();
    await cloud.call('wish', 'claim', { id }, 'm1');
    expect(await cloud.call('wish', 'withdraw', { id, reason: '重复登记' }, ADMIN_A)).toMatchObject({ ok: false, code: 'WISH_LOCKED' });
    expect(await cloud.call('wish', 'save', { id, requestId: rid(), communityId: 'cA', title: '改内容', forWhom: '老人', deadline: '2026-04-30T15:59:59Z', beneficiary: BENEFICIARY }, ADMIN_A)).toMatchObject({ ok: false, code: 'WISH_LOCKED' });
    expect((await cloud.call('wish', 'withdraw', { id: r.data.id, reason: '已由其他渠道解决' }, ADMIN_A)).data.status).toBe('withdrawn');
    expect(await cloud.call('wish', 'claim', { id: r.data.id }, 'm2')).toMatchObject({ ok: false, code: 'WISH_TAKEN' });
  });

  it('refusals: members cannot create; claim needs a report; only claimers deliver; only the leader releases; admin receipt needs a reason', async () => {
    expect(await cloud.call('wish', 'save', { requestId: rid(), communityId: 'cA', title: '一台助行器', forWhom: '独居老人', deadline: '2026-04-30T15:59:59Z', beneficiary: BENEFICIARY }, 'm1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const id = await createWish();
    await cloud.db.collection('members').add({ data: { _id: 'loner', name: '未报到', communityId: null } });
    expect(await cloud.call('wish', 'claim', { id }, 'loner')).toMatchObject({ ok: false, code: 'NOT_REPORTED' });
    await cloud.call('wish', 'claim', { id }, 'm1');
    expect(await cloud.call('wish', 'claim', { id }, 'm2')).toMatchObject({ ok: false, code: 'WISH_TAKEN' });
    expect(await cloud.call('wish', 'fulfil', { id, requestId: rid(), photos: [await photo()] }, 'm2')).toMatchObject({ ok: false, code: 'NOT_CLAIMER' });
    const { inviteCode } = (await cloud.call('wish', 'get', { id }, 'm1')).data.claim;
    await cloud.call('wish', 'join', { id, inviteCode }, 'm3');
    expect(await cloud.call('wish', 'release', { id, reason: '临时出差' }, 'm3')).toMatchObject({ ok: false, code: 'NOT_LEADER' });
    expect(await cloud.call('wish', 'fulfil', { id, requestId: rid(), photos: [await photo()] }, 'm3')).toMatchObject({ ok: true });
    expect(await cloud.call('wish', 'acknowledge', { id }, 'm4')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('wish', 'acknowledge', { id }, ADMIN_A)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect((await cloud.call('wish', 'acknowledge', { id, reason: '电话回访，老人确认已收到' }, ADMIN_A)).data.already).toBe(false);
    const audit = await cloud.db.collection('auditLog').where({ action: 'wish.acknowledge' }).get();
    expect(audit.data[0]).toMatchObject({ subjectId: id, reason: '电话回访，老人确认已收到', actor: ADMIN_A });
    const c = await cloud.call('wish', 'confirm', { id }, ADMIN_A);
    // a named (not anonymous) claim: admins see the names; the wall sees them masked
    expect(c.data.wish.donor).toBe('党员m1、党员m3');
    expect((await cloud.call('wish', 'get', { id }, 'm5')).data.donor).toBe('党**1、党**3');
  });
});

describe('timers', () => {
  it('7 days quiet → one reminder; progress resets the clock; 14 days quiet → released back to the wall', async () => {
    const id = await createWish();
    await cloud.call('wish', 'claim', { id }, 'm1');
    const fire = () => cloud.invoke('wish', { Type: 'Timer', TriggerName: 'daily', Time: new Date().toISOString() });
    jest.setSystemTime(T0.getTime() + 6 * DAY);
    expect(await fire()).toEqual({ reminded: 0, released: 0 });
    jest.setSystemTime(T0.getTime() + 7 * DAY + 1000);
    expect(await fire()).toEqual({ reminded: 1, released: 0 });
    expect(await fire()).toEqual({ reminded: 0, released: 0 });
    jest.setSystemTime(T0.getTime() + 7 * DAY + 60_000);
    await cloud.call('wish', 'progress', { id, note: '已联系家属，周末送达' }, 'm1');
    jest.setSystemTime(T0.getTime() + 20 * DAY);
    expect(await fire()).toEqual({ reminded: 1, released: 0 }); // 13 days since the progress: reminded again, not released
    expect(await fire()).toEqual({ reminded: 0, released: 0 });
    jest.setSystemTime(T0.getTime() + 21 * DAY + 120_000);
    expect(await fire()).toEqual({ reminded: 0, released: 1 });
    const w = await cloud.call('wish', 'get', { id }, 'm2');
    expect(w.data).toMatchObject({ status: 'open', donor: null });
    const claims = (await cloud.db.collection('wishClaims').where({ wishId: id }).get()).data;
    expect(claims[0]).toMatchObject({ status: 'released', releaseReason: '超过 14 天无进展，自动释放' });
    const titles = (await cloud.db.collection('inbox').where({ openid: 'm1', kind: 'wish' }).get()).data.map((n: any) => n.title);
    expect(titles.sort()).toEqual(['心愿认领已自动释放', '心愿认领进展提醒', '心愿认领进展提醒'].sort());
    // back on the wall: someone else may claim it
    expect((await cloud.call('wish', 'claim', { id }, 'm2')).data.claim.id).toBe(`${id}-c2`);
  });
});
