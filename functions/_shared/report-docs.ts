/**
 * Documents of the report feature (members, reports, units, orgs, admins) and the small database
 * helpers `member`, `org` and `report` share. Shapes follow docs/ARCHITECTURE.md; every optional
 * field is read defensively because seeded and older documents may lack it.
 */
import { randomBytes } from 'node:crypto';
import { fail } from '../../core/contracts/errors';
import type { ReportView } from '../../core/contracts/report';
import { pickCurrent } from '../../core/domain/report';
import type { Ctx } from '../_lib/router';
import { getDoc, getMany, count, rows } from '../_lib/query';
import { transact, type Tx } from '../_lib/tx';
import type { AdminRecord, MemberRecord, OrgRecord, ReportRecord, UnitRecord } from '../../core/db/records';
import { iso, toDate } from '../../core/domain/dates';

export type Db = Ctx['db'];

export type MemberDoc = MemberRecord;
export type ReportDoc = ReportRecord;
export type OrgDoc = OrgRecord;
export type UnitDoc = UnitRecord;
export type AdminDoc = AdminRecord;

export { iso, toDate };

/** Random document id (reports are created inside transactions, where we choose the id). */
export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

export { getDoc, getMany, count };

export { txGet, txSet, txUpdate } from '../_lib/tx';

/** A transaction over member and report documents; a lasting conflict becomes CONFLICT for the user to retry. */
export const transaction = <T>(db: Db, body: (tx: Tx) => Promise<T>): Promise<T> => transact(db, body, { conflictMessage: '数据已被他人修改，请刷新后重试' });

/** The member's open reports (at most one pending, one approved), newest first. */
export async function openReports(db: Db, openid: string): Promise<{ pending: ReportDoc | null; approved: ReportDoc | null }> {
  const _ = db.command;
  const res = { data: await rows<ReportDoc>(db.collection('reports').where({ openid, status: _.in(['pending', 'approved']) }).orderBy('createdAt', 'desc').limit(10)) };
  return { pending: res.data.find((r) => r.status === 'pending') ?? null, approved: res.data.find((r) => r.status === 'approved') ?? null };
}

/** The report a member sees as "current" (core/domain/report.ts#pickCurrent). */
export async function currentReportDoc(db: Db, openid: string): Promise<ReportDoc | null> {
  const _ = db.command;
  const res = { data: await rows<ReportDoc>(db.collection('reports').where({ openid, status: _.neq('closed') }).orderBy('createdAt', 'desc').limit(20)) };
  return pickCurrent(res.data);
}

export async function orgNames(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const m = await getMany<OrgDoc>(db, 'orgs', ids);
  return new Map([...m].map(([k, v]) => [k, v.name]));
}

export function toReportView(r: ReportDoc, names: Map<string, string>): ReportView {
  return {
    id: r._id,
    status: r.status,
    communityId: r.communityId,
    communityName: names.get(r.communityId) ?? (r.communityName || r.communityId),
    reason: r.reason ?? null,
    moveFrom: r.moveFrom ?? null,
    movedTo: r.movedTo ?? null,
    createdAt: iso(r.createdAt) ?? new Date(0).toISOString(),
    decidedAt: iso(r.decidedAt),
    closedAt: iso(r.closedAt),
  };
}

export async function loadCommunity(db: Db, communityId: string): Promise<OrgDoc> {
  const org = await getDoc<OrgDoc>(db, 'orgs', communityId);
  if (!org || org.kind !== 'community') fail('COMMUNITY_NOT_FOUND', '未找到该社区');
  return org;
}

export async function loadUnit(db: Db, unitId: string): Promise<UnitDoc> {
  const unit = await getDoc<UnitDoc>(db, 'units', unitId);
  if (!unit) fail('UNIT_NOT_FOUND', '未找到该单位');
  return unit;
}

/** Keep the name/unit snapshot on a member's open reports in step with the profile (search, filters). */
export async function syncOpenReports(db: Db, openid: string, patch: Partial<Pick<ReportDoc, 'name' | 'unitId' | 'unitName'>>): Promise<void> {
  const _ = db.command;
  await db.collection('reports').where({ openid, status: _.in(['pending', 'approved']) }).update({ data: patch });
}

/** Openids of the admins of a unit (to tell them about their members). */
export async function unitAdminOpenids(db: Db, unitId: string): Promise<string[]> {
  const res = { data: await rows<AdminDoc>(db.collection('admins').where({ role: 'unit', scopeId: unitId }).limit(50)) };
  return [...new Set(res.data.map((a) => a.openid))];
}
export async function communityAdminOpenids(db: Db, communityId: string): Promise<string[]> {
  const res = { data: await rows<AdminDoc>(db.collection('admins').where({ role: 'community', scopeId: communityId }).limit(50)) };
  return [...new Set(res.data.map((a) => a.openid))];
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
