/**
 * xlsx of the members or units with no participation in 90 days. The lists live in the aggregate
 * documents (a community's and a unit's current month), so the export reads one scope document, or
 * for a street / district its communities' documents in one query: no member scan here either.
 */
import ExcelJS from 'exceljs';
import { fail } from '../../core/contracts/errors';
import { lastMonths, LIST_CAP, type ScopeMonth } from '../../core/domain/stats';
import { grantsOf } from '../_lib/auth';
import { rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { putFile, tempUrls } from '../_lib/storage';
import { maySee } from './dashboard';
import { asOfHour } from './rollup';

export async function exportIdle(input: { scopeId: string; list: 'members' | 'units' }, ctx: Ctx) {
  const month = lastMonths(asOfHour(ctx.now), 1)[0];
  const coll = ctx.db.collection('statsMonths');
  const [grants, own] = await Promise.all([grantsOf(ctx), rows<ScopeMonth>(coll.where({ _id: `${input.scopeId}:${month}` }).limit(1))]);
  const scope = own[0];
  if (!scope) fail('STATS_NOT_READY', '该范围的统计尚未生成（每小时更新一次），请稍后再看');
  if (grants.length === 0 || !maySee(grants, scope)) fail('OUT_OF_SCOPE', '只能导出本辖区的名单');
  if (input.list === 'units' && (scope.kind === 'unit' || scope.kind === 'grid')) fail('VALIDATION_FAILED', '单位和网格没有下属单位名单');
  const sources = scope.kind === 'street' || scope.kind === 'district'
    ? await rows<ScopeMonth>(coll.where({ path: input.scopeId, kind: 'community', month }).orderBy('scopeId', 'asc').limit(1000))
    : [scope];
  const wb = new ExcelJS.Workbook();
  wb.creator = '双报到';
  const title = input.list === 'members' ? '近90天未参与服务的报到党员' : '近90天无党员参与服务的单位';
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.columns = input.list === 'members'
    ? [{ header: '社区', width: 14 }, { header: '姓名', width: 12 }, { header: '单位', width: 24 }]
    : [{ header: '社区', width: 14 }, { header: '单位', width: 24 }, { header: '说明', width: 28 }];
  ws.getRow(1).font = { bold: true };
  let n = 0;
  let truncated = false;
  for (const s of sources) {
    const list = input.list === 'members' ? s.idleMembers : s.idleUnits;
    if (!list) continue;
    if (list.count > list.items.length) truncated = true;
    for (const it of list.items) { ws.addRow([s.kind === 'unit' || s.kind === 'grid' ? (s.pathNames[2] ?? '') : s.name, it.name, it.sub ?? '']); n++; }
  }
  if (truncated) ws.addRow([`注：每个社区/单位最多列出 ${LIST_CAP} 条，完整名单请到社区名册查看`]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = `${scope.name}${title}_${month}.xlsx`;
  let url: string | undefined;
  try {
    const fileID = await putFile(`exports/stats/${input.scopeId}/${ctx.now.getTime()}-${ctx.openid.slice(-6)}.xlsx`, bytes);
    url = (await tempUrls([fileID], 3600))[fileID];
  } catch (err) {
    console.error('[exportIdle] storage', err);
  }
  if (!url) fail('STORAGE_UNAVAILABLE', '文件存储暂不可用，请稍后重试');
  return { url, fileName, rows: n };
}
