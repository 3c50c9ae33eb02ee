import { z } from 'zod';
import { action, pageInput, pageOf, type FunctionContract } from './envelope';

/**
 * Contract of the `points` cloud function (积分). Dates travel as ISO strings.
 * Feature error codes: INVALID_AMOUNT, REASON_REQUIRED, ENTRY_NOT_FOUND, ALREADY_REVERSED,
 * CANNOT_REVERSE_REVERSAL, MEMBER_NOT_FOUND, NOT_REPORTED, INVALID_RULE, SCOPE_NOT_FOUND.
 */
export const PointsErrors = {
  INVALID_AMOUNT: '调整分值必须是非零整数',
  REASON_REQUIRED: '请填写原因',
  ENTRY_NOT_FOUND: '未找到该积分记录',
  ALREADY_REVERSED: '该记录已冲正，不能重复冲正',
  CANNOT_REVERSE_REVERSAL: '冲正记录不能再次冲正',
  MEMBER_NOT_FOUND: '未找到该党员',
  NOT_REPORTED: '尚未报到到社区',
  INVALID_RULE: '积分规则不合理',
  SCOPE_NOT_FOUND: '未找到该组织',
} as const;

const year = z.number().int().min(2000).max(2100).describe('年度');
const entryCause = z.enum(['report', 'attendance', 'noshow', 'pledge', 'wish', 'adjust', 'reversal', 'effect', 'earn', 'spend', 'refund', 'expire']);
export type EntryCauseDto = z.infer<typeof entryCause>;

export const pointsRuleSchema = z.object({
  report: z.number().int().min(0).max(1000).describe('报到积分'),
  attendance: z.number().int().min(0).max(1000).describe('每次服务积分'),
  perHour: z.number().int().min(0).max(100).describe('每小时积分'),
  pledge: z.number().int().min(0).max(1000).describe('践诺积分'),
  // added with pledges and wishes: older clients and rule documents without them get the defaults
  pledgePartly: z.number().int().min(0).max(1000).default(2).describe('部分践诺积分'),
  wish: z.number().int().min(0).max(1000).default(5).describe('微心愿积分'),
  pledgeMax: z.number().int().min(1).max(10).default(3).describe('每年承诺数'),
  noshow: z.number().int().min(-1000).max(0).describe('缺席扣分'),
  dailyCap: z.number().int().min(0).max(10000).describe('每日上限'),
  yearlyCap: z.number().int().min(0).max(100000).describe('年度上限'),
  /** attendance shorter than this earns no points; absent in versions saved before it existed (= 1) */
  minMinutes: z.number().int().min(1).max(480).default(1).describe('最少服务分钟'),
  /** 公示期 in working days; versions saved before it existed get 5 */
  gongshiDays: z.number().int().min(3).max(7).default(5).describe('公示期（工作日）'),
  objectionDays: z.number().int().min(1).max(15).default(5).describe('异议处理期限（工作日）'),
  /** a manual adjustment above this (absolute) waits for a second admin (复核); older versions get 20 */
  reviewAbove: z.number().int().min(0).max(1000).default(20).describe('调整超过此分值需复核'),
});
export type PointsRuleDto = z.infer<typeof pointsRuleSchema>;

/** One ledger entry as a member or admin sees it. */
export const entryDto = z.object({
  id: z.string(),
  year: z.number().int(),
  amount: z.number().int(),
  minutes: z.number().int(),
  cause: entryCause,
  /** Chinese description with the reason, e.g. 「管理员调整：补录活动」 */
  title: z.string(),
  reason: z.string().nullable(),
  sourceId: z.string(),
  reverses: z.string().nullable(),
  /** true when a reversal of this entry exists */
  reversed: z.boolean(),
  ruleId: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  at: z.string(),
  createdAt: z.string(),
  /**
   * hand-made (手工录入) credits: `held` awaits a second admin's 复核 (counts nowhere; `heldAmount`
   * is what was proposed), `approved` is the credit after 复核, `rejected` records a 驳回.
   * `decided`: a held entry's outcome once decided (null while waiting). Absent/null otherwise.
   */
  review: z.enum(['held', 'approved', 'rejected']).nullish(),
  heldAmount: z.number().int().nullish(),
  decided: z.enum(['approved', 'rejected']).nullish(),
});
export type EntryDto = z.infer<typeof entryDto>;

export const rankScope = z.enum(['community', 'unit', 'street']);
export type RankScope = z.infer<typeof rankScope>;

const rankRow = z.object({
  rank: z.number().int(),
  name: z.string(),
  points: z.number().int(),
  hours: z.number(),
  isMe: z.boolean(),
});
export type RankRow = z.infer<typeof rankRow>;

const ruleInfo = z.object({
  scopeId: z.string(),
  scopeKind: z.enum(['district', 'community']),
  scopeName: z.string(),
  rule: pointsRuleSchema,
  /** where the values in force come from: this scope's own rule, the district's, or the defaults */
  source: z.enum(['own', 'district', 'default']),
  ruleId: z.string(),
  version: z.number().int(),
  versions: z.array(z.object({ ruleId: z.string(), version: z.number().int(), note: z.string().nullable(), createdAt: z.string(), rule: pointsRuleSchema })),
  canEdit: z.boolean(),
});

export const pointsContract = {
  /** My points this year (or `year`): points, hours, rank in my community. */
  balance: action(
    z.object({ year: year.optional() }).strict().optional().default({}),
    z.object({
      year: z.number().int(),
      /** effective points: what rankings, letters and certificates count */
      points: z.number().int(),
      /** new points awaiting or in 公示: not counted anywhere yet */
      pending: z.number().int().default(0),
      effective: z.number().int().default(0),
      minutes: z.number().int(),
      hours: z.number(),
      communityId: z.string().nullable(),
      /** rank in my community (ties share a rank); null when not reported or no balance yet */
      rank: z.number().int().nullable(),
      /** members ranked in my community this year */
      rankOf: z.number().int(),
    }),
  ),
  /** My entries, newest first, paged. */
  history: action(
    pageInput.extend({ year: year.optional() }).strict(),
    pageOf(entryDto),
  ),
  /** Ranking of a year within my community / unit / street (or another scopeId an admin may see), paged. */
  ranking: action(
    pageInput.extend({ year: year.optional(), scope: rankScope.default('community').describe('范围'), scopeId: z.string().min(1).max(64).optional() }).strict(),
    pageOf(rankRow).extend({
      scope: rankScope,
      scopeId: z.string().nullable(),
      year: z.number().int(),
      mine: z.object({ rank: z.number().int(), points: z.number().int() }).nullable(),
    }),
  ),
  /** Community admin: add or deduct points for a member of their community, with a reason. */
  adjust: action(
    z.object({
      openid: z.string().min(1).max(64).describe('党员'),
      amount: z.number().int().refine((n) => n !== 0, { message: '不能为 0' }).refine((n) => Math.abs(n) <= 1000, { message: '单次调整不能超过 1000 分' }).describe('调整分值'),
      reason: z.string().trim().min(2).max(100).describe('调整原因'),
      /** one per intended adjustment, so a retried request is applied once */
      requestId: z.string().min(6).max(40).regex(/^[A-Za-z0-9_-]+$/).optional(),
    }).strict(),
    /** held: above the rule's 复核 threshold, it waits for a second admin before it counts or enters 公示 */
    z.object({ entry: entryDto, created: z.boolean(), points: z.number().int(), held: z.boolean().default(false) }),
  ),
  /** Admin: reverse an entry with a reason (once; never a reversal). */
  reverse: action(
    z.object({ entryId: z.string().min(1).max(200).describe('积分记录'), reason: z.string().trim().min(2).max(100).describe('冲正原因') }).strict(),
    z.object({ entry: entryDto, points: z.number().int() }),
  ),
  /** The rule in force for a community or district (default: my community) and its versions. */
  rules: action(
    z.object({ scopeId: z.string().min(1).max(64).optional() }).strict().optional().default({}),
    ruleInfo,
  ),
  /** District (or super) admin for a district; community admin for their community's override. Creates a new version. */
  setRules: action(
    z.object({ scopeId: z.string().min(1).max(64).describe('组织'), rule: pointsRuleSchema, note: z.string().trim().max(100).optional() }).strict(),
    z.object({ ruleId: z.string(), version: z.number().int() }),
  ),
  /** Admin: members of a community I administer, by name, with this year's points (for the adjust page). */
  communityMembers: action(
    pageInput.extend({ communityId: z.string().min(1).max(64).optional(), keyword: z.string().trim().max(20).optional() }).strict(),
    pageOf(z.object({ openid: z.string(), name: z.string(), phone: z.string(), points: z.number().int() })).extend({ communityId: z.string() }),
  ),
  /** Admin: one member's entries and balance. */
  memberLedger: action(
    pageInput.extend({ openid: z.string().min(1).max(64).describe('党员'), year: year.optional() }).strict(),
    pageOf(entryDto).extend({
      member: z.object({ openid: z.string(), name: z.string(), phone: z.string(), communityId: z.string().nullable() }),
      year: z.number().int(),
      points: z.number().int(),
      minutes: z.number().int(),
    }),
  ),
} satisfies FunctionContract;


/**
 * Contract of the `reconcile` function. Normally timer-triggered (nightly); `run` lets a super or
 * district admin (and the tests) start it by hand. Not in the app's registry: the UI never calls it.
 */
export const reconcileReport = z.object({
  runId: z.string(),
  years: z.array(z.number().int()),
  entries: z.number().int(),
  balances: z.number().int(),
  drifts: z.number().int(),
  fixed: z.number().int(),
  /** balances changed while the run was going (checked again next run) */
  skipped: z.number().int(),
  /** this year's balances whose community / unit / street was brought up to date (member moved or joined a unit) */
  placesUpdated: z.number().int(),
});
export type ReconcileReport = z.infer<typeof reconcileReport>;

export const reconcileContract = {
  run: action(
    z.object({ fix: z.boolean().default(true), years: z.array(year).min(1).max(5).optional() }).strict().optional().default({}),
    reconcileReport,
  ),
} satisfies FunctionContract;
