/**
 * Export of members' records as xlsx through cloud storage and a temporary link. Members are read
 * 100 at a time (ordered by id, a cursor instead of skip), each page's records with a few batched
 * queries, and rows streamed into the workbook: memory holds one page, not the whole export.
 */
import { fail } from '../../core/contracts/errors';
import { maskPhone } from '../../core/domain/mask';
import { summarize, validPeriod, type Period } from '../../core/domain/record';
import { requireCommunityAdmin, requireUnitAdmin } from '../_lib/auth';
import { getDoc, getMany, rows, PAGE_MAX } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { putFile, tempUrls } from '../_lib/storage';
import type { MemberDoc, OrgDoc, UnitDoc } from '../_shared/report-docs';
import { loadRecords } from './load';

export interface ExportInput extends Period { scope: 'unit' | 'community'; scopeId: string }

/** Streams every member in scope into a workbook; answers its bytes and counts. Exported for the bench. */
export async function buildExport(ctx: Pick<Ctx, 'db'>, input: ExportInput, title: string): Promise<{ bytes: Buffer; members: number; rows: number }> {
  const _ = ctx.db.command;
  const base: Record<string, unknown> = input.scope === 'unit' ? { unitId: input.scopeId, unitStatus: 'verified' } : { communityId: input.scopeId };
  // exceljs loads only for an export: the other actions of this function start fast
  const { RecordWorkbook } = await import('./xlsx');
  const wb = new RecordWorkbook(title);
  const units = new Map<string, UnitDoc>();
  const orgs = new Map<string, OrgDoc>();
  let after = '';
  let lines = 0;
  for (;;) {
    const page = await rows<MemberDoc>(ctx.db.collection('members').where({ ...base, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE_MAX));
    if (page.length === 0) break;
    after = page[page.length - 1]._id;
    const missingUnits = page.map((m) => m.unitId).filter((id): id is string => !!id && !units.has(id));
    const missingOrgs = page.map((m) => m.communityId).filter((id): id is string => !!id && !orgs.has(id));
    const [records, us, os] = await Promise.all([
      loadRecords(ctx, page.map((m) => m._id), input),
      getMany<UnitDoc>(ctx, 'units', missingUnits),
      getMany<OrgDoc>(ctx, 'orgs', missingOrgs),
    ]);
    us.forEach((v, k) => units.set(k, v));
    os.forEach((v, k) => orgs.set(k, v));
    for (const m of page) {
      const items = records.get(m._id) ?? [];
      lines += items.length;
      wb.add({
        name: m.name ?? '', phone: maskPhone(m.phone), unitName: (m.unitStatus === 'verified' && m.unitId && units.get(m.unitId)?.name) || '', branch: m.branch ?? '',
        communityName: (m.communityId && orgs.get(m.communityId)?.name) || '', reportStatus: m.communityId ? '已报到' : '未报到',
      }, summarize(items), items);
    }
    if (page.length < PAGE_MAX) break;
  }
  return { bytes: await wb.finish(), members: wb.rows, rows: lines };
}

export async function exportRecords(input: ExportInput, ctx: Ctx) {
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
  const fileName = `${name}党员记实档案_${period}.xlsx`;
  const out = await buildExport(ctx, input, `${name}党员记实档案（${period}）`);
  let url: string | undefined;
  try {
    const fileID = await putFile(`exports/${input.scope}/${input.scopeId}/${ctx.now.getTime()}-${ctx.openid.slice(-6)}.xlsx`, out.bytes);
    url = (await tempUrls([fileID], 3600))[fileID];
  } catch (err) {
    console.error('[exportRecords] storage', err);
  }
  if (!url) fail('STORAGE_UNAVAILABLE', '文件存储暂不可用，请稍后重试');
  return { url, fileName, members: out.members, rows: out.rows, bytes: out.bytes.length };
}
