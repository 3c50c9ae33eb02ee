import { z } from 'zod';
import { action, pageInput, pageOf, requestIdInput, type FunctionContract } from './envelope';
import { taskCategory } from './task';

/**
 * Contract of the `pledge` cloud function (承诺践诺): a member's yearly pledges with measurable
 * targets, the community's review (return with a reason / approve → 公示 on the pledge wall),
 * evidence, automatic progress, and the year-end review that credits points once.
 * States and progress rules: core/domain/pledge.ts.
 */

export const pledgeType = z.enum(['post', 'advice', 'household', 'deed', 'model', 'custom']);
export type PledgeType = z.infer<typeof pledgeType>;
export const pledgeTypeLabel: Record<PledgeType, string> = {
  post: '领岗位', advice: '提建议', household: '联一户', deed: '办实事', model: '做表率', custom: '其他',
};

export const pledgeStatus = z.enum(['draft', 'submitted', 'returned', 'approved', 'fulfilled', 'partly', 'unfulfilled']);
export const pledgePhase = z.enum(['draft', 'submitted', 'returned', 'public', 'in_progress', 'due', 'fulfilled', 'partly', 'unfulfilled']);
export type PledgePhaseDto = z.infer<typeof pledgePhase>;
export const pledgePhaseLabel: Record<PledgePhaseDto, string> = {
  draft: '草稿', submitted: '待审核', returned: '已退回', public: '已公示', in_progress: '践诺中', due: '待评诺',
  fulfilled: '已践诺', partly: '部分践诺', unfulfilled: '未践诺',
};
export const pledgeOutcome = z.enum(['fulfilled', 'partly', 'unfulfilled']);
export type PledgeOutcomeDto = z.infer<typeof pledgeOutcome>;

export const pledgeTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tasks'), count: z.number().int().min(1, '目标次数至少 1 次').max(100), category: taskCategory.nullable().default(null) }),
  z.object({ kind: z.literal('hours'), hours: z.number().int().min(1, '目标时长至少 1 小时').max(500), category: taskCategory.nullable().default(null) }),
  z.object({ kind: z.literal('wishes'), count: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('manual'), count: z.number().int().min(1).max(100), unit: z.string().trim().min(1).max(6).default('次') }),
]);
export type PledgeTargetDto = z.infer<typeof pledgeTarget>;
export const pledgeTargetKindLabel: Record<PledgeTargetDto['kind'], string> = {
  tasks: '参加服务次数', hours: '服务时长', wishes: '实现微心愿', manual: '自报完成数',
};

const id = z.string().trim().min(1).max(80);
const requestId = requestIdInput.describe('请求标识');
const isoInput = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');
const fileId = z.string().trim().min(1).max(300);

export const pledgeRating = z.enum(['good', 'fair', 'poor']);
export type PledgeRatingDto = z.infer<typeof pledgeRating>;
export const pledgeRatingLabel: Record<PledgeRatingDto, string> = { good: '满意', fair: '基本满意', poor: '不满意' };
/** 群众评: how many residents rated the pledge each way */
export const ratingTally = z.object({ good: z.number().int(), fair: z.number().int(), poor: z.number().int() });
/** 自评: the member's own account at year end */
export const selfEval = z.object({ text: z.string(), at: z.string() });

export const pledgeProgress = z.object({ done: z.number(), goal: z.number(), percent: z.number().int() });
export const pledgeEvidence = z.object({
  id: z.string(), text: z.string(), photos: z.array(z.string()), photoUrls: z.array(z.string()), createdAt: z.string(),
});
export const pledgeReview = z.object({
  outcome: pledgeOutcome, reason: z.string().nullable(), objective: z.boolean(), points: z.number().int(), reviewedAt: z.string(),
});

export const pledgeView = z.object({
  id: z.string(),
  year: z.number().int(),
  communityId: z.string(),
  communityName: z.string(),
  type: pledgeType,
  title: z.string(),
  target: pledgeTarget,
  targetText: z.string(),
  deadline: z.string(),
  link: z.object({ kind: z.enum(['need', 'project']), id: z.string(), title: z.string() }).nullable(),
  status: pledgeStatus,
  phase: pledgePhase,
  progress: pledgeProgress,
  returnReason: z.string().nullable(),
  review: pledgeReview.nullable(),
  evidence: z.array(pledgeEvidence),
  selfEval: selfEval.nullable(),
  ratings: ratingTally,
  createdAt: z.string(),
});
export type PledgeView = z.infer<typeof pledgeView>;

/** On the community's pledge wall: masked names, no evidence photos. */
export const wallItem = z.object({
  id: z.string(),
  name: z.string(),
  type: pledgeType,
  title: z.string(),
  targetText: z.string(),
  deadline: z.string(),
  phase: pledgePhase,
  percent: z.number().int(),
  /** an unfulfilled pledge for an objective reason says so publicly */
  explanation: z.string().nullable(),
  ratings: ratingTally,
  /** the caller may rate it now (due or judged, not their own, not rated yet) */
  canRate: z.boolean(),
  myRating: pledgeRating.nullable(),
});
export type PledgeWallItem = z.infer<typeof wallItem>;

/** What the community admin sees: the member's name in full, progress and evidence. */
export const adminItem = pledgeView.extend({ openid: z.string(), name: z.string(), unitName: z.string().nullable() });
export type PledgeAdminItem = z.infer<typeof adminItem>;

export const saveInput = z.object({
  id: id.optional(),
  /** creating a new pledge: the same requestId creates one pledge however often it is sent */
  requestId,
  type: pledgeType.describe('承诺类型'),
  title: z.string().trim().min(4, '请具体写明承诺内容（至少 4 个字）').max(60).describe('承诺内容'),
  target: pledgeTarget.describe('目标'),
  deadline: isoInput.describe('截止时间'),
  link: z.object({ kind: z.enum(['need', 'project']), id }).nullable().default(null).describe('对应清单'),
  /** true: submit for review right away; false: keep as a draft */
  submit: z.boolean().default(true),
});

/** A needs/projects item of the member's community a pledge may answer (对应清单). */
export const linkOption = z.object({ kind: z.enum(['need', 'project']), id: z.string(), title: z.string() });
export type PledgeLinkOption = z.infer<typeof linkOption>;

export const adminTab = z.enum(['submitted', 'approved', 'due', 'reviewed']);
export type PledgeAdminTab = z.infer<typeof adminTab>;

export const pledgeContract = {
  /** My pledges of a year (default: this year), with progress, and how many more I may make. */
  mine: action(
    z.object({ year: z.number().int().min(2000).max(2100).optional() }).default({}),
    z.object({
      year: z.number().int(), limit: z.number().int(), used: z.number().int(), canPledge: z.boolean(),
      communityId: z.string().nullable(), items: z.array(pledgeView),
    }),
  ),
  /** Create (with requestId) or edit (draft / returned) a pledge; `submit` sends it for review. */
  save: action(saveInput, z.object({ pledge: pledgeView, created: z.boolean() })),
  /** Delete a draft. */
  remove: action(z.object({ id }), z.object({ removed: z.boolean() })),
  /** Evidence of keeping the pledge: text and photos (cloud fileIDs). */
  addEvidence: action(
    z.object({ id, requestId, text: z.string().trim().min(2, '请写明做了什么').max(300).describe('践诺记录'), photos: z.array(fileId).max(9).default([]).describe('照片') }),
    z.object({ pledge: pledgeView }),
  ),
  /** Open needs and running projects of my community, to link a pledge to (对应清单). */
  linkOptions: action(z.object({}).default({}), z.object({ items: z.array(linkOption) })),
  /** 自评: my own account of a pledge due for review (before the community's judgement; may be rewritten until then). */
  selfEvaluate: action(
    z.object({ id, text: z.string().trim().min(4, '请写明践诺情况（至少 4 个字）').max(200, '自评不超过 200 个字').describe('自评') }),
    z.object({ pledge: pledgeView }),
  ),
  /** 群众评: a resident (anyone but the member) rates a pledge due for review or judged — once per person and pledge. */
  rate: action(
    z.object({ id, rating: pledgeRating.describe('评价'), requestId }),
    z.object({ ratings: ratingTally, myRating: pledgeRating, already: z.boolean() }),
  ),
  /** The community's pledge wall: approved and reviewed pledges of this year, names masked. */
  wall: action(
    pageInput.extend({ communityId: id.optional(), year: z.number().int().min(2000).max(2100).optional() }),
    pageOf(wallItem).extend({ communityId: z.string(), communityName: z.string() }),
  ),
  /** Community admin: pledges by tab (待审核 / 已公示 / 待评诺 / 已评诺). */
  adminList: action(
    pageInput.extend({ communityId: id.describe('社区'), tab: adminTab.default('submitted'), year: z.number().int().min(2000).max(2100).optional() }),
    pageOf(adminItem).extend({ counts: z.record(z.number().int()) }),
  ),
  /** Community admin, batch: approve (公示) or return with a reason (vague or unrealistic pledges). */
  decide: action(
    z.object({
      ids: z.array(id).min(1, '请选择承诺').max(50),
      decision: z.enum(['approve', 'return']),
      reason: z.string().trim().max(200).default('').describe('退回原因'),
    }).refine((v) => v.decision === 'approve' || v.reason.length >= 2, { message: '退回时请写明原因', path: ['reason'] }),
    z.object({ done: z.array(z.string()), skipped: z.array(z.object({ id: z.string(), message: z.string() })) }),
  ),
  /** Community admin, batch year-end review (评诺): points once per pledge through the ledger. */
  review: action(
    z.object({
      items: z.array(z.object({
        id,
        outcome: pledgeOutcome,
        reason: z.string().trim().max(200).default('').describe('评诺说明'),
        /** not fulfilled for an objective reason: explained publicly, not criticised */
        objective: z.boolean().default(false),
      })).min(1, '请选择承诺').max(50),
    }).refine((v) => v.items.every((i) => i.outcome === 'fulfilled' || i.reason.length >= 2), { message: '部分践诺或未践诺须写明原因', path: ['items'] }),
    z.object({
      done: z.array(z.object({ id: z.string(), outcome: pledgeOutcome, points: z.number().int() })),
      skipped: z.array(z.object({ id: z.string(), message: z.string() })),
    }),
  ),
} satisfies FunctionContract;
