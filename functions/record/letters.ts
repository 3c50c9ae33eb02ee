/**
 * 反馈单 (feedback letters to work units) and 出具意见 (the community's one-off written opinion).
 *
 * A letter is drafted per member per quarter or year from the record (id `letter-<period>-<openid>`,
 * so drafting twice refreshes instead of duplicating). The member may dispute one line within
 * DISPUTE_DAYS; the community answers, which reopens only that line. The community confirms drafts
 * in one batch: each letter takes its number from `counters/letter:<community>:<year>` in the same
 * transaction that marks it sent, so numbers never repeat, and from then on nothing changes its
 * content (every change checks `status === 'draft'` inside its transaction). The unit admin sees
 * sent letters of its members in an inbox and acknowledges them (回执).
 */
import { randomBytes } from 'node:crypto';
import { fail } from '../../core/contracts/errors';
import type { LetterDto } from '../../core/contracts/record';
import { draftLines, duePeriods, gradeRule, letterNumber, periodOfKey, suggestGrade, type Grade, type LetterLine, type LineKey } from '../../core/domain/letter';
import { maskPhone } from '../../core/domain/mask';
import { summarize } from '../../core/domain/record';
import { dayKey } from '../../core/domain/hours';
import { grantsOf, requireCommunityAdmin, requireUnitAdmin } from '../_lib/auth';
import { putFile, tempUrls } from '../_lib/storage';
import { once } from '../_lib/once';
import { enqueueAll, type Notice } from '../_lib/outbox';
import { addOnce, countOf, getAll, getDoc, getMany, rows, PAGE_MAX } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet, txSet, txUpdate, type Tx } from '../_lib/tx';
import type { MemberDoc, OrgDoc, UnitDoc } from '../_shared/report-docs';
import { toDate, toDateOrNull } from '../task/store';
import { loadRecords } from './load';

export const DISPUTE_DAYS = 7;
export const OPINION_DAYS = 7;
const COLL = 'letters';
const RUNS = 'letterRuns';
const DAY = 24 * 3600_000;

export interface LetterLineDoc extends LetterLine {
  dispute: { reason: string; at: Date; answer: string | null; answeredAt: Date | null; before: string } | null;
}
export interface LetterDoc {
  _id: string;
  kind: 'quarter' | 'year' | 'opinion';
  periodKey: string;
  periodLabel: string;
  from: string;
  to: string;
  openid: string;
  name: string;
  phone: string;
  unitId: string;
  unitName: string;
  communityId: string;
  communityName: string;
  status: 'draft' | 'requested' | 'sent' | 'acknowledged';
  lines: LetterLineDoc[];
  grade: Grade | null;
  suggestedGrade: Grade | null;
  gradeRule: string;
  comment: string;
  /** 出具意见: why the unit asks, and by when the community answers */
  purpose: string | null;
  dueAt: Date | null;
  disputeUntil: Date | null;
  openDisputes: number;
  number: string | null;
  draftedAt: Date;
  sentAt: Date | null;
  sentBy: string | null;
  ackAt: Date | null;
  ackBy: string | null;
  ackNote: string | null;
}

const iso = (d: unknown) => toDateOrNull(d)?.toISOString() ?? null;

export function letterDto(l: LetterDoc): LetterDto {
  return {
    id: l._id, kind: l.kind, periodKey: l.periodKey, periodLabel: l.periodLabel, from: l.from, to: l.to,
    openid: l.openid, name: l.name, phone: maskPhone(l.phone),
    unitId: l.unitId, unitName: l.unitName, communityId: l.communityId, communityName: l.communityName, status: l.status,
    lines: l.lines.map((x) => ({
      key: x.key, label: x.label, value: x.value,
      dispute: x.dispute ? {
        reason: x.dispute.reason, at: iso(x.dispute.at)!, answer: x.dispute.answer, answeredAt: iso(x.dispute.answeredAt), before: x.dispute.before,
      } : null,
    })),
    grade: l.grade, suggestedGrade: l.suggestedGrade, gradeRule: l.gradeRule, comment: l.comment, purpose: l.purpose,
    dueAt: iso(l.dueAt), disputeUntil: iso(l.disputeUntil),
    openDisputes: l.openDisputes, number: l.number, draftedAt: toDate(l.draftedAt).toISOString(),
    sentAt: iso(l.sentAt), ackAt: iso(l.ackAt), ackNote: l.ackNote,
  };
}

async function loadLetter(ctx: Ctx, id: string): Promise<LetterDoc> {
  const l = await getDoc<LetterDoc>(ctx, COLL, id);
  if (!l) fail('LETTER_NOT_FOUND', '未找到该反馈单');
  return l;
}

/** Inside a transaction: the letter as it is now, refused unless still a draft (immutability once sent). */
async function draftIn(tx: Tx, id: string): Promise<LetterDoc> {
  const cur = await txGet<LetterDoc>(tx, COLL, id);
  if (!cur) fail('LETTER_NOT_FOUND', '未找到该反馈单');
  if (cur.status !== 'draft') fail('LETTER_SENT', '反馈单已发送，内容不能再修改');
  return cur;
}

async function adminsOf(ctx: Ctx, role: 'unit' | 'community', scopeId: string): Promise<string[]> {
  const docs = await rows<{ openid: string }>(ctx.db.collection('admins').where({ role, scopeId }).limit(50));
  return [...new Set(docs.map((d) => d.openid))];
}

async function notify(ctx: Ctx, openids: string[], n: Omit<Notice, 'openid' | 'key'> & { key: string }) {
  await enqueueAll(openids.map((openid) => ({ ...n, key: `${n.key}:${openid}`, openid })), { db: ctx.db, now: ctx.now }).catch((err) => console.error('[letters] notify', err));
}

/** Facts from pledges, wishes and resident confirmations for a page of members in the period. */
async function extraFacts(ctx: Ctx, openids: string[], from: string, to: string, year: number) {
  const _ = ctx.db.command;
  const who = openids.length === 1 ? openids[0] : _.in(openids);
  const [pledges, claims, ratings] = await Promise.all([
    getAll<{ openid: string; status: string; year: number }>(ctx, 'pledges', { openid: who, year }, undefined, 50 * openids.length),
    getAll<{ members: string[]; status: string; confirmedAt: unknown }>(ctx, 'wishClaims', { members: _.in(openids), status: 'confirmed' }, undefined, 50 * openids.length),
    // the community's yearly evaluation of the member (feeds the year letter's grade)
    getAll<{ targetId: string; score: number; grade: Grade | null }>(ctx, 'evaluations', { raterKind: 'community', targetKind: 'member', targetId: who, period: String(year) }, undefined, 10 * openids.length),
  ]);
  const out = new Map<string, { made: number; fulfilled: number; wishes: number; ratingSum: number; ratingCount: number; grade: Grade | null }>();
  for (const id of openids) out.set(id, { made: 0, fulfilled: 0, wishes: 0, ratingSum: 0, ratingCount: 0, grade: null });
  for (const p of pledges) {
    const f = out.get(p.openid);
    if (!f || p.status === 'draft') continue;
    f.made++;
    if (p.status === 'fulfilled' || p.status === 'partly') f.fulfilled++;
  }
  for (const c of claims) {
    const d = dayKey(toDate(c.confirmedAt));
    if (d < from || d > to) continue;
    for (const m of c.members) out.get(m) && out.get(m)!.wishes++;
  }
  for (const r of ratings) {
    const f = out.get(r.targetId);
    if (!f) continue;
    f.ratingSum += r.score;
    f.ratingCount++;
    f.grade = r.grade ?? f.grade;
  }
  return out;
}

export async function draftLetters(input: { communityId: string; period: string; requestId?: string }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  return draftFor(ctx, input);
}

/**
 * The letter timer (daily): at the start of each quarter it drafts the quarter just ended (and in
 * January the year) for every community, once per community and period (a `letterRuns` marker
 * added only if absent), then tells the community admins that drafts wait for confirmation after
 * the dispute window. Its clock is the trigger's time, so tests run it at any date.
 */
export async function runLetterTimer(ctx: Omit<Ctx, 'openid'>): Promise<{ periods: string[]; communities: number; drafted: number }> {
  const periods = duePeriods(dayKey(ctx.now));
  let communities = 0, drafted = 0;
  if (periods.length === 0) return { periods, communities, drafted };
  const c: Ctx = { ...ctx, openid: '' } as Ctx;
  const _ = ctx.db.command;
  let after = '';
  for (;;) {
    const orgs = await rows<OrgDoc>(ctx.db.collection('orgs').where({ kind: 'community', _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE_MAX));
    if (orgs.length === 0) break;
    after = orgs[orgs.length - 1]._id;
    for (const org of orgs) {
      for (const period of periods) {
        const runId = `${org._id}:${period}`;
        if (await getDoc(ctx, RUNS, runId)) continue;
        const out = await draftFor(c, { communityId: org._id, period });
        // the marker goes in after the drafts: a run cut short drafts again (idempotent) the next day
        const marker = { _id: runId, communityId: org._id, period, drafted: out.drafted, at: ctx.now };
        if (!(await addOnce(ctx.db, RUNS, marker))) continue;
        communities++;
        drafted += out.drafted;
        if (out.drafted > 0) {
          const label = periodOfKey(period)?.label ?? period;
          const until = dayKey(new Date(ctx.now.getTime() + DISPUTE_DAYS * DAY));
          await notify(c, await adminsOf(c, 'community', org._id), { key: `letters-drafted:${runId}`, kind: 'letter', title: `${label}反馈单草稿已生成`, body: `已为 ${out.drafted} 名党员生成${label}反馈单草稿，党员异议期至 ${until}，期满后请确认发送给单位。`, link: '/record/letters/index' });
        }
      }
    }
    if (orgs.length < PAGE_MAX) break;
  }
  return { periods, communities, drafted };
}

async function draftFor(ctx: Ctx, input: { communityId: string; period: string }) {
  const p = periodOfKey(input.period);
  if (!p) fail('BAD_PERIOD', '期间应为 2026 或 2026Q3 这样的年度或季度');
  if (p.from > dayKey(ctx.now)) fail('BAD_PERIOD', '该期间尚未开始');
  const org = await getDoc<OrgDoc>(ctx, 'orgs', input.communityId);
  const _ = ctx.db.command;
  const units = new Map<string, UnitDoc>();
  let after = '';
  let drafted = 0, refreshed = 0, unchanged = 0, noUnit = 0;
  for (;;) {
    const page = await rows<MemberDoc>(ctx.db.collection('members').where({ communityId: input.communityId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE_MAX));
    if (page.length === 0) break;
    after = page[page.length - 1]._id;
    const withUnit = page.filter((m) => m.unitId && m.unitStatus === 'verified');
    noUnit += page.length - withUnit.length;
    const ids = withUnit.map((m) => m._id);
    if (ids.length) {
      const [records, extras, us, reports] = await Promise.all([
        loadRecords(ctx, ids, p),
        extraFacts(ctx, ids, p.from, p.to, p.year),
        getMany<UnitDoc>(ctx, 'units', withUnit.map((m) => m.unitId).filter((u) => !units.has(u!))),
        getMany<{ _id: string; decidedAt?: unknown }>(ctx, 'reports', withUnit.map((m) => m.reportId)),
      ]);
      us.forEach((v, k) => units.set(k, v));
      // new letters are added once by id; only a changed draft takes a transaction (it may be being sent)
      const existing = await getMany<LetterDoc>(ctx, COLL, ids.map((openid) => `letter-${input.period}-${openid}`));
      await Promise.all(withUnit.map(async (m) => {
        const items = records.get(m._id) ?? [];
        const x = extras.get(m._id)!;
        const summary = summarize(items);
        const decided = toDateOrNull(m.reportId ? reports.get(m.reportId)?.decidedAt : null);
        const facts = {
          reported: true, communityName: org?.name ?? '', reportedSince: decided ? dayKey(decided) : null, summary,
          pledges: { made: x.made, fulfilled: x.fulfilled }, wishes: x.wishes,
          residentConfirmed: items.filter((i) => i.status === '居民已确认').length,
          ratingAvg: x.ratingCount ? x.ratingSum / x.ratingCount : null, ratingCount: x.ratingCount,
        };
        const lines = draftLines(facts);
        // the community's own yearly grade of the member, when it gave one, stands for the year letter
        const grade = (p.kind === 'year' && x.grade) || suggestGrade(p.kind, facts);
        const id = `letter-${input.period}-${m._id}`;
        // a disputed line keeps what the dispute made of it; the others follow the record
        const mergeOf = (cur: LetterDoc) => lines.map((l) => {
          const old = cur.lines.find((o) => o.key === l.key);
          return old?.dispute ? old : { ...l, dispute: null };
        });
        const unchangedFrom = (cur: LetterDoc) => JSON.stringify(mergeOf(cur)) === JSON.stringify(cur.lines) && cur.suggestedGrade === grade;
        const seen = existing.get(id);
        let outcome: 'drafted' | 'refreshed' | 'unchanged';
        if (!seen) {
          const doc: LetterDoc = {
            _id: id, kind: p.kind, periodKey: input.period, periodLabel: p.label, from: p.from, to: p.to, openid: m._id, name: m.name ?? '', phone: m.phone ?? '',
            unitId: m.unitId!, unitName: units.get(m.unitId!)?.name ?? '', communityId: input.communityId, communityName: org?.name ?? '',
            status: 'draft', lines: lines.map((l) => ({ ...l, dispute: null })), grade, suggestedGrade: grade, gradeRule: gradeRule(p.kind), comment: '',
            purpose: null, dueAt: null, disputeUntil: new Date(ctx.now.getTime() + DISPUTE_DAYS * DAY), openDisputes: 0, number: null,
            draftedAt: ctx.now, sentAt: null, sentBy: null, ackAt: null, ackBy: null, ackNote: null,
          };
          // created only if absent (never over a letter another run just made and someone sent)
          outcome = (await addOnce(ctx.db, COLL, doc)) ? 'drafted' : 'unchanged';
        } else if (seen.status !== 'draft' || unchangedFrom(seen)) {
          outcome = 'unchanged';
        } else {
          outcome = await transact(ctx, async (tx) => {
            const cur = await txGet<LetterDoc>(tx, COLL, id);
            if (!cur || cur.status !== 'draft' || unchangedFrom(cur)) return 'unchanged';
            const gradeKept = cur.grade !== cur.suggestedGrade; // the community chose another grade: keep it
            await txUpdate(tx, COLL, id, { lines: mergeOf(cur), suggestedGrade: grade, grade: gradeKept ? cur.grade : grade });
            return 'refreshed';
          });
        }
        if (outcome === 'drafted') {
          drafted++;
          await notify(ctx, [m._id], { key: `letter-draft:${id}`, kind: 'letter', title: '反馈单草稿待您查看', body: `${p.label}反馈单已生成，如有不符可在 ${DISPUTE_DAYS} 天内对某一项提出异议。`, link: '/record/letters/index?view=mine', digest: true });
        } else if (outcome === 'refreshed') refreshed++;
        else unchanged++;
      }));
    }
    if (page.length < PAGE_MAX) break;
  }
  return { drafted, refreshed, unchanged, noUnit };
}

type Page = { page: number; pageSize: number };
async function listOf(ctx: Ctx, where: Record<string, unknown>, input: Page) {
  const q = ctx.db.collection(COLL).where(where);
  const [list, total] = await Promise.all([rows<LetterDoc>(q.orderBy('draftedAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)), countOf(q)]);
  return { items: list.map(letterDto), total, page: input.page, pageSize: input.pageSize };
}

export async function myLetters(input: Page, ctx: Ctx) {
  return listOf(ctx, { openid: ctx.openid, kind: ctx.db.command.in(['quarter', 'year']) }, input);
}

export async function communityLetters(input: Page & { communityId: string; periodKey?: string; status?: LetterDoc['status'] }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.periodKey) where.periodKey = input.periodKey;
  if (input.status) where.status = input.status;
  return listOf(ctx, where, input);
}

export async function unitLetters(input: Page & { unitId: string; status?: 'requested' | 'sent' | 'acknowledged' }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  // drafts are the community's work in progress: a unit sees letters once sent (and its own requests)
  return listOf(ctx, { unitId: input.unitId, status: input.status ?? ctx.db.command.in(['requested', 'sent', 'acknowledged']) }, input);
}

export async function disputeLetter(input: { id: string; line: LineKey; reason: string; requestId?: string }, ctx: Ctx) {
  const l = await loadLetter(ctx, input.id);
  if (l.openid !== ctx.openid) fail('NOT_IN_SCOPE', '只能对自己的反馈单提出异议');
  const { answer } = await once(ctx, 'letter-dispute', input.requestId, async (tx) => {
    const cur = await draftIn(tx, l._id);
    if (cur.disputeUntil && ctx.now > toDate(cur.disputeUntil)) fail('DISPUTE_CLOSED', `异议期（${DISPUTE_DAYS} 天）已过`);
    const i = cur.lines.findIndex((x) => x.key === input.line);
    if (i < 0) fail('VALIDATION_FAILED', '没有这一项');
    if (cur.lines[i].dispute && !cur.lines[i].dispute!.answer) fail('DISPUTE_OPEN', '这一项的异议正在处理中');
    const disputed = (x: LetterLineDoc) => ({ ...x, dispute: { reason: input.reason, at: ctx.now, answer: null, answeredAt: null, before: x.value } });
    const lines = cur.lines.map((x, j) => (j === i ? disputed(x) : x));
    await txUpdate(tx, COLL, l._id, { lines, openDisputes: lines.filter((x) => x.dispute && !x.dispute.answer).length });
    return { id: l._id, answer: { id: l._id } };
  });
  await notify(ctx, await adminsOf(ctx, 'community', l.communityId), { key: `letter-dispute:${l._id}:${input.line}:${ctx.now.getTime()}`, kind: 'letter', title: `${l.name} 对反馈单提出异议`, body: `${l.periodLabel}「${input.line}」：${input.reason}`.slice(0, 200), link: '/record/letters/index', digest: true });
  return { letter: letterDto((await getDoc<LetterDoc>(ctx, COLL, answer.id))!) };
}

/** The community answers a dispute: only the disputed line may take a new value. */
export async function answerDispute(input: { id: string; line: LineKey; answer: string; value?: string }, ctx: Ctx) {
  const l = await loadLetter(ctx, input.id);
  await requireCommunityAdmin(ctx, l.communityId);
  const next = await transact(ctx, async (tx) => {
    const cur = await draftIn(tx, l._id);
    const i = cur.lines.findIndex((x) => x.key === input.line);
    const line = cur.lines[i];
    if (!line?.dispute || line.dispute.answer) fail('LINE_LOCKED', '只有党员提出异议且未答复的一项可以修改');
    const answered = (x: LetterLineDoc) => ({
      ...x, value: input.value?.trim() || x.value, dispute: { ...x.dispute!, answer: input.answer, answeredAt: ctx.now },
    });
    const lines = cur.lines.map((x, j) => (j === i ? answered(x) : x));
    const patch = { lines, openDisputes: lines.filter((x) => x.dispute && !x.dispute.answer).length };
    await txUpdate(tx, COLL, l._id, patch);
    return { ...cur, ...patch, _id: l._id };
  });
  await notify(ctx, [l.openid], { key: `letter-answer:${l._id}:${input.line}:${ctx.now.getTime()}`, kind: 'letter', title: '社区已答复您的异议', body: `${l.periodLabel}反馈单：${input.answer}`.slice(0, 200), link: '/record/letters/index?view=mine' });
  return { letter: letterDto(next) };
}

/** The community's comment box and its grade (the suggested one unless it chooses another). */
export async function editLetter(input: { id: string; comment: string; grade: Grade }, ctx: Ctx) {
  const l = await loadLetter(ctx, input.id);
  await requireCommunityAdmin(ctx, l.communityId);
  const next = await transact(ctx, async (tx) => {
    const cur = await draftIn(tx, l._id);
    await txUpdate(tx, COLL, l._id, { comment: input.comment, grade: input.grade });
    return { ...cur, _id: l._id, comment: input.comment, grade: input.grade };
  });
  return { letter: letterDto(next) };
}

async function takeNumber(tx: Tx, prefix: 'FK' | 'YJ', communityId: string, year: number, now: Date): Promise<string> {
  const counterId = `letter:${communityId}:${year}`;
  const counter = await txGet<{ next: number }>(tx, 'counters', counterId);
  const seq = (counter?.next ?? 0) + 1;
  await txSet(tx, 'counters', counterId, { next: seq, updatedAt: now });
  return letterNumber(prefix, communityId, year, seq);
}

/** Letters sent per call: a larger period is sent in several calls (the answer says how many remain). */
export const SEND_BATCH = 50;

/**
 * 确认发送 in one batch: the given drafts, or every draft of a period (`period`, SEND_BATCH per call,
 * `remaining` tells the client to call again). Each letter is numbered and sent in its own
 * transaction; open disputes wait, and so does a letter whose dispute window has not ended unless
 * the admin confirmed sending early (`early`).
 */
export async function confirmLetters(input: { communityId: string; ids?: string[]; period?: string; early?: boolean; requestId?: string }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const year = Number(dayKey(ctx.now).slice(0, 4));
  const sent: LetterDoc[] = [];
  const skipped: Array<{ id: string; reason: string }> = [];
  let ids = [...new Set(input.ids ?? [])];
  let remaining = 0;
  if (input.period) {
    const where = { communityId: input.communityId, periodKey: input.period, status: 'draft', openDisputes: 0, ...(input.early ? {} : { disputeUntil: ctx.db.command.lte(ctx.now) }) };
    const [page, n] = await Promise.all([rows<{ _id: string }>(ctx.db.collection(COLL).where(where).orderBy('_id', 'asc').limit(SEND_BATCH).field({ _id: true })), countOf(ctx.db.collection(COLL).where(where))]);
    ids = page.map((l) => l._id);
    remaining = Math.max(0, n - ids.length);
  }
  for (const id of ids) {
    try {
      const done = await transact(ctx, async (tx) => {
        const cur = await txGet<LetterDoc>(tx, COLL, id);
        if (!cur || cur.communityId !== input.communityId) fail('LETTER_NOT_FOUND', '未找到该反馈单');
        if (cur.status !== 'draft') fail('LETTER_SENT', '已发送');
        if (cur.openDisputes > 0) fail('DISPUTE_OPEN', '有未答复的异议');
        const until = toDateOrNull(cur.disputeUntil);
        if (!input.early && until && until > ctx.now) fail('DISPUTE_WINDOW', `异议期至 ${dayKey(until)}，期满后再发送`);
        const number = await takeNumber(tx, 'FK', input.communityId, year, ctx.now);
        const patch = { status: 'sent' as const, number, sentAt: ctx.now, sentBy: ctx.openid };
        await txUpdate(tx, COLL, id, patch);
        return { ...cur, _id: id, ...patch };
      });
      sent.push(done);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (!e.code || !['LETTER_NOT_FOUND', 'LETTER_SENT', 'DISPUTE_OPEN', 'DISPUTE_WINDOW', 'CONFLICT'].includes(e.code)) throw err;
      skipped.push({ id, reason: e.message ?? e.code });
    }
  }
  const byUnit = new Map<string, LetterDoc[]>();
  for (const l of sent) byUnit.set(l.unitId, [...(byUnit.get(l.unitId) ?? []), l]);
  for (const [unitId, list] of byUnit) {
    await notify(ctx, await adminsOf(ctx, 'unit', unitId), { key: `letters-sent:${list[0].number}`, kind: 'letter', title: `收到 ${list.length} 份党员反馈单`, body: `${list[0].communityName} 发来 ${list.map((l) => l.name).slice(0, 5).join('、')}${list.length > 5 ? ' 等' : ''}的${list[0].periodLabel}反馈单，请查收并回执。`, link: '/record/letters/index?view=unit' });
  }
  return { sent: sent.map(letterDto), skipped, remaining };
}

export async function acknowledgeLetter(input: { id: string; note?: string; requestId?: string }, ctx: Ctx) {
  const l = await loadLetter(ctx, input.id);
  await requireUnitAdmin(ctx, l.unitId);
  const next = await transact(ctx, async (tx) => {
    const cur = await txGet<LetterDoc>(tx, COLL, l._id);
    if (!cur || cur.status === 'draft' || cur.status === 'requested') fail('LETTER_STATE', '该反馈单尚未发送');
    if (cur.status === 'acknowledged') return { ...cur, _id: l._id }; // a second tap: already done
    const patch = { status: 'acknowledged' as const, ackAt: ctx.now, ackBy: ctx.openid, ackNote: input.note?.trim() || null };
    await txUpdate(tx, COLL, l._id, patch);
    return { ...cur, _id: l._id, ...patch };
  });
  return { letter: letterDto(next) };
}

/** 出具意见: a unit asks the community for a written opinion on a named member, with a purpose. */
export async function requestOpinion(input: { unitId: string; openid: string; purpose: string; requestId?: string }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  const m = await getDoc<MemberDoc>(ctx, 'members', input.openid);
  if (!m || m.unitId !== input.unitId || m.unitStatus !== 'verified') fail('NOT_IN_SCOPE', '只能为本单位已确认的党员申请');
  if (!m.communityId) fail('NOT_REPORTED', '该党员尚未报到到社区');
  const [org, unit] = await Promise.all([getDoc<OrgDoc>(ctx, 'orgs', m.communityId), getDoc<UnitDoc>(ctx, 'units', input.unitId)]);
  const today = dayKey(ctx.now);
  const made = await once(ctx, 'opinion', input.requestId, async (tx) => {
    const id = `opinion-${randomBytes(8).toString('hex')}`;
    const doc: Omit<LetterDoc, '_id'> = {
      kind: 'opinion', periodKey: today.slice(0, 4), periodLabel: '出具意见', from: `${today.slice(0, 4)}-01-01`, to: today, openid: m._id, name: m.name ?? '', phone: m.phone ?? '',
      unitId: input.unitId, unitName: unit?.name ?? '', communityId: m.communityId!, communityName: org?.name ?? '', status: 'requested', lines: [], grade: null, suggestedGrade: null,
      gradeRule: '', comment: '', purpose: input.purpose, dueAt: new Date(ctx.now.getTime() + OPINION_DAYS * DAY), disputeUntil: null, openDisputes: 0, number: null,
      draftedAt: ctx.now, sentAt: null, sentBy: null, ackAt: null, ackBy: null, ackNote: null,
    };
    await txSet(tx, COLL, id, doc);
    return { id, answer: { id } };
  });
  if (!made.replayed) {
    await notify(ctx, await adminsOf(ctx, 'community', m.communityId), { key: `opinion:${made.id}`, kind: 'letter', title: `${unit?.name ?? '单位'}申请出具意见`, body: `为 ${m.name ?? ''}（${input.purpose}），请在 ${OPINION_DAYS} 天内答复。`, link: '/record/letters/index?tab=opinion' });
  }
  return { letter: letterDto((await getDoc<LetterDoc>(ctx, COLL, made.id))!) };
}

/** The community writes its opinion: numbered (YJ-), sent, immutable from then on. */
export async function answerOpinion(input: { id: string; text: string; grade: Grade }, ctx: Ctx) {
  const l = await loadLetter(ctx, input.id);
  if (l.kind !== 'opinion') fail('LETTER_STATE', '这不是出具意见的申请');
  await requireCommunityAdmin(ctx, l.communityId);
  const year = Number(dayKey(ctx.now).slice(0, 4));
  const items = (await loadRecords(ctx, [l.openid], { from: l.from, to: l.to })).get(l.openid) ?? [];
  const s = summarize(items);
  const next = await transact(ctx, async (tx) => {
    const cur = await txGet<LetterDoc>(tx, COLL, l._id);
    if (!cur || cur.status !== 'requested') fail('LETTER_SENT', '该意见已出具，不能再修改');
    const number = await takeNumber(tx, 'YJ', l.communityId, year, ctx.now);
    const lines: LetterLineDoc[] = [
      { key: 'tasks', label: '本年度参加服务', value: `${s.tasks} 次，累计 ${Math.round((s.minutes / 60) * 10) / 10} 小时`, dispute: null },
      { key: 'noshows', label: '报名未到', value: `${s.noshows} 次`, dispute: null },
    ];
    const patch = { status: 'sent' as const, number, lines, comment: input.text, grade: input.grade, sentAt: ctx.now, sentBy: ctx.openid };
    await txUpdate(tx, COLL, l._id, patch);
    return { ...cur, _id: l._id, ...patch };
  });
  await notify(ctx, await adminsOf(ctx, 'unit', l.unitId), { key: `opinion-sent:${l._id}`, kind: 'letter', title: `${l.communityName} 已出具意见`, body: `关于 ${l.name}（${l.purpose ?? ''}）的意见已出具，编号 ${next.number}。`, link: '/record/letters/index?view=unit' });
  return { letter: letterDto(next) };
}

/**
 * A sent letter (or answered 出具意见) as a PDF: for the unit it went to, the community that sent it
 * and the member it is about. Rendered from the immutable letter; the file is kept under its number.
 */
export async function letterPdf(input: { id: string }, ctx: Ctx) {
  const l = await loadLetter(ctx, input.id);
  if (l.status !== 'sent' && l.status !== 'acknowledged') fail('LETTER_STATE', '反馈单发送后才能下载');
  if (l.openid !== ctx.openid) {
    const grants = await grantsOf(ctx);
    const unitAdmin = grants.some((g) => g.role === 'unit' && g.scopeId === l.unitId);
    if (!unitAdmin) await requireCommunityAdmin(ctx, l.communityId);
  }
  // pdf-lib and the font load only here: the other actions start fast
  const { renderLetter } = await import('./letterPdf');
  const bytes = await renderLetter({
    kind: l.kind, number: l.number!, name: l.name, phone: maskPhone(l.phone), unitName: l.unitName, communityName: l.communityName,
    periodLabel: l.periodLabel, purpose: l.purpose,
    lines: l.lines.map((x) => ({ label: x.label, value: x.value, answer: x.dispute?.answer ?? null })),
    grade: l.grade, gradeRule: l.kind === 'opinion' ? '' : l.gradeRule, comment: l.comment,
    sentDay: dayKey(toDate(l.sentAt)),
  });
  let url: string | undefined;
  try {
    const fileID = await putFile(`letters/${l.communityId}/${l.number}.pdf`, bytes);
    url = (await tempUrls([fileID], 3600))[fileID];
  } catch (err) {
    console.error('[letterPdf] storage', err);
  }
  if (!url) fail('STORAGE_UNAVAILABLE', '文件存储暂不可用，请稍后重试');
  return { url, fileName: `${l.kind === 'opinion' ? '出具意见' : '反馈单'}_${l.name}_${l.number}.pdf`, bytes: bytes.length };
}
