/**
 * The demo data set as pure, deterministic data: the same input date gives the same documents.
 * Shapes follow docs/ARCHITECTURE.md (collections table) and functions/_shared/report-docs.ts.
 */
export const DISTRICT = { _id: 'dist-1', kind: 'district' as const, name: '锦华区', parentId: null, path: [] as string[], address: '锦华区人民政府' };

export const STREETS = [
  { _id: 'street-1', kind: 'street' as const, name: '东湖街道', parentId: 'dist-1', path: ['dist-1'], address: '锦华区东湖路 18 号' },
  { _id: 'street-2', kind: 'street' as const, name: '西山街道', parentId: 'dist-1', path: ['dist-1'], address: '锦华区西山大道 66 号' },
];

export const COMMUNITIES = [
  { _id: 'comm-1', kind: 'community' as const, name: '东湖社区', parentId: 'street-1', path: ['dist-1', 'street-1'], address: '东湖路 120 号东湖社区党群服务中心' },
  { _id: 'comm-2', kind: 'community' as const, name: '花园社区', parentId: 'street-1', path: ['dist-1', 'street-1'], address: '花园街 8 号花园社区党群服务中心' },
  { _id: 'comm-3', kind: 'community' as const, name: '西山社区', parentId: 'street-2', path: ['dist-1', 'street-2'], address: '西山大道 210 号西山社区党群服务中心' },
  { _id: 'comm-4', kind: 'community' as const, name: '枫林社区', parentId: 'street-2', path: ['dist-1', 'street-2'], address: '枫林路 35 号枫林社区党群服务中心' },
];

export const ORGS = [DISTRICT, ...STREETS, ...COMMUNITIES];

/** 网格 of 东湖社区 (the only demo community with grids): its members are spread over them by building. */
export const GRIDS = [
  { _id: 'grid-1-1', kind: 'grid' as const, name: '东湖一网格', parentId: 'comm-1', path: ['dist-1', 'street-1', 'comm-1'], address: '' },
  { _id: 'grid-1-2', kind: 'grid' as const, name: '东湖二网格', parentId: 'comm-1', path: ['dist-1', 'street-1', 'comm-1'], address: '' },
  { _id: 'grid-1-3', kind: 'grid' as const, name: '东湖三网格', parentId: 'comm-1', path: ['dist-1', 'street-1', 'comm-1'], address: '' },
];
/** a few reported members of 东湖社区 have no grid yet (demo-member-16, -26, -56: the roster shows 未划分网格) */
const gridOf = (n: number, communityId: string) => (communityId !== 'comm-1' || n % 10 === 6 ? null : GRIDS[n % 3]._id);

const streetOf = (communityId: string) => COMMUNITIES.find((c) => c._id === communityId)!.parentId;

export const UNITS = [
  { _id: 'unit-1', name: '锦华区税务局', communityId: 'comm-1', inviteCode: 'TAX001', contact: { name: '赵强', phone: '028-86001001' } },
  { _id: 'unit-2', name: '市第一人民医院', communityId: 'comm-2', inviteCode: 'HOSP02', contact: { name: '孙丽', phone: '028-86002002' } },
  { _id: 'unit-3', name: '锦华区实验小学', communityId: 'comm-3', inviteCode: 'SCHL03', contact: { name: '周杰', phone: '028-86003003' } },
].map((u) => ({ ...u, streetId: streetOf(u.communityId), districtId: 'dist-1' }));

/** Fixed admins: `_id` = `${role}:${scopeId}:${openid}`. */
export const ADMINS = [
  { openid: 'demo-super', role: 'super' as const, scopeId: 'root', name: '刘建国' },
  { openid: 'demo-street-1', role: 'street' as const, scopeId: 'street-1', name: '陈敏' },
  { openid: 'demo-community-1', role: 'community' as const, scopeId: 'comm-1', name: '王芳' },
  { openid: 'demo-unit-1', role: 'unit' as const, scopeId: 'unit-1', name: '赵强' },
].map((a) => ({ _id: `${a.role}:${a.scopeId}:${a.openid}`, ...a, appointedBy: a.role === 'super' ? null : 'demo-super' }));

export const MEMBER_COUNT = 60;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '志强', '玉兰', '晓东', '海燕', '建国', '丹', '萍', '鹏', '辉', '婷', '宇', '浩', '欣怡'];
const BUILDINGS = ['1 栋', '2 栋', '3 栋', '5 栋', '6 栋', '8 栋', '9 栋', '11 栋'];
const BRANCHES: Record<string, string> = { 'unit-1': '税务局机关第一党支部', 'unit-2': '医院内科党支部', 'unit-3': '实验小学教师党支部' };

/** Small deterministic PRNG (mulberry32) so names and numbers never change between runs. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ReportState = 'approved' | 'pending' | 'none';

export interface SeedPerson {
  openid: string;
  name: string;
  phone: string;
  unitId: string | null;
  unitStatus: 'pending' | 'verified' | null;
  category: 'in_service' | 'floating' | 'other';
  /** community the member lives in (reports there) */
  homeCommunityId: string;
  report: ReportState;
  building: string;
  room: string;
  branch: string;
  /** days before the seed date the member joined */
  joinedDaysAgo: number;
}

/** cycle lengths 7 / 8 / 10 are coprime-ish, so community, unit and report state mix well */
const COMMUNITY_CYCLE = ['comm-1', 'comm-2', 'comm-1', 'comm-3', 'comm-4', 'comm-1', 'comm-2'];
const UNIT_CYCLE: Array<string | null> = ['unit-1', 'unit-2', 'unit-3', 'unit-1', 'unit-2', null, 'unit-1', 'unit-3'];
/** 6 of 10 approved, 2 pending, 2 not reported */
const REPORT_CYCLE: ReportState[] = ['approved', 'approved', 'pending', 'approved', 'none', 'approved', 'approved', 'pending', 'approved', 'none'];

/** The 60 members: demo-member-1 is 张伟 (东湖社区, 锦华区税务局, verified, approved). */
export function people(): SeedPerson[] {
  const rand = prng(20261122);
  const used = new Set<string>(['张伟']);
  const list: SeedPerson[] = [];
  for (let n = 1; n <= MEMBER_COUNT; n++) {
    let name = '张伟';
    if (n > 1) {
      do {
        name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)];
      } while (used.has(name));
      used.add(name);
    }
    const phone = `1${[3, 5, 7, 8, 9][Math.floor(rand() * 5)]}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    const unitId = n === 1 ? 'unit-1' : UNIT_CYCLE[n % UNIT_CYCLE.length];
    list.push({
      openid: `demo-member-${n}`,
      name,
      phone,
      unitId,
      unitStatus: unitId ? (n !== 1 && n % 7 === 3 ? 'pending' : 'verified') : null,
      category: unitId ? 'in_service' : n % 2 ? 'floating' : 'other',
      homeCommunityId: n === 1 ? 'comm-1' : COMMUNITY_CYCLE[n % COMMUNITY_CYCLE.length],
      report: n === 1 ? 'approved' : REPORT_CYCLE[n % REPORT_CYCLE.length],
      building: BUILDINGS[Math.floor(rand() * BUILDINGS.length)],
      room: `${1 + Math.floor(rand() * 3)}单元${100 * (1 + Math.floor(rand() * 18)) + 1 + Math.floor(rand() * 4)}`,
      branch: unitId ? BRANCHES[unitId] : '',
      joinedDaysAgo: 20 + Math.floor(rand() * 330),
    });
  }
  return list;
}

/** Profiles of the admin demo users (they are people too; none has reported). */
export const ADMIN_PROFILES = [
  { openid: 'demo-super', name: '刘建国', phone: '13800000001' },
  { openid: 'demo-street-1', name: '陈敏', phone: '13800000002' },
  { openid: 'demo-community-1', name: '王芳', phone: '13800000003' },
  { openid: 'demo-unit-1', name: '赵强', phone: '13800000004' },
];

const DAY = 86_400_000;

/** Documents to write, for a given "now" (dates are relative to it). */
export function documents(now: Date) {
  const at = (daysAgo: number, hour = 10) => new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY + (hour - 8) * 3_600_000);
  const created = at(240);
  const orgs = [...ORGS, ...GRIDS].map((o) => ({ ...o }));
  const units = UNITS.map((u) => ({ ...u }));
  const admins = ADMINS.map((a) => ({ ...a, createdAt: created }));
  const members: Array<Record<string, unknown> & { _id: string }> = [];
  const reports: Array<Record<string, unknown> & { _id: string }> = [];
  const unitName = (id: string | null) => (id ? UNITS.find((u) => u._id === id)!.name : null);
  const communityName = (id: string) => COMMUNITIES.find((c) => c._id === id)!.name;

  for (const p of people()) {
    const joined = at(p.joinedDaysAgo, 9);
    let reportId: string | null = null;
    let currentReport: Record<string, unknown> | null = null;
    if (p.report !== 'none') {
      reportId = `seed-report-${p.openid.replace('demo-member-', '')}`;
      const reportedAt = at(Math.max(1, p.joinedDaysAgo - 2), 19);
      const decided = p.report === 'approved';
      const decider = p.homeCommunityId === 'comm-1' ? 'demo-community-1' : 'demo-super';
      reports.push({
        _id: reportId,
        openid: p.openid,
        name: p.name,
        communityId: p.homeCommunityId,
        gridId: gridOf(Number(p.openid.replace('demo-member-', '')), p.homeCommunityId),
        communityName: communityName(p.homeCommunityId),
        streetId: streetOf(p.homeCommunityId),
        districtId: 'dist-1',
        unitId: p.unitId,
        unitName: unitName(p.unitId),
        status: p.report,
        reason: null,
        moveFrom: null,
        movedTo: null,
        createdAt: reportedAt,
        decidedAt: decided ? new Date(reportedAt.getTime() + DAY) : null,
        decidedBy: decided ? decider : null,
        closedAt: null,
      });
      // what the report transitions keep on the member (core/domain/report.ts#nextCurrent)
      currentReport = {
        id: reportId, status: p.report, communityId: p.homeCommunityId, communityName: communityName(p.homeCommunityId), reason: null, createdAt: reportedAt,
      };
    }
    members.push({
      _id: p.openid,
      name: p.name,
      phone: p.phone,
      branch: p.branch,
      building: p.building,
      room: p.room,
      category: p.category,
      unitId: p.unitId,
      unitName: unitName(p.unitId),
      unitStatus: p.unitStatus,
      communityId: p.report === 'approved' ? p.homeCommunityId : null,
      reportId,
      currentReport,
      reportRev: reportId ? 1 : 0,
      privacyAt: joined,
      privacyVersion: '1',
      lastRemindedAt: null,
      createdAt: joined,
      updatedAt: joined,
    });
  }
  for (const a of ADMIN_PROFILES) {
    members.push({
      _id: a.openid, name: a.name, phone: a.phone, branch: '', building: '', room: '', category: 'in_service',
      unitId: null, unitName: null, unitStatus: null, communityId: null, reportId: null, reportRev: 0, currentReport: null,
      privacyAt: created, privacyVersion: '1', lastRemindedAt: null, createdAt: created, updatedAt: created,
    });
  }
  return { orgs, units, admins, members, reports };
}

/** The counts a fresh seed produces (asserted by tests, printed by `npm start`). */
export function expectedCounts(now = new Date()) {
  const d = documents(now);
  return {
    orgs: d.orgs.length,
    units: d.units.length,
    admins: d.admins.length,
    members: d.members.length,
    reports: d.reports.length,
    approved: d.reports.filter((r) => r.status === 'approved').length,
    pending: d.reports.filter((r) => r.status === 'pending').length,
  };
}
