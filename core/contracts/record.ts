import { z } from 'zod';
import { action, pageInput, requestIdInput, type FunctionContract } from './envelope';

/**
 * Contract of the `record` cloud function (记实档案): a member's service record as one timeline,
 * seen by the member, the admins of their verified unit and of the community they reported to;
 * the xlsx export of a unit's or community's members; service certificates (服务证明).
 * Dates travel as ISO strings; a period is two China-time days (YYYY-MM-DD), both included.
 */
export const RecordErrors = {
  MEMBER_NOT_FOUND: '未找到该党员',
  NOT_IN_SCOPE: '只能查看本单位已确认党员或本社区已报到党员的档案',
  BAD_PERIOD: '起止日期不正确',
  CERT_NOT_FOUND: '未找到该服务证明',
  CERT_STATE: '该服务证明当前状态不能进行此操作',
  CERT_NO_SERVICE: '所选期间没有已确认的服务记录，无法出具证明',
  NOT_REPORTED: '尚未报到到社区，无法申请服务证明',
  STORAGE_UNAVAILABLE: '文件存储暂不可用，请稍后重试',
  LETTER_NOT_FOUND: '未找到该反馈单',
  LETTER_SENT: '反馈单已发送，内容不能再修改',
  LETTER_STATE: '该反馈单当前状态不能进行此操作',
  DISPUTE_CLOSED: '异议期已过',
  DISPUTE_OPEN: '这一项的异议正在处理中',
  LINE_LOCKED: '只有党员提出异议且未答复的一项可以修改',
  DISPUTE_WINDOW: '党员异议期未满，期满后再发送',
  EVAL_DONE: '本期已评价过，不能重复评价',
  CODE_UNKNOWN: '确认码无效',
} as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const periodInput = z.object({
  from: day.optional().describe('开始日期'),
  to: day.optional().describe('结束日期'),
});
const openidField = z.string().min(1).max(64).describe('党员');

export const timelineKind = z.enum(['report', 'move', 'task', 'points', 'evaluation', 'certificate', 'pledge', 'wish']);
export type TimelineKind = z.infer<typeof timelineKind>;

export const timelineItemDto = z.object({
  id: z.string(),
  kind: timelineKind,
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  /** confirmed service minutes this item adds (tasks) */
  minutes: z.number().int(),
  /** points this item adds (ledger; effective entries only) */
  points: z.number().int(),
  /** Chinese status label, e.g. 已确认 / 缺席 / 已通过 */
  status: z.string().nullable(),
});
export type TimelineItemDto = z.infer<typeof timelineItemDto>;

export const recordMemberDto = z.object({
  openid: z.string(),
  name: z.string(),
  /** masked unless the viewer is the member or an admin of their unit/community */
  phone: z.string(),
  unitName: z.string().nullable(),
  unitStatus: z.string().nullable(),
  communityName: z.string().nullable(),
  branch: z.string(),
});
export const recordSummaryDto = z.object({
  tasks: z.number().int(),
  minutes: z.number().int(),
  points: z.number().int(),
  noshows: z.number().int(),
});
export type RecordSummaryDto = z.infer<typeof recordSummaryDto>;

const certStatus = z.enum(['requested', 'issued', 'revoked', 'declined']);
export type CertStatus = z.infer<typeof certStatus>;
export const certificateDto = z.object({
  id: z.string(),
  number: z.string().nullable(),
  openid: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  from: z.string(),
  to: z.string(),
  status: certStatus,
  minutes: z.number().int(),
  tasks: z.number().int(),
  requestedAt: z.string(),
  issuedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** a temporary link to the PDF (issued or revoked certificates) */
  url: z.string().nullable(),
});
export type CertificateDto = z.infer<typeof certificateDto>;

const grade = z.enum(['优秀', '合格', '基本合格', '不合格']).describe('等次');
const lineKey = z.enum(['report', 'tasks', 'noshows', 'pledges', 'wishes', 'ratings', 'points']);
const letterStatus = z.enum(['draft', 'requested', 'sent', 'acknowledged']);
export type LetterStatus = z.infer<typeof letterStatus>;
const idField = z.string().min(1).max(80);
export const letterDto = z.object({
  id: z.string(),
  kind: z.enum(['quarter', 'year', 'opinion']),
  periodKey: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  openid: z.string(),
  name: z.string(),
  phone: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  status: letterStatus,
  lines: z.array(z.object({
    key: lineKey, label: z.string(), value: z.string(),
    dispute: z.object({ reason: z.string(), at: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable(), before: z.string() }).nullable(),
  })),
  grade: grade.nullable(),
  suggestedGrade: grade.nullable(),
  gradeRule: z.string(),
  comment: z.string(),
  purpose: z.string().nullable(),
  dueAt: z.string().nullable(),
  disputeUntil: z.string().nullable(),
  openDisputes: z.number().int(),
  number: z.string().nullable(),
  draftedAt: z.string(),
  sentAt: z.string().nullable(),
  ackAt: z.string().nullable(),
  ackNote: z.string().nullable(),
});
export type LetterDto = z.infer<typeof letterDto>;
const letterPage = z.object({ items: z.array(letterDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const letterOut = z.object({ letter: letterDto });
const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}${min > 1 ? `（至少 ${min} 个字）` : ''}`).max(max, `${what}最多 ${max} 个字`).describe(what);

const evaluationDto = z.object({
  id: z.string(), raterKind: z.enum(['member', 'community', 'unit']), raterName: z.string(), targetKind: z.enum(['task', 'member', 'unit', 'community']), targetId: z.string(),
  targetName: z.string(), period: z.string(), score: z.number().int(), grade: grade.nullable(), remark: z.string(), createdAt: z.string(),
});
export type EvaluationDto = z.infer<typeof evaluationDto>;
const score = z.number().int().min(1, '请打 1–5 分').max(5, '请打 1–5 分').describe('评分');

export const exportJobDto = z.object({
  id: z.string(),
  status: z.enum(['running', 'done']),
  /** every member is in; the workbook is being written */
  assembling: z.boolean(),
  total: z.number().int(),
  done: z.number().int(),
  rows: z.number().int(),
  fileName: z.string(),
  bytes: z.number().int(),
  /** a temporary link (1 h) once done */
  url: z.string().nullable(),
  createdAt: z.string(),
});
export type ExportJobDto = z.infer<typeof exportJobDto>;

export const recordContract = {
  /** One member's record as a timeline, newest first. Without `openid`: the caller's own. */
  timeline: action(
    periodInput.extend({ openid: openidField.optional() }).merge(pageInput),
    z.object({
      member: recordMemberDto,
      summary: recordSummaryDto,
      items: z.array(timelineItemDto),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  ),
  /** xlsx of a unit's verified members or a community's reported members for a period (admins). */
  exportRecords: action(
    periodInput.extend({ scope: z.enum(['unit', 'community']), scopeId: z.string().min(1).max(64) }),
    z.object({ url: z.string(), fileName: z.string(), members: z.number().int(), rows: z.number().int(), bytes: z.number().int() }),
  ),
  /** 导出 as a job: checks scope and counts the members; then `exportStep` until `status` is done. */
  startExport: action(
    periodInput.extend({ scope: z.enum(['unit', 'community']), scopeId: z.string().min(1).max(64), requestId: requestIdInput.optional() }),
    z.object({ job: exportJobDto }),
  ),
  /** One step of an export job: a page of members, or (at the end) the workbook and its link. */
  exportStep: action(z.object({ id: z.string().min(1).max(64) }), z.object({ job: exportJobDto })),
  /** 申请服务证明 for a period (member; free). One open request per member and period. */
  requestCertificate: action(
    z.object({ from: day.describe('开始日期'), to: day.describe('结束日期'), requestId: requestIdInput.optional() }),
    z.object({ certificate: certificateDto, created: z.boolean() }),
  ),
  /** The caller's own certificates, newest first. */
  myCertificates: action(pageInput, z.object({ items: z.array(certificateDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })),
  /** A community's certificate requests and certificates (community admin). */
  communityCertificates: action(
    z.object({ communityId: z.string().min(1).max(64), status: certStatus.optional() }).merge(pageInput),
    z.object({ items: z.array(certificateDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  ),
  /** 一键出具: numbers the certificate and renders the PDF from confirmed records only. */
  issueCertificate: action(z.object({ id: z.string().min(1).max(64) }), z.object({ certificate: certificateDto })),
  revokeCertificate: action(
    z.object({ id: z.string().min(1).max(64), reason: z.string().trim().min(2, '请填写撤销原因（至少 2 个字）').max(200).describe('撤销原因') }),
    z.object({ certificate: certificateDto }),
  ),
  /** Public check of a certificate by its number (and the code from its QR); every check is logged. */
  verifyCertificate: action(
    z.object({ no: z.string().trim().min(1, '请输入证明编号').max(40).describe('证明编号'), code: z.string().trim().max(64).optional().describe('校验码') }),
    z.object({
      result: z.enum(['valid', 'revoked', 'unknown']),
      number: z.string(),
      name: z.string().nullable(),
      communityName: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      hours: z.number().nullable(),
      issuedAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
      revokeReason: z.string().nullable(),
    }),
  ),
  /** 生成反馈单草稿: one per verified member reported here, for a quarter (`2026Q3`) or year (`2026`). Re-running refreshes drafts. */
  draftLetters: action(
    z.object({ communityId: idField, period: z.string().regex(/^\d{4}(Q[1-4])?$/, '期间应为 2026 或 2026Q3').describe('期间'), requestId: requestIdInput.optional() }),
    z.object({ drafted: z.number().int(), refreshed: z.number().int(), unchanged: z.number().int(), noUnit: z.number().int() }),
  ),
  /** The caller's own letters (drafts to check, sent ones kept). */
  myLetters: action(pageInput, letterPage),
  communityLetters: action(
    z.object({ communityId: idField, periodKey: z.string().max(8).optional(), status: letterStatus.optional() }).merge(pageInput),
    letterPage,
  ),
  /** The unit's inbox: letters sent to it and its 出具意见 requests. */
  unitLetters: action(z.object({ unitId: idField, status: z.enum(['requested', 'sent', 'acknowledged']).optional() }).merge(pageInput), letterPage),
  /** The member disputes one line of a draft within the dispute period. */
  disputeLetter: action(z.object({ id: idField, line: lineKey, reason: text(2, 200, '异议理由'), requestId: requestIdInput.optional() }), letterOut),
  /** The community answers a dispute; only that line may get a new value. */
  answerDispute: action(z.object({ id: idField, line: lineKey, answer: text(2, 200, '答复'), value: z.string().trim().max(100).optional().describe('更正后的内容') }), letterOut),
  editLetter: action(z.object({ id: idField, comment: z.string().trim().max(300, '评语最多 300 个字').describe('评语'), grade }), letterOut),
  /** 确认发送 in one batch: numbered, immutable, delivered to the units. */
  confirmLetters: action(
    z.object({
      communityId: idField,
      ids: z.array(idField).min(1, '请选择反馈单').max(100).optional(),
      /** every draft of this period (without `ids`), up to 50 per call */
      period: z.string().regex(/^\d{4}(Q[1-4])?$/).optional(),
      /** send before the members' dispute window ends (the admin confirmed it) */
      early: z.boolean().optional(),
      requestId: requestIdInput.optional(),
    }).refine((v) => !!v.ids?.length || !!v.period, { message: '请选择反馈单或期间', path: ['ids'] }),
    z.object({ sent: z.array(letterDto), skipped: z.array(z.object({ id: z.string(), reason: z.string() })), remaining: z.number().int() }),
  ),
  /** A sent letter as a PDF (unit, community, the member): a temporary link. */
  letterPdf: action(z.object({ id: idField }), z.object({ url: z.string(), fileName: z.string(), bytes: z.number().int() })),
  /** 回执 by the unit admin. */
  acknowledgeLetter: action(z.object({ id: idField, note: z.string().trim().max(200).optional().describe('回执备注'), requestId: requestIdInput.optional() }), letterOut),
  /** A unit asks the community for a one-off written opinion (出具意见) on a member. */
  requestOpinion: action(z.object({ unitId: idField, openid: openidField, purpose: text(2, 100, '用途'), requestId: requestIdInput.optional() }), letterOut),
  answerOpinion: action(z.object({ id: idField, text: text(5, 500, '意见'), grade }), letterOut),
  /** A member rates a task they served (once). */
  rateTask: action(z.object({ taskId: idField, score, remark: z.string().trim().max(200).optional().describe('评语'), requestId: requestIdInput.optional() }), z.object({ evaluation: evaluationDto })),
  /** Yearly evaluation: community → member / unit, unit → community (once per rater, target and year). */
  evaluate: action(
    z.object({
      as: z.enum(['community', 'unit']), asId: idField, targetKind: z.enum(['member', 'unit', 'community']), targetId: idField, year: z.number().int().min(2020).max(2100),
      score, grade: grade.optional(), remark: z.string().trim().max(300).optional().describe('评语'), requestId: requestIdInput.optional(),
    }),
    z.object({ evaluation: evaluationDto }),
  ),
  evaluationsOf: action(z.object({ targetKind: z.enum(['task', 'member', 'unit', 'community']), targetId: idField }), z.object({ items: z.array(evaluationDto), count: z.number().int(), average: z.number().nullable() })),
  evaluationRollup: action(
    z.object({ streetId: idField, year: z.number().int().min(2020).max(2100) }),
    z.object({
      items: z.array(z.object({
        communityId: z.string(), communityName: z.string(),
        byUnits: z.number().nullable(), byUnitsCount: z.number().int(), ofUnits: z.number().nullable(), ofUnitsCount: z.number().int(),
        ofMembers: z.number().nullable(), ofMembersCount: z.number().int(), ofTasks: z.number().nullable(), ofTasksCount: z.number().int(),
      })),
    }),
  ),
  /** Who the caller rates for a year (a community: its members or 共建 units; a unit: its community), each with the evaluation given. */
  evaluationTargets: action(
    z.object({ as: z.enum(['community', 'unit']), asId: idField, targetKind: z.enum(['member', 'unit', 'community']), year: z.number().int().min(2020).max(2100) }).merge(pageInput),
    z.object({
      items: z.array(z.object({ targetId: z.string(), name: z.string(), sub: z.string(), evaluation: evaluationDto.nullable() })),
      total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
    }),
  ),
  /** The caller's own rating of a task they served, and whether they may give one. */
  myTaskRating: action(
    z.object({ taskId: idField }),
    z.object({ title: z.string(), day: z.string(), canRate: z.boolean(), residentConfirmed: z.boolean(), rating: evaluationDto.nullable() }),
  ),
  /** The code a member shows a resident after a confirmed service, with its QR (a data URL). */
  residentCode: action(z.object({ taskId: idField }), z.object({ code: z.string(), confirmed: z.boolean(), link: z.string(), dataUrl: z.string() })),
  /** What a resident is about to confirm (no registration): the task, the day and a surname only. */
  residentCheck: action(
    z.object({ code: z.string().trim().min(6).max(40).describe('确认码') }),
    z.object({ title: z.string(), name: z.string(), day: z.string(), communityName: z.string(), confirmed: z.boolean(), own: z.boolean() }),
  ),
  /** A resident's one tap (no registration): marks the service resident-confirmed. */
  residentConfirm: action(z.object({ code: z.string().trim().min(6).max(40).describe('确认码') }), z.object({ already: z.boolean(), title: z.string(), name: z.string() })),
} satisfies FunctionContract;
