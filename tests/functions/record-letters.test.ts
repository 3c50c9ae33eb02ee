/** 反馈单 (draft → dispute one line → batch confirm with unique numbers → immutable → 回执), 出具意见, 双向评价, resident one-tap confirmation. */
import { PDFDocument } from 'pdf-lib';
import { BASE_STEPS } from '../../scripts/seed';
import { documents } from '../../scripts/seed/data';
import { step as lettersSeed } from '../../scripts/seed/letters';
import type { TestCloud } from '../helpers/cloud';
import { startTestCloud } from '../helpers/cloud';
import { NOW, all, okData, one, put, seedDemo } from './report.fixture';

jest.setTimeout(60_000);
let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const d = (s: string) => new Date(s);
const task = (id: string, title: string, start: string) => ({ _id: id, communityId: 'comm-1', communityName: '东湖社区', title, startAt: d(start), endAt: new Date(d(start).getTime() + 3 * 3600_000), status: 'finished' });
const signup = (taskId: string, openid: string, minutes: number, extra: Record<string, unknown> = {}) => ({ _id: `${taskId}:${openid}`, taskId, openid, communityId: 'comm-1', status: 'signed', minutes, confirmed: true, noshow: false, createdAt: NOW, ...extra });
const entry = (openid: string, cause: string, sourceId: string, amount: number, at: string) => ({ _id: `${cause}:${sourceId}:${openid}`, openid, cause, sourceId, amount, minutes: 0, year: 2026, reason: null, reverses: null, createdAt: d(at) });
const call = (action: string, data: unknown, openid: string) => cloud.call('record', action, data, openid);
const ADMIN = 'demo-community-1';
const UNIT = 'demo-unit-1';
const ZHANG = 'demo-member-1';
const zhangLetter = 'letter-2026-demo-member-1';

beforeEach(async () => {
  await seedDemo(cloud);
  put(cloud, 'tasks', [task('t1', '楼道杂物清理', '2026-09-05T01:00:00Z'), task('t2', '反诈宣传', '2026-10-10T01:00:00Z')]);
  put(cloud, 'signups', [signup('t1', ZHANG, 120), signup('t2', ZHANG, 0, { noshow: true }), signup('t1', 'demo-member-16', 150)]);
  put(cloud, 'ledger', [entry(ZHANG, 'attendance', 't1', 9, '2026-09-05T05:00:00Z')]);
});

const line = (l: any, key: string) => l.lines.find((x: any) => x.key === key);

describe('反馈单', () => {
  it('drafts one letter per verified member from the record; drafts reach the member, not the unit; only admins of the community draft', async () => {
    expect(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, 'admin-c2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const out = okData(await call('draftLetters', { communityId: 'comm-1', period: '2026', requestId: 'draft-0001' }, ADMIN));
    const verified = all(cloud, 'members').filter((m: any) => m.communityId === 'comm-1' && m.unitStatus === 'verified');
    expect(out.drafted).toBe(verified.length);
    expect(okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN))).toMatchObject({ drafted: 0, unchanged: verified.length });
    const mine = okData(await call('myLetters', {}, ZHANG));
    expect(mine.items).toHaveLength(1);
    const l = mine.items[0];
    expect(l).toMatchObject({ id: zhangLetter, status: 'draft', number: null, unitId: 'unit-1', grade: '基本合格', suggestedGrade: '基本合格' });
    expect(line(l, 'tasks').value).toBe('1 次，累计 2 小时');
    expect(line(l, 'noshows').value).toBe('1 次');
    expect(line(l, 'points').value).toBe('9 分');
    expect(l.gradeRule).toMatch(/^优秀：服务≥12次/);
    expect(okData(await call('unitLetters', { unitId: 'unit-1' }, UNIT)).total).toBe(0); // drafts stay with the community
    expect(await call('unitLetters', { unitId: 'unit-1' }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await call('disputeLetter', { id: zhangLetter, line: 'tasks', reason: '不是我的' }, 'demo-member-16')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(all(cloud, 'outbox').filter((o: any) => o.openid === ZHANG && o.kind === 'letter')).toHaveLength(1);
  });

  it('a dispute reopens only the disputed line: the answer may change that line alone, a redraft keeps it while the other lines follow the record', async () => {
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    const before = one(cloud, 'letters', zhangLetter);
    const disputed = okData(await call('disputeLetter', { id: zhangLetter, line: 'noshows', reason: '当天请过假，已向社区说明', requestId: 'disp-0001' }, ZHANG)).letter;
    expect(okData(await call('disputeLetter', { id: zhangLetter, line: 'noshows', reason: '当天请过假，已向社区说明', requestId: 'disp-0001' }, ZHANG)).letter.openDisputes).toBe(1); // replay
    expect(disputed.openDisputes).toBe(1);
    expect(await call('disputeLetter', { id: zhangLetter, line: 'noshows', reason: '再说一次' }, ZHANG)).toMatchObject({ ok: false, code: 'DISPUTE_OPEN' });
    // an open dispute holds the letter back from sending
    const held = okData(await call('confirmLetters', { communityId: 'comm-1', early: true, ids: [zhangLetter] }, ADMIN));
    expect(held.sent).toHaveLength(0);
    expect(held.skipped[0]).toMatchObject({ id: zhangLetter });
    // only the disputed line can be changed
    expect(await call('answerDispute', { id: zhangLetter, line: 'tasks', answer: '改一下', value: '9 次' }, ADMIN)).toMatchObject({ ok: false, code: 'LINE_LOCKED' });
    expect(await call('answerDispute', { id: zhangLetter, line: 'noshows', answer: '已核实请假', value: '0 次（请假 1 次）' }, 'admin-c2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const answered = okData(await call('answerDispute', { id: zhangLetter, line: 'noshows', answer: '已核实请假', value: '0 次（请假 1 次）' }, ADMIN)).letter;
    expect(answered.openDisputes).toBe(0);
    for (const l of before.lines) {
      const now = line(answered, l.key);
      if (l.key === 'noshows') expect(now).toMatchObject({ value: '0 次（请假 1 次）', dispute: { reason: '当天请过假，已向社区说明', answer: '已核实请假', before: '1 次' } });
      else expect(now).toEqual({ ...l, dispute: null });
    }
    // new service on record: a redraft refreshes the other lines, the answered line stays as answered
    put(cloud, 'tasks', [task('t3', '敬老院探访', '2026-11-01T01:00:00Z')]);
    put(cloud, 'signups', [signup('t3', ZHANG, 180)]);
    put(cloud, 'ledger', [entry(ZHANG, 'attendance', 't3', 12, '2026-11-01T05:00:00Z')]);
    expect(okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN)).refreshed).toBe(1);
    const after = one(cloud, 'letters', zhangLetter);
    expect(line(after, 'tasks').value).toBe('2 次，累计 5 小时');
    expect(line(after, 'points').value).toBe('21 分');
    expect(line(after, 'noshows').value).toBe('0 次（请假 1 次）');
  });

  it('the dispute period closes after its days', async () => {
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    put(cloud, 'letters', [{ ...one(cloud, 'letters', zhangLetter), _id: zhangLetter, disputeUntil: new Date(Date.now() - 1000) }]);
    expect(await call('disputeLetter', { id: zhangLetter, line: 'tasks', reason: '时长不对' }, ZHANG)).toMatchObject({ ok: false, code: 'DISPUTE_CLOSED' });
  });

  it('letter numbers stay unique when batches and an opinion are confirmed at the same time', async () => {
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    const ids = all(cloud, 'letters').map((l: any) => l._id).sort();
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const op = okData(await call('requestOpinion', { unitId: 'unit-1', openid: 'demo-member-16', purpose: '拟提拔考察', requestId: 'opin-0001' }, UNIT)).letter;
    // two admins' overlapping batches and the opinion, all at once
    const [a, b, c] = await Promise.all([
      call('confirmLetters', { communityId: 'comm-1', early: true, ids: ids.slice(0, 8) }, ADMIN),
      call('confirmLetters', { communityId: 'comm-1', early: true, ids: ids.slice(4) }, ADMIN),
      call('answerOpinion', { id: op.id, text: '该同志报到以来积极参加社区服务。', grade: '合格' }, ADMIN),
    ]);
    const sent = [...okData(a).sent, ...okData(b).sent];
    expect(sent).toHaveLength(ids.length); // each letter sent exactly once
    expect(okData(a).skipped.length + okData(b).skipped.length).toBe(4); // the overlap
    const numbers = [...sent.map((l: any) => l.number), okData(c).letter.number];
    expect(new Set(numbers).size).toBe(ids.length + 1);
    for (const n of numbers) expect(n).toMatch(/^(FK|YJ)-COMM1-2026-\d{6}$/);
    expect(one(cloud, 'counters', 'letter:comm-1:2026').next).toBe(ids.length + 1);
    expect(all(cloud, 'letters').every((l: any) => l.status === 'sent' && l.number)).toBe(true);
    // the unit admin was told (through the outbox)
    expect(all(cloud, 'outbox').some((o: any) => o.openid === UNIT && o.kind === 'letter' && /反馈单/.test(o.title))).toBe(true);
  });

  it('a sent letter cannot change: dispute, answer, edit, redraft and resend are refused and the document stays the same; the unit acknowledges (回执)', async () => {
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    okData(await call('editLetter', { id: zhangLetter, comment: '表现积极', grade: '合格' }, ADMIN));
    expect(await call('letterPdf', { id: zhangLetter }, ADMIN)).toMatchObject({ ok: false, code: 'LETTER_STATE' }); // a draft has no PDF
    okData(await call('disputeLetter', { id: zhangLetter, line: 'tasks', reason: '时长少算了' }, ZHANG));
    okData(await call('answerDispute', { id: zhangLetter, line: 'tasks', answer: '按签到记录为准' }, ADMIN));
    const sent = okData(await call('confirmLetters', { communityId: 'comm-1', early: true, ids: [zhangLetter] }, ADMIN)).sent[0];
    expect(sent).toMatchObject({ status: 'sent', grade: '合格', comment: '表现积极', number: 'FK-COMM1-2026-000001' });
    const frozen = one(cloud, 'letters', zhangLetter);
    expect(await call('disputeLetter', { id: zhangLetter, line: 'points', reason: '积分不对' }, ZHANG)).toMatchObject({ ok: false, code: 'LETTER_SENT' });
    expect(await call('answerDispute', { id: zhangLetter, line: 'tasks', answer: '再改', value: '10 次' }, ADMIN)).toMatchObject({ ok: false, code: 'LETTER_SENT' });
    expect(await call('editLetter', { id: zhangLetter, comment: '改评语', grade: '优秀' }, ADMIN)).toMatchObject({ ok: false, code: 'LETTER_SENT' });
    put(cloud, 'signups', [signup('t2', ZHANG, 240)]);
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    expect(okData(await call('confirmLetters', { communityId: 'comm-1', early: true, ids: [zhangLetter] }, ADMIN))).toMatchObject({ sent: [], skipped: [{ id: zhangLetter }] });
    expect(one(cloud, 'letters', zhangLetter)).toEqual(frozen);
    // the letter as a PDF: for the unit, the community and the member; it carries the number; the letter stays as sent
    const pdf = okData(await call('letterPdf', { id: zhangLetter }, UNIT));
    expect(pdf.fileName).toBe('反馈单_张伟_FK-COMM1-2026-000001.pdf');
    const res = await fetch(pdf.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(pdf.bytes);
    expect(bytes.length).toBeLessThan(80_000); // the font is a subset: tens of KB, not the whole CJK font
    const parsed = await PDFDocument.load(bytes);
    expect(parsed.getSubject()).toBe('FK-COMM1-2026-000001');
    expect(parsed.getTitle()).toContain('FK-COMM1-2026-000001');
    okData(await call('letterPdf', { id: zhangLetter }, ZHANG));
    okData(await call('letterPdf', { id: zhangLetter }, ADMIN));
    expect(await call('letterPdf', { id: zhangLetter }, 'admin-u2')).toMatchObject({ ok: false });
    expect(await call('letterPdf', { id: zhangLetter }, 'demo-member-16')).toMatchObject({ ok: false });
    expect(one(cloud, 'letters', zhangLetter)).toEqual(frozen);
    // the unit's inbox: sent letters of its members; 回执 once
    const inbox = okData(await call('unitLetters', { unitId: 'unit-1' }, UNIT));
    expect(inbox.items.map((l: any) => l.id)).toEqual([zhangLetter]);
    expect(inbox.items[0].phone).toMatch(/\*{4}/);
    expect(await call('acknowledgeLetter', { id: zhangLetter }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const ack = okData(await call('acknowledgeLetter', { id: zhangLetter, note: '已存档，纳入年度考核' }, UNIT)).letter;
    expect(ack).toMatchObject({ status: 'acknowledged', ackNote: '已存档，纳入年度考核', number: sent.number });
    expect(okData(await call('acknowledgeLetter', { id: zhangLetter }, UNIT)).letter.ackNote).toBe('已存档，纳入年度考核');
    const acked = one(cloud, 'letters', zhangLetter);
    expect({ ...acked, status: frozen.status, ackAt: null, ackBy: null, ackNote: null }).toEqual(frozen); // content unchanged
  });

  it('出具意见: only for the unit\'s verified members; a double tap asks once; the answer is numbered and reaches the unit', async () => {
    expect(await call('requestOpinion', { unitId: 'unit-1', openid: 'demo-member-28', purpose: '转正' }, UNIT)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // unit-2's member
    const r1 = okData(await call('requestOpinion', { unitId: 'unit-1', openid: ZHANG, purpose: '拟提拔考察', requestId: 'opin-0002' }, UNIT)).letter;
    const r2 = okData(await call('requestOpinion', { unitId: 'unit-1', openid: ZHANG, purpose: '拟提拔考察', requestId: 'opin-0002' }, UNIT)).letter;
    expect(r2.id).toBe(r1.id);
    expect(r1).toMatchObject({ kind: 'opinion', status: 'requested', purpose: '拟提拔考察' });
    expect(new Date(r1.dueAt).getTime() - new Date(r1.draftedAt).getTime()).toBe(7 * 24 * 3600_000);
    expect(all(cloud, 'outbox').some((o: any) => o.openid === ADMIN && /出具意见/.test(o.title))).toBe(true);
    const ans = okData(await call('answerOpinion', { id: r1.id, text: '该同志报到以来积极参加社区服务。', grade: '合格' }, ADMIN)).letter;
    expect(ans).toMatchObject({ status: 'sent', number: 'YJ-COMM1-2026-000001', grade: '合格' });
    expect(await call('answerOpinion', { id: r1.id, text: '改一下意见内容。', grade: '优秀' }, ADMIN)).toMatchObject({ ok: false, code: 'LETTER_SENT' });
    expect(okData(await call('unitLetters', { unitId: 'unit-1' }, UNIT)).items.map((l: any) => l.id)).toContain(r1.id);
  });
});

describe('letters on a timer, the dispute window and sending a whole period', () => {
  const timer = (at: string) => cloud.invoke('record', { Type: 'Timer', TriggerName: 'daily', Time: new Date(at).toISOString() });

  it('the timer drafts last quarter (and in January last year) once per community and period, and tells the community admins', async () => {
    expect(await timer('2026-11-30T02:30:00Z')).toEqual({ periods: [], communities: 0, drafted: 0 }); // mid-quarter: nothing
    const first = await timer('2027-01-02T02:30:00Z');
    const communities = all(cloud, 'orgs').filter((o: any) => o.kind === 'community').length;
    expect(first).toMatchObject({ periods: ['2026Q4', '2026'], communities: communities * 2 });
    const verified = all(cloud, 'members').filter((m: any) => m.communityId === 'comm-1' && m.unitStatus === 'verified').length;
    expect(all(cloud, 'letters').filter((l: any) => l.communityId === 'comm-1' && l.periodKey === '2026Q4')).toHaveLength(verified);
    expect(all(cloud, 'letters').filter((l: any) => l.communityId === 'comm-1' && l.periodKey === '2026')).toHaveLength(verified);
    expect(all(cloud, 'outbox').filter((o: any) => o.openid === ADMIN && String(o.key).startsWith('letters-drafted:comm-1:'))).toHaveLength(2);
    const before = all(cloud, 'letters').length;
    // the next day, and a rerun of the same day: nothing again
    expect(await timer('2027-01-03T02:30:00Z')).toMatchObject({ communities: 0, drafted: 0 });
    expect(await timer('2027-01-02T02:30:00Z')).toMatchObject({ communities: 0, drafted: 0 });
    expect(all(cloud, 'letters')).toHaveLength(before);
    expect(await timer('2027-04-03T02:30:00Z')).toMatchObject({ periods: ['2027Q1'] });
  });

  it('sending waits for the dispute window unless sent early on purpose; a period sends every draft, not one page', async () => {
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    const drafts = all(cloud, 'letters').filter((l: any) => l.periodKey === '2026' && l.status === 'draft');
    const waiting = okData(await call('confirmLetters', { communityId: 'comm-1', ids: [zhangLetter] }, ADMIN));
    expect(waiting).toMatchObject({ sent: [], skipped: [{ id: zhangLetter, reason: expect.stringMatching(/^异议期至 \d{4}-\d{2}-\d{2}/) }] });
    expect(okData(await call('confirmLetters', { communityId: 'comm-1', period: '2026' }, ADMIN))).toMatchObject({ sent: [], remaining: 0 });
    // a dispute holds one back; the window ends for the rest
    okData(await call('disputeLetter', { id: zhangLetter, line: 'tasks', reason: '漏记了一次服务' }, ZHANG));
    put(cloud, 'letters', all(cloud, 'letters').filter((l: any) => l.periodKey === '2026').map((l: any) => ({ ...l, disputeUntil: new Date(Date.now() - 1000) })));
    const out = okData(await call('confirmLetters', { communityId: 'comm-1', period: '2026', requestId: 'send-period-1' }, ADMIN));
    expect(out.sent).toHaveLength(drafts.length - 1);
    expect(out.remaining).toBe(0);
    expect(all(cloud, 'letters').filter((l: any) => l.periodKey === '2026' && l.status === 'draft').map((l: any) => l._id)).toEqual([zhangLetter]);
    expect(await call('confirmLetters', { communityId: 'comm-1' }, ADMIN)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

describe('双向评价', () => {
  it('once per rater per target per period, even when sent at the same time', async () => {
    expect(await call('rateTask', { taskId: 't2', score: 5 }, ZHANG)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // a no-show
    expect(await call('rateTask', { taskId: 't1', score: 5 }, 'demo-member-30')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // not there
    const rates = await Promise.all([1, 2, 3].map(() => call('rateTask', { taskId: 't1', score: 4, remark: '组织有序' }, ZHANG)));
    expect(rates.filter((r) => r.ok)).toHaveLength(1);
    expect(rates.filter((r) => !r.ok).map((r) => r.code)).toEqual(['EVAL_DONE', 'EVAL_DONE']);
    okData(await call('rateTask', { taskId: 't1', score: 3 }, 'demo-member-16')); // another rater
    const ofTask = okData(await call('evaluationsOf', { targetKind: 'task', targetId: 't1' }, ADMIN));
    expect(ofTask).toMatchObject({ count: 2, average: 3.5 });
    const yearly = { as: 'community', asId: 'comm-1', targetKind: 'member', targetId: ZHANG, year: 2026, score: 5, grade: '优秀', remark: '服务积极' };
    const both = await Promise.all([call('evaluate', yearly, ADMIN), call('evaluate', yearly, ADMIN)]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    okData(await call('evaluate', { ...yearly, year: 2025 }, ADMIN)); // another period
    const elsewhere = all(cloud, 'members').find((m: any) => m.communityId && m.communityId !== 'comm-1')._id;
    expect(await call('evaluate', { ...yearly, targetId: elsewhere }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // not reported here
    okData(await call('evaluate', { as: 'community', asId: 'comm-1', targetKind: 'unit', targetId: 'unit-1', year: 2026, score: 4 }, ADMIN));
    const u = { as: 'unit', asId: 'unit-1', targetKind: 'community', targetId: 'comm-1', year: 2026, score: 5, remark: '对接及时' };
    okData(await call('evaluate', u, UNIT));
    expect(await call('evaluate', u, UNIT)).toMatchObject({ ok: false, code: 'EVAL_DONE' });
    expect(await call('evaluate', { ...u, targetId: 'comm-2' }, UNIT)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    // visible to those evaluated, rolled up to the street
    expect(okData(await call('evaluationsOf', { targetKind: 'member', targetId: ZHANG }, ZHANG)).count).toBe(2);
    expect(await call('evaluationsOf', { targetKind: 'member', targetId: ZHANG }, 'demo-member-16')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(okData(await call('evaluationsOf', { targetKind: 'unit', targetId: 'unit-1' }, UNIT))).toMatchObject({ count: 1, average: 4 });
    const roll = okData(await call('evaluationRollup', { streetId: 'street-1', year: 2026 }, 'demo-street-1'));
    expect(roll.items).toEqual([expect.objectContaining({ communityId: 'comm-1', communityName: '东湖社区', byUnits: 5, byUnitsCount: 1, ofUnits: 4, ofMembers: 5, ofMembersCount: 1, ofTasks: 3.5, ofTasksCount: 2 })]);
    // the rating lists: what each rater has given this year, what is still to do
    const targets = okData(await call('evaluationTargets', { as: 'community', asId: 'comm-1', targetKind: 'member', year: 2026, page: 1, pageSize: 50 }, ADMIN));
    const reported = all(cloud, 'members').filter((m: any) => m.communityId === 'comm-1');
    expect(targets.total).toBe(reported.length);
    expect(targets.items.filter((t: any) => t.evaluation)).toEqual([expect.objectContaining({ targetId: ZHANG, name: '张伟', evaluation: expect.objectContaining({ score: 5, grade: '优秀', remark: '服务积极' }) })]);
    expect(okData(await call('evaluationTargets', { as: 'community', asId: 'comm-1', targetKind: 'unit', year: 2025, page: 1, pageSize: 20 }, ADMIN)).items.every((t: any) => t.evaluation === null)).toBe(true);
    expect(okData(await call('evaluationTargets', { as: 'unit', asId: 'unit-1', targetKind: 'community', year: 2026, page: 1, pageSize: 20 }, UNIT)).items).toEqual([expect.objectContaining({ targetId: 'comm-1', name: '东湖社区', evaluation: expect.objectContaining({ score: 5 }) })]);
    expect(await call('evaluationTargets', { as: 'community', asId: 'comm-1', targetKind: 'member', year: 2026, page: 1, pageSize: 20 }, UNIT)).toMatchObject({ ok: false });
    expect(okData(await call('myTaskRating', { taskId: 't1' }, ZHANG))).toMatchObject({ title: '楼道杂物清理', canRate: true, rating: { score: 4, remark: '组织有序' } });
    expect(okData(await call('myTaskRating', { taskId: 't2' }, ZHANG))).toMatchObject({ canRate: false, rating: null });
    expect(await call('evaluationRollup', { streetId: 'street-1', year: 2026 }, ADMIN)).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    // the community's yearly grade stands on the year letter
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    expect(one(cloud, 'letters', zhangLetter)).toMatchObject({ grade: '优秀' });
    expect(line(one(cloud, 'letters', zhangLetter), 'ratings').value).toMatch(/评价 1 条，平均 5\.0 分/);
  });

  it('a resident confirms a service with one tap on the member\'s code; the record shows it', async () => {
    expect(await call('residentCode', { taskId: 't2' }, ZHANG)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const c = okData(await call('residentCode', { taskId: 't1' }, ZHANG));
    expect(okData(await call('residentCode', { taskId: 't1' }, ZHANG)).code).toBe(c.code);
    expect(c.link).toBe(`/record/resident/index?rc=${c.code}`);
    expect(c.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(okData(await call('residentCheck', { code: c.code }, 'resident-x'))).toEqual({ title: '楼道杂物清理', name: '张同志', day: '2026-09-05', communityName: '东湖社区', confirmed: false, own: false });
    expect(okData(await call('residentCheck', { code: c.code }, ZHANG)).own).toBe(true);
    expect(await call('residentConfirm', { code: c.code }, ZHANG)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('residentConfirm', { code: 'forged-code-123' }, 'resident-x')).toMatchObject({ ok: false, code: 'CODE_UNKNOWN' });
    expect(okData(await call('residentConfirm', { code: c.code }, 'resident-x'))).toEqual({ already: false, title: '楼道杂物清理', name: '张同志' });
    expect(okData(await call('residentConfirm', { code: c.code }, 'resident-y')).already).toBe(true);
    expect(okData(await call('residentCheck', { code: c.code }, 'resident-y')).confirmed).toBe(true);
    expect(okData(await call('residentCode', { taskId: 't1' }, ZHANG)).confirmed).toBe(true);
    const rec = okData(await call('timeline', {}, ZHANG));
    expect(rec.items.find((i: any) => i.id === 'task:t1').status).toBe('居民已确认');
    okData(await call('draftLetters', { communityId: 'comm-1', period: '2026' }, ADMIN));
    expect(line(one(cloud, 'letters', zhangLetter), 'ratings').value).toMatch(/^1 次服务经居民确认/);
  });
});

describe('demo seed', () => {
  it('last year\'s letters (one acknowledged), a 出具意见 request and unit ↔ community evaluations show through the functions', async () => {
    await cloud.wipe();
    const now = new Date();
    const last = now.getFullYear() - 1;
    const ctx = { db: cloud.db, now, data: documents(now), log: () => undefined };
    for (const s of BASE_STEPS) await s.run(ctx);
    expect(await lettersSeed.run(ctx)).toEqual({ letters: 3, evaluations: 2 });
    const inbox = okData(await call('unitLetters', { unitId: 'unit-1' }, UNIT));
    expect(inbox.items.map((l: any) => l.status).sort()).toEqual(['acknowledged', 'requested', 'sent']);
    expect(okData(await call('communityLetters', { communityId: 'comm-1', status: 'requested' }, ADMIN)).items[0]).toMatchObject({ kind: 'opinion', purpose: '拟提拔考察' });
    expect(okData(await call('myLetters', {}, ZHANG)).items[0]).toMatchObject({ number: `FK-COMM1-${last}-000001`, status: 'acknowledged' });
    // a redraft of that year leaves the sent letters alone and numbers go on from the seeded counter
    const before = one(cloud, 'letters', `letter-${last}-${ZHANG}`);
    okData(await call('draftLetters', { communityId: 'comm-1', period: String(last) }, ADMIN));
    expect(one(cloud, 'letters', `letter-${last}-${ZHANG}`)).toEqual(before);
    expect(okData(await call('evaluationRollup', { streetId: 'street-1', year: last }, 'demo-street-1')).items[0]).toMatchObject({ byUnits: 5, ofUnits: 4 });
    await lettersSeed.run(ctx);
    expect(all(cloud, 'letters').filter((l: any) => l.status !== 'draft')).toHaveLength(3);
  });
});
