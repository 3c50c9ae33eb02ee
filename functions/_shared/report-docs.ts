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
import { getDoc, getMany, count } from '../_lib/query';

export type Db = Ctx['db'];

export interface MemberDoc {
  _id: string;
  name?: string;
  phone?: string;
  branch?: string;
  building?: string;
  room?: string;
  category?: 'in_service' | 'floating' | 'other';
  unitId?: string | null;
  unitStatus?: 'pending' | 'verified' | 'rejected' | null;
  /** community of the current approved report, null when not reported */
  communityId?: string | null;
  reportId?: string | null;
  /** bumped by every change to the member's reports, checked inside transactions */
  reportRev?: number;
  privacyAt?: Date | null;
  privacyVersion?: string;
  lastRemindedAt?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface ReportDoc {
  _id: string;
  openid: string;
  communityId: string;
  streetId?: string | null;
  districtId?: string | null;
  unitId?: string | null;
  unitName?: string | null;
  /** snapshot for search and lists; refreshed when the profile changes */
  name?: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'closed';
  reason?: string | null;
  moveFrom?: string | null;
  movedTo?: string | null;
  createdAt: Date;
  decidedAt?: Date | null;
  decidedBy?: string | null;
  closedAt?: Date | null;
}

export interface OrgDoc { _id: string; kind: 'district' | 'street' | 'community' | 'grid'; name: string; parentId?: string | null; path?: string[]; address?: string }
export interface UnitDoc { _id: string; name: string; communityId: string; streetId?: string | null; districtId?: string | null; inviteCode?: string; contact?: unknown }
export interface AdminDoc { _id: string; openid: string; role: 'super' | 'district' | 'street' | 'community' | 'unit'; scopeId: string; name?: string; appointedBy?: string | null; createdAt?: Date }

type Tx = { collection(name: string): { doc(id: string): { get(): Promise<unknown>; set(d: object): Promise<unknown>; update(d: object): Promise<unknown> } } };

export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof v === 'object' && v && '$date' in v) return toDate((v as { $date: unknown }).$date);
  return null;
}
export const iso = (v: unknown): string | null => toDate(v)?.toISOString() ?? null;

/** Random document id (reports are created inside transactions, where we choose the id). */
export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

export { getDoc, getMany, count };

function check(res: unknown): void {
  if (res && typeof res === 'object' && (res as { code?: unknown }).code) {
    const r = res as { code: string; message?: string };
    throw Object.assign(new Error(r.message ?? r.code), { code: r.code });
  }
}

export async function txGet<T>(tx: unknown, coll: string, id: string): Promise<T | null> {
  try {
    const res = (await (tx as Tx).collection(coll).doc(id).get()) as { data?: T | T[] | null };
    check(res);
    const data = res?.data;
    if (Array.isArray(data)) return data[0] ?? null;
    return data ? ({ _id: id, ...data } as T) : null;
  } catch (err) {
    if (/does not exist|not exist|不存在/i.test(String((err as Error)?.message ?? err))) return null;
    throw err;
  }
}
export async function txSet(tx: unknown, coll: string, id: string, doc: object): Promise<void> {
  const { _id: _ignored, ...data } = doc as { _id?: string };
  check(await (tx as Tx).collection(coll).doc(id).set({ data }));
}
export async function txUpdate(tx: unknown, coll: string, id: string, patch: object): Promise<void> {
  check(await (tx as Tx).collection(coll).doc(id).update({ data: patch }));
}

/**
 * Runs `body` in a transaction. A conflict (someone changed the same member at the same moment)
 * becomes CONFLICT for the user to retry; our own AppErrors pass through unchanged.
 */
export async function transaction<T>(db: Db, body: (tx: unknown) => Promise<T>): Promise<T> {
  try {
    return (await db.runTransaction(async (tx: unknown) => body(tx))) as T;
  } catch (err) {
    if (/TRANSACTION_CONFLICT/i.test(String((err as { code?: string })?.code ?? '') + String((err as Error)?.message ?? ''))) {
      fail('CONFLICT', '数据已被他人修改，请刷新后重试');
    }
    throw err;
  }
}

/** The member's open reports (at most one pending, one approved), newest first. */
export async function openReports(db: Db, openid: string): Promise<{ pending: ReportDoc | null; approved: ReportDoc | null }> {
  const _ = db.command;
  const res = (await db.collection('reports').where({ openid, status: _.in(['pending', 'approved']) }).orderBy('createdAt', 'desc').limit(10).get()) as unknown as { data: ReportDoc[] };
  return { pending: res.data.find((r) => r.status === 'pending') ?? null, approved: res.data.find((r) => r.status === 'approved') ?? null };
}

/** The report a member sees as "current" (core/domain/report.ts#pickCurrent). */
export async function currentReportDoc(db: Db, openid: string): Promise<ReportDoc | null> {
  const _ = db.command;
  const res = (await db.collection('reports').where({ openid, status: _.neq('closed') }).orderBy('createdAt', 'desc').limit(20).get()) as unknown as { data: ReportDoc[] };
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
    communityName: names.get(r.communityId) ?? r.communityId,
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
  const res = (await db.collection('admins').where({ role: 'unit', scopeId: unitId }).limit(50).get()) as unknown as { data: AdminDoc[] };
  return [...new Set(res.data.map((a) => a.openid))];
}
export async function communityAdminOpenids(db: Db, communityId: string): Promise<string[]> {
  const res = (await db.collection('admins').where({ role: 'community', scopeId: communityId }).limit(50).get()) as unknown as { data: AdminDoc[] };
  return [...new Set(res.data.map((a) => a.openid))];
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
