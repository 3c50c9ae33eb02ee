/**
 * Dashboard aggregates (issue 16), pure: from plain rows of the collections the other features
 * write, compute per-scope, per-month counters (district → street → community → unit). Every rate
 * is kept as its numerator and denominator so a parent is the sum of its children and the screen
 * can always show "n/d" next to the percentage.
 *
 * Time: months are China-time calendar months ('2026-11'). A "stock" metric (members, 报到, active)
 * is taken at the month's end (or at `asOf` for the current month); a "flow" metric (tasks, needs,
 * wishes, hours) counts what happened inside the month.
 *
 * Moves: a member belongs to a community from the day their report there was approved until it
 * was closed (moved, left). Service is credited to the community the member belonged to when it
 * happened, so after a move the member counts in the new community only from the move date.
 *
 * Grids (网格): a community may have grid orgs (`kind: 'grid'`, parent the community). A member's
 * grid is the `gridId` on their report there (set by the community admin on the 报到名册); a grid's
 * document counts its members, their activity and hours, and lists them (drill-down to the record).
 * Members without a grid count in the community only.
 */

const CHINA_MS = 8 * 3600_000;
const DAY = 86_400_000;
export const ACTIVE_DAYS = 90;
/** lists kept inside one aggregate document (a document stays far below the 1 MB query limit) */
export const LIST_CAP = 200;

export type ScopeKind = 'district' | 'street' | 'community' | 'grid' | 'unit';

export interface OrgRow { _id: string; kind: string; name: string; parentId?: string | null; path?: string[] }
export interface UnitRow { _id: string; name: string; communityId: string }
export interface MemberRow { _id: string; name?: string; unitId?: string | null; unitStatus?: string | null }
export interface ReportRow {
  openid: string; communityId: string; gridId?: string | null; status: string; createdAt: Date; decidedAt?: Date | null; closedAt?: Date | null;
}
export interface UnitReportRow { unitId: string; status: string; createdAt: Date; decidedAt?: Date | null }
export interface TaskRow {
  _id: string; communityId: string; status: string; slots: number; signed: number; startAt: Date;
  publishedAt?: Date | null; createdAt: Date; source?: { kind: string; id: string } | null;
}
export interface SignupRow { taskId: string; openid: string; confirmed: boolean; noshow?: boolean; minutes?: number | null }
export interface NeedRow { _id: string; communityId: string; status: string; createdAt: Date }
export interface ProjectRow { _id: string; communityId: string; status: string; createdAt: Date; unitId?: string | null }
export interface WishRow {
  _id: string; communityId: string; status: string; createdAt: Date; claimCount?: number; confirmedAt?: Date | null; receipt?: { via: string } | null;
}
export interface PledgeRow { openid: string; communityId: string; status: string; review?: { outcome: string; reviewedAt: Date } | null }

export interface Snapshot {
  orgs: OrgRow[]; units: UnitRow[]; members: MemberRow[]; reports: ReportRow[]; unitReports: UnitReportRow[];
  tasks: TaskRow[]; signups: SignupRow[]; needs: NeedRow[]; projects: ProjectRow[]; wishes: WishRow[]; pledges: PledgeRow[];
}

/** Counters of one scope and month. Sums of children, so every field adds up. */
export interface Counters {
  /** verified members of the scope's units / of them, reported (anywhere) at the month's end */
  unitMembers: number; unitMembersReported: number;
  units: number; unitsReported: number;
  /** members whose report (community) is in the scope at the month's end */
  reported: number;
  /** of `reported`, served at least once in the 90 days to the month's end (credited here) */
  active: number;
  /** confirmed service minutes in the month, credited to the scope */
  minutes: number;
  tasksPublished: number; tasksFilled: number; tasksCompleted: number;
  needs: number; needsDone: number; needsResponded: number; needsResponseDays: number;
  projects: number; projectsDone: number;
  /** units with an approved unit report (resources offered) / of them, with a project using them */
  resourceUnits: number; resourceUnitsUsed: number;
  wishes: number; wishesClaimed: number; wishesFulfilled: number; wishFulfilDays: number;
  pledgesReviewed: number; pledgesFulfilled: number;
  /** wishes confirmed in the month / of them, receipt confirmed by the resident's own code */
  wishesConfirmed: number; wishesResident: number;
}

export const zero = (): Counters => ({
  unitMembers: 0, unitMembersReported: 0, units: 0, unitsReported: 0, reported: 0, active: 0, minutes: 0,
  tasksPublished: 0, tasksFilled: 0, tasksCompleted: 0, needs: 0, needsDone: 0, needsResponded: 0, needsResponseDays: 0,
  projects: 0, projectsDone: 0, resourceUnits: 0, resourceUnitsUsed: 0, wishes: 0, wishesClaimed: 0, wishesFulfilled: 0, wishFulfilDays: 0,
  pledgesReviewed: 0, pledgesFulfilled: 0, wishesConfirmed: 0, wishesResident: 0,
});

export function add(a: Counters, b: Counters): Counters {
  const out = { ...a };
  for (const k of Object.keys(b) as Array<keyof Counters>) out[k] = Math.round((a[k] + b[k]) * 100) / 100;
  return out;
}

export interface ListItem { id: string; name: string; sub?: string; minutes90?: number }
export interface ScopeMonth {
  _id: string; scopeId: string; kind: ScopeKind; name: string; parentId: string | null;
  /** ancestors, top first (district, street, community) — for scope checks and queries by area */
  path: string[]; pathNames: string[]; month: string; asOf: Date; c: Counters;
  /** current month only: reported members / units with no service in 90 days, and a unit's members */
  idleMembers?: { count: number; items: ListItem[] }; idleUnits?: { count: number; items: ListItem[] }; members?: { count: number; items: ListItem[] };
}

/** '2026-11' — the China-time month of an instant */
export function monthOf(t: Date | number): string {
  const d = new Date((typeof t === 'number' ? t : t.getTime()) + CHINA_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
/** first instant of a China-time month */
export function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) - CHINA_MS;
}
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
/** the `n` months ending with the month of `asOf`, oldest first */
export function lastMonths(asOf: Date, n = 12): string[] {
  const out: string[] = [];
  let m = monthOf(asOf);
  for (let i = 0; i < n; i++) {
    out.unshift(m);
    const [y, mm] = m.split('-').map(Number);
    m = mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
  }
  return out;
}

interface Stay { communityId: string; gridId: string | null; from: number; to: number }

/** When each member belonged to which community: approved reports, from decision to close. */
export function staysOf(reports: ReportRow[]): Map<string, Stay[]> {
  const out = new Map<string, Stay[]>();
  for (const r of reports) {
    if (r.status !== 'approved' && !(r.status === 'closed' && r.decidedAt)) continue;
    const from = (r.decidedAt ?? r.createdAt).getTime();
    const to = r.status === 'closed' ? (r.closedAt?.getTime() ?? from) : Infinity;
    if (to <= from) continue;
    const list = out.get(r.openid) ?? [];
    list.push({ communityId: r.communityId, gridId: r.gridId ?? null, from, to });
    out.set(r.openid, list);
  }
  return out;
}
export function stayAt(stays: Stay[] | undefined, t: number): Stay | null {
  for (const s of stays ?? []) if (s.from <= t && t < s.to) return s;
  return null;
}
export const communityAt = (stays: Stay[] | undefined, t: number): string | null => stayAt(stays, t)?.communityId ?? null;

const inMonth = (t: Date | null | undefined, from: number, to: number) => !!t && t.getTime() >= from && t.getTime() < to;

/**
 * Every scope's document for every month in `months` (oldest first). Deterministic: the same
 * snapshot, months and `asOf` give the same documents, so a roll-up run twice writes the same.
 */
export function rollUp(s: Snapshot, months: string[], asOf: Date): ScopeMonth[] {
  const now = asOf.getTime();
  const orgById = new Map(s.orgs.map((o) => [o._id, o]));
  const communities = s.orgs.filter((o) => o.kind === 'community');
  // a grid counts only under its own community (a stale gridId from another community is ignored)
  const grids = s.orgs.filter((o) => o.kind === 'grid' && !!o.parentId && orgById.get(o.parentId)?.kind === 'community');
  const gridIds = new Set(grids.map((g) => g._id));
  const gridOf = (st: Stay | null) => (st?.gridId && gridIds.has(st.gridId) && orgById.get(st.gridId)?.parentId === st.communityId ? st.gridId : null);
  const unitById = new Map(s.units.map((u) => [u._id, u]));
  const memberById = new Map(s.members.map((m) => [m._id, m]));
  const stays = staysOf(s.reports);
  const taskById = new Map(s.tasks.map((t) => [t._id, t]));

  // service events: confirmed attendance, at the task's start, credited to the member's community then
  interface Service { openid: string; at: number; minutes: number; communityId: string | null; gridId: string | null }
  const services: Service[] = [];
  for (const g of s.signups) {
    if (!g.confirmed || g.noshow) continue;
    const t = taskById.get(g.taskId);
    if (!t) continue;
    const at = t.startAt.getTime();
    if (at > now) continue;
    const st = stayAt(stays.get(g.openid), at);
    services.push({ openid: g.openid, at, minutes: g.minutes ?? 0, communityId: st?.communityId ?? null, gridId: gridOf(st) });
  }
  const servicesOf = new Map<string, Service[]>();
  for (const sv of services) { const l = servicesOf.get(sv.openid); if (l) l.push(sv); else servicesOf.set(sv.openid, [sv]); }
  const firstTaskOfNeed = new Map<string, number>();
  for (const t of s.tasks) {
    if (t.source?.kind !== 'need') continue;
    const prev = firstTaskOfNeed.get(t.source.id);
    if (prev === undefined || t.createdAt.getTime() < prev) firstTaskOfNeed.set(t.source.id, t.createdAt.getTime());
  }
  const unitsUsed = new Set(s.projects.map((p) => p.unitId).filter((x): x is string => !!x));
  const unitMembers = new Map<string, MemberRow[]>();
  for (const m of s.members) {
    if (!m.unitId || m.unitStatus !== 'verified' || !unitById.has(m.unitId)) continue;
    const l = unitMembers.get(m.unitId);
    if (l) l.push(m); else unitMembers.set(m.unitId, [m]);
  }

  const out: ScopeMonth[] = [];
  const current = monthOf(asOf);
  for (const month of months) {
    const from = monthStart(month);
    const to = Math.min(monthStart(nextMonth(month)), now + 1);
    const end = to - 1;
    const activeFrom = end - ACTIVE_DAYS * DAY;
    const isCurrent = month === current;
    // who served (credited to which community) within the 90-day window
    const activeIn = new Map<string, Set<string>>();
    const activeInGrid = new Map<string, Set<string>>();
    const gridMinutes90 = new Map<string, number>();
    const minutes90 = new Map<string, number>();
    for (const sv of services) {
      if (sv.at > end || sv.at <= activeFrom) continue;
      minutes90.set(sv.openid, (minutes90.get(sv.openid) ?? 0) + sv.minutes);
      if (sv.communityId) activeIn.set(sv.communityId, (activeIn.get(sv.communityId) ?? new Set()).add(sv.openid));
      if (sv.gridId) activeInGrid.set(sv.gridId, (activeInGrid.get(sv.gridId) ?? new Set()).add(sv.openid));
      if (sv.gridId) gridMinutes90.set(`${sv.gridId}|${sv.openid}`, (gridMinutes90.get(`${sv.gridId}|${sv.openid}`) ?? 0) + sv.minutes);
    }
    const servedAnywhere = (openid: string) => minutes90.has(openid);

    const byCommunity = new Map<string, Counters>(communities.map((c) => [c._id, zero()]));
    const byGrid = new Map<string, Counters>(grids.map((g) => [g._id, zero()]));
    const gridMembers = new Map<string, ListItem[]>();
    const idleByCommunity = new Map<string, ListItem[]>();
    const unitDocs: ScopeMonth[] = [];
    // members at the month's end, by community
    for (const [openid, st] of stays) {
      const here = stayAt(st, end);
      const cid = here?.communityId ?? null;
      const c = cid ? byCommunity.get(cid) : undefined;
      if (!c || !cid) continue;
      c.reported++;
      const gid = gridOf(here);
      const gc = gid ? byGrid.get(gid) : undefined;
      if (gc && gid) {
        gc.reported++;
        if (activeInGrid.get(gid)?.has(openid)) gc.active++;
        if (isCurrent) {
          const m = memberById.get(openid);
          const list = gridMembers.get(gid) ?? [];
          list.push({ id: openid, name: m?.name ?? '（未填写姓名）', sub: m?.unitId ? unitById.get(m.unitId)?.name ?? '' : '', minutes90: gridMinutes90.get(`${gid}|${openid}`) ?? 0 });
          gridMembers.set(gid, list);
        }
      }
      if (activeIn.get(cid)?.has(openid)) c.active++;
      else if (isCurrent) {
        const m = memberById.get(openid);
        const list = idleByCommunity.get(cid) ?? [];
        list.push({ id: openid, name: m?.name ?? '（未填写姓名）', sub: m?.unitId ? unitById.get(m.unitId)?.name ?? '' : '' });
        idleByCommunity.set(cid, list);
      }
    }
    for (const sv of services) {
      if (sv.at < from || sv.at >= to || !sv.communityId) continue;
      const c = byCommunity.get(sv.communityId);
      if (c) c.minutes += sv.minutes;
      const gc = sv.gridId ? byGrid.get(sv.gridId) : undefined;
      if (gc) gc.minutes += sv.minutes;
    }
    for (const t of s.tasks) {
      const c = byCommunity.get(t.communityId);
      if (!c || t.status === 'draft' || !inMonth(t.publishedAt ?? null, from, to)) continue;
      c.tasksPublished++;
      if (t.signed >= t.slots) c.tasksFilled++;
      if (t.status === 'finished') c.tasksCompleted++;
    }
    for (const n of s.needs) {
      const c = byCommunity.get(n.communityId);
      if (!c || !inMonth(n.createdAt, from, to)) continue;
      c.needs++;
      if (n.status !== 'open') c.needsDone++;
      const first = firstTaskOfNeed.get(n._id);
      if (first !== undefined) { c.needsResponded++; c.needsResponseDays += Math.max(0, first - n.createdAt.getTime()) / DAY; }
    }
    for (const p of s.projects) {
      const c = byCommunity.get(p.communityId);
      if (!c || !inMonth(p.createdAt, from, to)) continue;
      c.projects++;
      if (p.status === 'done') c.projectsDone++;
    }
    for (const w of s.wishes) {
      const c = byCommunity.get(w.communityId);
      if (!c) continue;
      if (inMonth(w.createdAt, from, to) && w.status !== 'reported' && w.status !== 'withdrawn') {
        c.wishes++;
        if ((w.claimCount ?? 0) > 0 || ['claimed', 'fulfilled', 'confirmed'].includes(w.status)) c.wishesClaimed++;
        if (w.status === 'confirmed' && w.confirmedAt) { c.wishesFulfilled++; c.wishFulfilDays += (w.confirmedAt.getTime() - w.createdAt.getTime()) / DAY; }
      }
      if (w.status === 'confirmed' && inMonth(w.confirmedAt, from, to)) {
        c.wishesConfirmed++;
        if (w.receipt?.via === 'code') c.wishesResident++;
      }
    }
    for (const p of s.pledges) {
      const c = byCommunity.get(p.communityId);
      if (!c || !p.review || !inMonth(p.review.reviewedAt, from, to)) continue;
      c.pledgesReviewed++;
      if (p.review.outcome === 'fulfilled') c.pledgesFulfilled++;
    }
    // units: their members (wherever they report), and the unit's own report
    const latestUnitReport = new Map<string, UnitReportRow>();
    for (const r of s.unitReports) {
      if (r.status !== 'approved' || (r.decidedAt ?? r.createdAt).getTime() > end) continue;
      latestUnitReport.set(r.unitId, r);
    }
    for (const u of s.units) {
      const c = zero();
      c.units = 1;
      if (latestUnitReport.has(u._id)) { c.unitsReported = 1; c.resourceUnits = 1; if (unitsUsed.has(u._id)) c.resourceUnitsUsed = 1; }
      const ms = unitMembers.get(u._id) ?? [];
      const list: ListItem[] = [];
      const idle: ListItem[] = [];
      for (const m of ms) {
        c.unitMembers++;
        const cid = communityAt(stays.get(m._id), end);
        if (cid) { c.unitMembersReported++; c.reported++; if (servedAnywhere(m._id)) c.active++; }
        for (const sv of servicesOf.get(m._id) ?? []) if (sv.at >= from && sv.at < to) c.minutes += sv.minutes;
        if (isCurrent) {
          const item = { id: m._id, name: m.name ?? '（未填写姓名）', sub: cid ? (orgById.get(cid)?.name ?? '') : '未报到', minutes90: minutes90.get(m._id) ?? 0 };
          list.push(item);
          if (!servedAnywhere(m._id)) idle.push(item);
        }
      }
      const community = orgById.get(u.communityId);
      const doc: ScopeMonth = { _id: `${u._id}:${month}`, scopeId: u._id, kind: 'unit', name: u.name, parentId: u.communityId, path: [...(community?.path ?? []), u.communityId], pathNames: [], month, asOf, c };
      if (isCurrent) {
        list.sort((a, b) => (b.minutes90 ?? 0) - (a.minutes90 ?? 0) || a.id.localeCompare(b.id));
        doc.members = { count: list.length, items: list.slice(0, LIST_CAP) };
        doc.idleMembers = { count: idle.length, items: idle.slice(0, LIST_CAP) };
      }
      unitDocs.push(doc);
      // the unit side of a community: its units and their members' 报到
      const cc = byCommunity.get(u.communityId);
      if (cc) {
        cc.units++; cc.unitsReported += c.unitsReported; cc.resourceUnits += c.resourceUnits; cc.resourceUnitsUsed += c.resourceUnitsUsed;
        cc.unitMembers += c.unitMembers; cc.unitMembersReported += c.unitMembersReported;
      }
    }
    const communityDocs: ScopeMonth[] = communities.map((o) => {
      const doc: ScopeMonth = { _id: `${o._id}:${month}`, scopeId: o._id, kind: 'community', name: o.name, parentId: o.parentId ?? null, path: o.path ?? [], pathNames: [], month, asOf, c: byCommunity.get(o._id)! };
      if (isCurrent) {
        const idle = (idleByCommunity.get(o._id) ?? []).sort((a, b) => a.id.localeCompare(b.id));
        const idleUnits = unitDocs.filter((u) => u.parentId === o._id && u.c.unitMembers > 0 && u.c.active === 0).map((u) => ({ id: u.scopeId, name: u.name, sub: `${u.c.unitMembers} 名党员近 90 天无服务` }));
        doc.idleMembers = { count: idle.length, items: idle.slice(0, LIST_CAP) };
        doc.idleUnits = { count: idleUnits.length, items: idleUnits.slice(0, LIST_CAP) };
      }
      return doc;
    });
    const gridDocs: ScopeMonth[] = grids.map((g) => {
      const community = orgById.get(g.parentId!);
      const doc: ScopeMonth = { _id: `${g._id}:${month}`, scopeId: g._id, kind: 'grid', name: g.name, parentId: g.parentId!, path: [...(community?.path ?? []), g.parentId!], pathNames: [], month, asOf, c: byGrid.get(g._id)! };
      if (isCurrent) {
        const list = (gridMembers.get(g._id) ?? []).sort((a, b) => (b.minutes90 ?? 0) - (a.minutes90 ?? 0) || a.id.localeCompare(b.id));
        const idle = list.filter((m) => !activeInGrid.get(g._id)?.has(m.id));
        doc.members = { count: list.length, items: list.slice(0, LIST_CAP) };
        doc.idleMembers = { count: idle.length, items: idle.slice(0, LIST_CAP) };
      }
      return doc;
    });
    // streets and districts: sums of their communities
    const upper: ScopeMonth[] = s.orgs.filter((o) => o.kind === 'street' || o.kind === 'district').map((o) => {
      const below = communityDocs.filter((d) => d.path.includes(o._id));
      const doc: ScopeMonth = { _id: `${o._id}:${month}`, scopeId: o._id, kind: o.kind as ScopeKind, name: o.name, parentId: o.parentId ?? null, path: o.path ?? [], pathNames: [], month, asOf, c: below.reduce((acc, d) => add(acc, d.c), zero()) };
      if (isCurrent) {
        doc.idleMembers = { count: below.reduce((n, d) => n + (d.idleMembers?.count ?? 0), 0), items: [] };
        doc.idleUnits = { count: below.reduce((n, d) => n + (d.idleUnits?.count ?? 0), 0), items: [] };
      }
      return doc;
    });
    out.push(...upper, ...communityDocs, ...gridDocs, ...unitDocs);
  }
  for (const doc of out) doc.pathNames = doc.path.map((id) => orgById.get(id)?.name ?? '');
  return out;
}

/** A metric as shown: value from numerator and denominator, with its definition. */
export type MetricKind = 'rate' | 'avg';
export interface MetricDef {
  key: string; label: string; kind: MetricKind; unit?: string; n: keyof Counters; d: keyof Counters; scale?: number; definition: string;
  /** not meaningful for a unit */
  territorial?: boolean;
}

export const METRICS: MetricDef[] = [
  { key: 'memberRate', label: '党员报到率', kind: 'rate', n: 'unitMembersReported', d: 'unitMembers', definition: '辖区内单位已认证的在职党员中，月末已在居住社区报到（审核通过）的人数 ÷ 单位已认证党员数。' },
  { key: 'unitRate', label: '单位报到率', kind: 'rate', n: 'unitsReported', d: 'units', definition: '辖区内单位中，月末已有审核通过的单位报到（资源清单）的单位数 ÷ 单位总数。' },
  { key: 'activeRate', label: '90 天活跃率', kind: 'rate', n: 'active', d: 'reported', definition: '月末在本辖区报到的党员中，近 90 天内至少参加 1 次经确认的志愿服务的人数 ÷ 报到党员数。迁移后只计入新社区，自迁入之日起。网格按党员在本社区报到记录上的网格计，未划分网格的只计入社区。' },
  { key: 'hoursPerMember', label: '人均服务时长', kind: 'avg', unit: '小时', n: 'minutes', d: 'reported', scale: 1 / 60, definition: '当月经社区确认的服务时长（已扣除每日上限、不含缺席）合计 ÷ 月末报到党员数。服务按发生时所在社区（及网格）计。' },
  { key: 'taskFillRate', label: '任务满员率', kind: 'rate', n: 'tasksFilled', d: 'tasksPublished', territorial: true, definition: '当月发布的任务中，报名人数达到名额的任务数 ÷ 当月发布任务数。' },
  { key: 'taskDoneRate', label: '任务完成率', kind: 'rate', n: 'tasksCompleted', d: 'tasksPublished', territorial: true, definition: '当月发布的任务中，已结束并确认考勤的任务数 ÷ 当月发布任务数。' },
  { key: 'needDoneRate', label: '需求清单办结率', kind: 'rate', n: 'needsDone', d: 'needs', territorial: true, definition: '当月登记的居民需求中，已对接或已办结的条数 ÷ 当月登记需求数。' },
  { key: 'needResponseDays', label: '需求响应天数', kind: 'avg', unit: '天', n: 'needsResponseDays', d: 'needsResponded', territorial: true, definition: '当月登记、已生成服务任务的需求，从登记到第一个任务创建的平均天数（合计天数 ÷ 已响应需求数）。' },
  { key: 'projectDoneRate', label: '项目清单完成率', kind: 'rate', n: 'projectsDone', d: 'projects', territorial: true, definition: '当月立项的项目中，状态为已完成的项目数 ÷ 当月立项数。' },
  { key: 'resourceUseRate', label: '资源清单使用率', kind: 'rate', n: 'resourceUnitsUsed', d: 'resourceUnits', territorial: true, definition: '已报到（资源清单审核通过）的单位中，资源已被至少一个项目使用的单位数 ÷ 已报到单位数。' },
  { key: 'wishClaimRate', label: '心愿认领率', kind: 'rate', n: 'wishesClaimed', d: 'wishes', territorial: true, definition: '当月上墙的微心愿中，截至统计时已被认领过的条数 ÷ 当月上墙心愿数（不含待核实、已撤回）。' },
  { key: 'wishFulfilRate', label: '心愿实现率', kind: 'rate', n: 'wishesFulfilled', d: 'wishes', territorial: true, definition: '当月上墙的微心愿中，截至统计时已由社区确认实现的条数 ÷ 当月上墙心愿数。' },
  { key: 'wishDays', label: '心愿实现天数', kind: 'avg', unit: '天', n: 'wishFulfilDays', d: 'wishesFulfilled', territorial: true, definition: '当月上墙且已实现的心愿，从上墙到社区确认实现的平均天数。' },
  { key: 'pledgeRate', label: '承诺践诺率', kind: 'rate', n: 'pledgesFulfilled', d: 'pledgesReviewed', territorial: true, definition: '当月完成评诺的承诺中，评为"已践诺"的条数 ÷ 当月评诺数（部分践诺不计入分子）。' },
  { key: 'residentRate', label: '居民确认率', kind: 'rate', n: 'wishesResident', d: 'wishesConfirmed', territorial: true, definition: '当月确认实现的微心愿中，由受助居民本人输入确认码确认收到的条数 ÷ 当月确认实现数（其余由管理员代为确认并写明原因）。志愿服务的居民评价尚未接入，暂不计入。' },
];

export interface MetricValue { key: string; n: number; d: number; value: number | null }
export function valueOf(def: MetricDef, c: Counters): MetricValue {
  const n = c[def.n] ?? 0;
  const d = c[def.d] ?? 0;
  const value = d > 0 ? (def.kind === 'rate' ? n / d : (n * (def.scale ?? 1)) / d) : null;
  return { key: def.key, n, d, value };
}

/** red / yellow / green: at or above `green` is green, at or above `yellow` yellow, below red ("lower is better" for days) */
export interface Threshold { green: number; yellow: number; lowerIsBetter?: boolean }
export type Light = 'green' | 'yellow' | 'red' | 'none';
export const DEFAULT_THRESHOLDS: Record<string, Threshold> = {
  memberRate: { green: 0.9, yellow: 0.7 }, unitRate: { green: 0.9, yellow: 0.7 }, activeRate: { green: 0.6, yellow: 0.3 },
  hoursPerMember: { green: 2, yellow: 1 }, taskFillRate: { green: 0.8, yellow: 0.5 }, taskDoneRate: { green: 0.8, yellow: 0.5 },
  needDoneRate: { green: 0.8, yellow: 0.5 }, needResponseDays: { green: 3, yellow: 7, lowerIsBetter: true }, projectDoneRate: { green: 0.6, yellow: 0.3 },
  resourceUseRate: { green: 0.6, yellow: 0.3 }, wishClaimRate: { green: 0.9, yellow: 0.6 }, wishFulfilRate: { green: 0.8, yellow: 0.5 },
  wishDays: { green: 14, yellow: 30, lowerIsBetter: true }, pledgeRate: { green: 0.8, yellow: 0.6 }, residentRate: { green: 0.7, yellow: 0.4 },
};
export function lightOf(value: number | null, t: Threshold | undefined): Light {
  if (value === null || !t) return 'none';
  if (t.lowerIsBetter) return value <= t.green ? 'green' : value <= t.yellow ? 'yellow' : 'red';
  return value >= t.green ? 'green' : value >= t.yellow ? 'yellow' : 'red';
}

/**
 * What is wrong with one metric's thresholds, in Chinese, or null. Shared by the thresholds page
 * (shown next to the field) and `setThresholds` (which refuses the same). Rates are fractions 0–1.
 */
export function thresholdError(def: MetricDef, t: Threshold): { field: 'green' | 'yellow'; message: string } | null {
  const max = def.kind === 'rate' ? 1 : 1000;
  for (const field of ['green', 'yellow'] as const) {
    const v = t[field];
    if (!Number.isFinite(v) || v < 0 || v > max) return { field, message: def.kind === 'rate' ? '应在 0–100% 之间' : `应在 0–${max} ${def.unit ?? ''}之间` };
  }
  const lower = !!DEFAULT_THRESHOLDS[def.key]?.lowerIsBetter;
  if (lower && t.green > t.yellow) return { field: 'green', message: '天数越少越好：绿灯线应不高于黄灯线' };
  if (!lower && t.green < t.yellow) return { field: 'green', message: '绿灯线应不低于黄灯线' };
  return null;
}
