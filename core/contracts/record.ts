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
} satisfies FunctionContract;
