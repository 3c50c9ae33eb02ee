/**
 * Export of members' records as xlsx through cloud storage and a temporary link. Members are read
 * 100 at a time (ordered by id, a cursor instead of skip), each page's records with a few batched
 * queries, and rows streamed into the workbook: memory holds one page, not the whole export.
 *
 * In the app the export runs as a job (`startExport`, then `exportStep` until done) so that no
 * single call runs long: each step turns one page of members into sheet rows and stores them as a
 * part file; the last step streams the parts, one at a time, into the workbook and hands out the
 * link. The client shows the job's progress (members done of total) between steps.
 */
import { fail } from '../../core/contracts/errors';
import { maskPhone } from '../../core/domain/mask';
import { summarize, validPeriod, type Period } from '../../core/domain/record';
import { requireCommunityAdmin, requireUnitAdmin } from '../_lib/auth';
import { once } from '../_lib/once';
import { count, getDoc, getMany, rows, PAGE_MAX } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { putFile, readFile, removeFiles, tempUrls } from '../_lib/storage';
import { transact, txGet, txSet, txUpdate } from '../_lib/tx';
import type { MemberDoc, OrgDoc, UnitDoc } from '../_shared/report-docs';
import { toDate } from '../task/store';
import { loadRecords } from './load';
import type { MemberRows } from './xlsx';

export interface ExportInput extends Period { scope: 'unit' | 'community'; scopeId: string }
interface Caches { units: Map<string, UnitDoc>; orgs: Map<string, OrgDoc> }

const baseOf = (input: ExportInput): Record<string, unknown> => (input.scope === 'unit' ? { unitId: input.scopeId, unitStatus: 'verified' } : { communityId: input.scopeId });

/** One page of members after `after` (by id) as sheet rows; `last` when no member follows. */
async function exportPage(ctx: Pick<Ctx, 'db'>, input: ExportInput, after: string, caches: Caches): Promise<{ rows: MemberRows[]; after: string; lines: number; last: boolean }> {
  const _ = ctx.db.command;
  const page = await rows<MemberDoc>(ctx.db.collection('members').where({ ...baseOf(input), _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE_MAX));
  if (page.length === 0) return { rows: [], after, lines: 0, last: true };
  const { memberRows } = await import('./xlsx');
  const missingUnits = page.map((m) => m.unitId).filter((id): id is string => !!id && !caches.units.has(id));
  const missingOrgs = page.map((m) => m.communityId).filter((id): id is string => !!id && !caches.orgs.has(id));
  const [records, us, os] = await Promise.all([
    loadRecords(ctx, page.map((m) => m._id), input),
    getMany<UnitDoc>(ctx, 'units', missingUnits),
    getMany<OrgDoc>(ctx, 'orgs', missingOrgs),
  ]);
  us.forEach((v, k) => caches.units.set(k, v));
  os.forEach((v, k) => caches.orgs.set(k, v));
  let lines = 0;
  const out = page.map((m) => {
    const items = records.get(m._id) ?? [];
    lines += items.length;
    return memberRows({
      name: m.name ?? '', phone: maskPhone(m.phone), unitName: (m.unitStatus === 'verified' && m.unitId && caches.units.get(m.unitId)?.name) || '', branch: m.branch ?? '',
      communityName: (m.communityId && caches.orgs.get(m.communityId)?.name) || '', reportStatus: m.communityId ? '已报到' : '未报到',
    }, summarize(items), items);
  });
  return { rows: out, after: page[page.length - 1]._id, lines, last: page.length < PAGE_MAX };
}

/** Streams every member in scope into a workbook in one go; answers its bytes and counts. Used by the bench and small exports. */
export async function buildExport(ctx: Pick<Ctx, 'db'>, input: ExportInput, title: string): Promise<{ bytes: Buffer; members: number; rows: number }> {
  // exceljs loads only for an export: the other actions of this function start fast
  const { RecordWorkbook } = await import('./xlsx');
  const wb = new RecordWorkbook(title);
  const caches: Caches = { units: new Map(), orgs: new Map() };
  let after = '';
  let lines = 0;
  for (;;) {
    const p = await exportPage(ctx, input, after, caches);
    p.rows.forEach((r) => wb.addRows(r));
    lines += p.lines;
    after = p.after;
    if (p.last) break;
  }
  return { bytes: await wb.finish(), members: wb.rows, rows: lines };
}

/** Checks the caller administers the scope; answers the names the file carries. */
async function named(input: ExportInput, ctx: Ctx): Promise<{ fileName: string; title: string }> {
  if (!validPeriod(input)) fail('BAD_PERIOD', '开始日期不能晚于结束日期');
  let name: string;
  if (input.scope === 'unit') {
    await requireUnitAdmin(ctx, input.scopeId);
    name = (await getDoc<UnitDoc>(ctx, 'units', input.scopeId))?.name ?? input.scopeId;
  } else {
    await requireCommunityAdmin(ctx, input.scopeId);
    name = (await getDoc<OrgDoc>(ctx, 'orgs', input.scopeId))?.name ?? input.scopeId;
  }
  const period = input.from || input.to ? `${input.from ?? '开始'}至${input.to ?? '今'}` : '全部';
  return { fileName: `${name}党员记实档案_${period}.xlsx`, title: `${name}党员记实档案（${period}）` };
}

async function publish(ctx: Ctx, input: ExportInput, bytes: Buffer): Promise<{ fileID: string; url: string }> {
  let fileID = '';
  let url: string | undefined;
  try {
    fileID = await putFile(`exports/${input.scope}/${input.scopeId}/${ctx.now.getTime()}-${ctx.openid.slice(-6)}.xlsx`, bytes);
    url = (await tempUrls([fileID], 3600))[fileID];
  } catch (err) {
    console.error('[export] storage', err);
  }
  if (!url) fail('STORAGE_UNAVAILABLE', '文件存储暂不可用，请稍后重试');
  return { fileID, url };
}

/** The whole export in one call (small scopes, scripts); the app uses the job below. */
export async function exportRecords(input: ExportInput, ctx: Ctx) {
  const { fileName, title } = await named(input, ctx);
  const out = await buildExport(ctx, input, title);
  const { url } = await publish(ctx, input, out.bytes);
  return { url, fileName, members: out.members, rows: out.rows, bytes: out.bytes.length };
}

// ——— the export as a job: one page of members per call ———

const JOBS = 'exportJobs';
export interface ExportJobDoc {
  _id: string;
  by: string;
  input: ExportInput;
  title: string;
  fileName: string;
  status: 'running' | 'done';
  total: number;
  done: number;
  rows: number;
  after: string;
  /** every member has been turned into rows: the next call assembles the workbook */
  paged: boolean;
  /** part files (one per step) in storage until the workbook is assembled */
  parts: string[];
  fileID: string | null;
  bytes: number;
  createdAt: Date;
  updatedAt: Date;
}

const jobDto = (j: ExportJobDoc, url: string | null = null) => ({
  id: j._id, status: j.status, assembling: j.status === 'running' && !!j.paged, total: j.total, done: j.done, rows: j.rows, fileName: j.fileName, bytes: j.bytes, url, createdAt: toDate(j.createdAt).toISOString(),
});

/** 开始导出: checks scope, counts the members, creates the job (one per requestId). */
export async function startExport(input: ExportInput & { requestId?: string }, ctx: Ctx) {
  const { from, to, scope, scopeId } = input;
  const clean: ExportInput = { scope, scopeId, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const { fileName, title } = await named(clean, ctx);
  const total = await count(ctx, 'members', baseOf(clean));
  const { answer } = await once(ctx, 'exportJob', input.requestId, async (tx) => {
    const id = `xj-${ctx.now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const doc: Omit<ExportJobDoc, '_id'> = { by: ctx.openid, input: clean, title, fileName, status: 'running', total, done: 0, rows: 0, after: '', paged: false, parts: [], fileID: null, bytes: 0, createdAt: ctx.now, updatedAt: ctx.now };
    await txSet(tx, JOBS, id, doc);
    return { id, answer: { job: jobDto({ _id: id, ...doc }) } };
  });
  return answer;
}

async function loadJob(ctx: Ctx, id: string): Promise<ExportJobDoc> {
  const j = await getDoc<ExportJobDoc>(ctx, JOBS, id);
  // a job is its starter's: another admin of the same scope starts their own
  if (!j || j.by !== ctx.openid) fail('NOT_FOUND', '未找到该导出任务');
  return j;
}

/**
 * Advances a job by one page of members (their rows stored as a part file), or, once every member
 * is done, streams the parts into the workbook and answers the link. A repeated or concurrent call
 * for the same step writes the same part and records it once (the cursor is compared in a transaction).
 */
export async function exportStep(input: { id: string }, ctx: Ctx) {
  const j = await loadJob(ctx, input.id);
  if (j.status === 'done') {
    const url = j.fileID ? (await tempUrls([j.fileID], 3600).catch(() => ({} as Record<string, string>)))[j.fileID] ?? null : null;
    return { job: jobDto(j, url) };
  }
  if (!j.paged) {
    const p = await exportPage(ctx, j.input, j.after, { units: new Map(), orgs: new Map() });
    const part = p.rows.length ? await putFile(`exports/jobs/${j._id}/${j.parts.length}.json`, Buffer.from(JSON.stringify(p.rows))) : null;
    const next = await transact(ctx, async (tx) => {
      const cur = (await txGet(tx, JOBS, j._id)) as ExportJobDoc | null;
      if (!cur || cur.after !== j.after || cur.status !== 'running') return cur; // another call took this step
      const patch = {
        after: p.after, paged: p.last, done: cur.done + p.rows.length, rows: cur.rows + p.lines,
        parts: part ? [...cur.parts, part] : cur.parts, updatedAt: ctx.now,
      };
      await txUpdate(tx, JOBS, j._id, patch);
      return { ...cur, ...patch };
    });
    // the last page's step returns too: the assembly is the next call, so no call does both
    return { job: jobDto(next ?? j) };
  }
  // assembly: parts are read one at a time into the streaming workbook (memory holds one part)
  const { RecordWorkbook } = await import('./xlsx');
  const wb = new RecordWorkbook(j.title);
  for (const part of j.parts) for (const r of JSON.parse((await readFile(part)).toString('utf8')) as MemberRows[]) wb.addRows(r);
  const bytes = await wb.finish();
  const { fileID, url } = await publish(ctx, j.input, bytes);
  const done = await transact(ctx, async (tx) => {
    const cur = (await txGet(tx, JOBS, j._id)) as ExportJobDoc | null;
    if (!cur || cur.status === 'done') return cur;
    const patch = { status: 'done' as const, fileID, bytes: bytes.length, updatedAt: ctx.now };
    await txUpdate(tx, JOBS, j._id, patch);
    return { ...cur, ...patch };
  });
  if (done?.fileID === fileID) await removeFiles(j.parts).catch((err) => console.error('[exportStep] parts', err));
  return { job: jobDto(done ?? j, done?.fileID === fileID ? url : null) };
}
