import { z } from 'zod';
import { action, pageInput, requestIdInput, pageOf, type FunctionContract } from './envelope';
import { isoDate, memberCategory, reportStatus, unitStatus } from './member';

/**
 * Contract of the `report` cloud function: member → community reports (报到) by QR code, their
 * approval, the community roster and poster code, and unit → community reports (组织报到) with the
 * resource list (资源清单) and co-building agreement (共建协议).
 */

const id = z.string().trim().min(1).max(64);

export const communityBrief = z.object({ id: z.string(), name: z.string(), streetName: z.string(), address: z.string() });
export type CommunityBrief = z.infer<typeof communityBrief>;

/** A member's own report, as they see it. */
export const reportView = z.object({
  id: z.string(),
  status: reportStatus,
  communityId: z.string(),
  communityName: z.string(),
  reason: z.string().nullable(),
  /** set when this report is a move out of another community (that one closes on approval) */
  moveFrom: z.string().nullable(),
  /** set on a closed report: the community the member moved to */
  movedTo: z.string().nullable(),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
});
export type ReportView = z.infer<typeof reportView>;

/** A report as the community admin sees it (full phone: it is their community). */
export const reportAdminView = z.object({
  id: z.string(),
  openid: z.string(),
  status: reportStatus,
  name: z.string(),
  phone: z.string(),
  category: memberCategory,
  building: z.string(),
  room: z.string(),
  branch: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  unitStatus: unitStatus.nullable(),
  moveFromName: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
});
export type ReportAdminView = z.infer<typeof reportAdminView>;

/** 资源清单 item: what a unit offers the community. */
export const resourceKind = z.enum(['volunteer', 'venue', 'expertise', 'funds', 'goods', 'other']);
export type ResourceKind = z.infer<typeof resourceKind>;
export const resourceKindLabel: Record<ResourceKind, string> = { volunteer: '志愿者', venue: '场地', expertise: '专业服务', funds: '资金', goods: '物资', other: '其他' };
export const resourceItem = z.object({
  kind: resourceKind.describe('资源类型'),
  title: z.string().trim().min(1).max(30).describe('资源名称'),
  detail: z.string().trim().max(200).default('').describe('说明'),
  /** e.g. volunteers per month, seats of a venue; 0 when not countable */
  quantity: z.number().int().min(0).max(100000).default(0).describe('数量'),
  unit: z.string().trim().max(10).default('').describe('计量'),
});
export type ResourceItem = z.infer<typeof resourceItem>;

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** 共建协议: period and commitments. */
export const agreement = z
  .object({
    startDate: ymd.describe('开始日期'),
    endDate: ymd.describe('结束日期'),
    commitments: z.array(z.string().trim().min(1).max(100)).min(1).max(20).describe('共建承诺'),
    contactName: z.string().trim().min(1).max(20).describe('联系人'),
    contactPhone: z.string().trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请输入有效的联系电话').describe('联系电话'),
  })
  .refine((a) => a.startDate < a.endDate, { message: '结束日期应晚于开始日期', path: ['endDate'] });
export type Agreement = z.infer<typeof agreement>;

export const unitReportStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export type UnitReportStatus = z.infer<typeof unitReportStatus>;
export const unitReportView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  status: unitReportStatus,
  resources: z.array(resourceItem),
  agreement: z.object({ startDate: z.string(), endDate: z.string(), commitments: z.array(z.string()), contactName: z.string(), contactPhone: z.string() }),
  reason: z.string().nullable(),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
});
export type UnitReportView = z.infer<typeof unitReportView>;

export const rosterItem = z.object({
  reportId: z.string(),
  openid: z.string(),
  name: z.string(),
  phone: z.string(),
  status: reportStatus,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  building: z.string(),
  room: z.string(),
  category: memberCategory,
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
  /** 网格 in this community (names from `grids`), null when not set */
  gridId: z.string().nullable(),
});
export type RosterItem = z.infer<typeof rosterItem>;

export const reportContract = {
  /** What a scanned / linked scene points at, and what submitting would do for the caller. */
  resolveScene: action(
    z.object({ scene: z.string().max(200).describe('二维码参数') }),
    z.object({
      community: communityBrief,
      /** the caller's current report (pending/approved/rejected/withdrawn), if any */
      current: reportView.nullable(),
      /** none: can submit; same: already reported/pending here; move: reported elsewhere — submit needs confirmMove */
      relation: z.enum(['none', 'same', 'move']),
      profileComplete: z.boolean(),
    }),
  ),
  /** Report to a community. Reporting while reported elsewhere requires `confirmMove: true`. */
  submit: action(z.object({ communityId: id.describe('社区'), confirmMove: z.boolean().default(false), requestId: requestIdInput.optional() }), z.object({ report: reportView })),
  withdraw: action(z.object({ reportId: id }), z.object({ report: reportView })),
  /** The caller's current report and full history, newest first. */
  mine: action(z.object({}).optional().default({}), z.object({ current: reportView.nullable(), history: z.array(reportView) })),

  // community admin
  pending: action(pageInput.extend({ communityId: id }), pageOf(reportAdminView)),
  // followUp: the notices and the points still to come from the report timer (within a minute), or done
  approve: action(z.object({ reportId: id }), z.object({ report: reportAdminView, followUp: z.enum(['queued', 'done']) })),
  reject: action(z.object({ reportId: id, reason: z.string().trim().min(2).max(100).describe('不通过原因') }), z.object({ report: reportAdminView })),
  roster: action(
    pageInput.extend({
      communityId: id,
      q: z.string().trim().max(20).optional().describe('姓名'),
      status: reportStatus.optional(),
      unitId: id.optional(),
      /** one grid's members */
      gridId: id.optional(),
    }),
    pageOf(rosterItem),
  ),
  /** the community's 网格 (grids), by name */
  grids: action(z.object({ communityId: id }), z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })),
  /** community admin: put a member (their report here) into a grid, or out of it (null) */
  setGrid: action(z.object({ reportId: id, gridId: id.nullable().describe('网格') }), z.object({ reportId: z.string(), gridId: z.string().nullable() })),
  /** Printable poster: mini-program code opening the report page for this community. */
  posterCode: action(
    z.object({ communityId: id }),
    z.object({ communityId: z.string(), communityName: z.string(), scene: z.string(), page: z.string(), image: z.string(), link: z.string() }),
  ),

  // unit report (组织报到)
  submitUnitReport: action(
    z.object({ unitId: id, resources: z.array(resourceItem).min(1).max(30).describe('资源清单'), agreement, requestId: requestIdInput.optional() }),
    z.object({ unitReport: unitReportView }),
  ),
  unitReports: action(
    pageInput.extend({ communityId: id.optional(), unitId: id.optional(), status: unitReportStatus.optional() }).refine((v) => !!v.communityId !== !!v.unitId, { message: '请指定社区或单位之一' }),
    pageOf(unitReportView),
  ),
  decideUnitReport: action(
    z
      .object({ id, decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(100).optional().describe('不通过原因') })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, { message: '请填写不通过原因', path: ['reason'] }),
    z.object({ unitReport: unitReportView }),
  ),

  // unit admin: remind verified members who have not reported (once per member per day)
  remindUnreported: action(
    z.object({ unitId: id, openids: z.array(id).max(200).optional() }),
    z.object({ reminded: z.number().int(), skipped: z.number().int() }),
  ),
} satisfies FunctionContract;
