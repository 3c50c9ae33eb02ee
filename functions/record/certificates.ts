/**
 * 服务证明: a member requests one for a period; the community admin issues it with one tap (a
 * number from a per-community yearly counter, taken in a transaction so two issues never share
 * one; the PDF from confirmed records only); anyone verifies a number (every check logged);
 * revocation keeps the number and says why. Free, as 民政部令67号 requires.
 */
import { randomBytes } from 'node:crypto';
import { fail } from '../../core/contracts/errors';
import type { CertificateDto } from '../../core/contracts/record';
import { maskPhone } from '../../core/domain/mask';
import { certificateNumber, validPeriod } from '../../core/domain/record';
import { dayKey } from '../../core/domain/hours';
import { requireCommunityAdmin } from '../_lib/auth';
import { once } from '../_lib/once';
import { countOf, first, getDoc, rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { putFile, tempUrls } from '../_lib/storage';
import { transact, txGet, txSet, txUpdate } from '../_lib/tx';
import type { MemberDoc, OrgDoc, UnitDoc } from '../_shared/report-docs';
import { toDate, toDateOrNull } from '../task/store';
import { loadRecord } from './load';

export interface CertificateDoc {
  _id: string;
  openid: string;
  name: string;
  phone: string;
  unitName: string | null;
  communityId: string;
  communityName: string;
  from: string;
  to: string;
  status: 'requested' | 'issued' | 'revoked' | 'declined';
  number: string | null;
  /** unguessable part of the verification link */
  code: string;
  minutes: number;
  tasks: number;
  fileID: string | null;
  requestedAt: Date;
  issuedAt: Date | null;
  issuedBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
  checks: number;
}

const COLL = 'certificates';

async function dto(c: CertificateDoc, url: string | null = null): Promise<CertificateDto> {
  return {
    id: c._id, number: c.number, openid: c.openid, name: c.name, communityId: c.communityId, communityName: c.communityName, from: c.from, to: c.to,
    status: c.status, minutes: c.minutes, tasks: c.tasks,
    requestedAt: toDate(c.requestedAt).toISOString(), issuedAt: toDateOrNull(c.issuedAt)?.toISOString() ?? null,
    revokedAt: toDateOrNull(c.revokedAt)?.toISOString() ?? null, revokeReason: c.revokeReason, url,
  };
}

async function dtos(list: CertificateDoc[]): Promise<CertificateDto[]> {
  const ids = list.map((c) => c.fileID).filter((x): x is string => !!x);
  const urls = ids.length ? await tempUrls(ids, 3600).catch(() => ({} as Record<string, string>)) : {};
  return Promise.all(list.map((c) => dto(c, (c.fileID && urls[c.fileID]) || null)));
}

export function verifyUrl(c: Pick<CertificateDoc, 'number' | 'code'>): string {
  const base = process.env.VERIFY_URL_BASE || '/pages/verify/index';
  return `${base}?no=${encodeURIComponent(c.number ?? '')}&code=${c.code}`;
}

export async function requestCertificate(input: { from: string; to: string; requestId?: string }, ctx: Ctx) {
  if (!validPeriod(input)) fail('BAD_PERIOD', '开始日期不能晚于结束日期');
  if (input.to > dayKey(ctx.now)) fail('BAD_PERIOD', '结束日期不能晚于今天');
  const member = await getDoc<MemberDoc>(ctx, 'members', ctx.openid);
  if (!member?.communityId) fail('NOT_REPORTED', '尚未报到到社区，无法申请服务证明');
  const open = await first<CertificateDoc>(ctx.db.collection(COLL).where({ openid: ctx.openid, from: input.from, to: input.to, status: ctx.db.command.in(['requested', 'issued']) }).limit(1));
  if (open) return { certificate: (await dtos([open]))[0], created: false };
  const [org, unit] = await Promise.all([
    getDoc<OrgDoc>(ctx, 'orgs', member.communityId),
    member.unitId && member.unitStatus === 'verified' ? getDoc<UnitDoc>(ctx, 'units', member.unitId) : null,
  ]);
  const { answer } = await once(ctx, 'certificate', input.requestId, async (tx) => {
    const id = `cert-${randomBytes(8).toString('hex')}`;
    const doc: Omit<CertificateDoc, '_id'> = {
      openid: ctx.openid, name: member.name ?? '', phone: member.phone ?? '', unitName: unit?.name ?? null, communityId: member.communityId!, communityName: org?.name ?? '',
      from: input.from, to: input.to, status: 'requested', number: null, code: randomBytes(12).toString('hex'), minutes: 0, tasks: 0, fileID: null,
      requestedAt: ctx.now, issuedAt: null, issuedBy: null, revokedAt: null, revokedBy: null, revokeReason: null, checks: 0,
    };
    await txSet(tx, COLL, id, doc);
    return { id, answer: { id } };
  });
  const made = (await getDoc<CertificateDoc>(ctx, COLL, answer.id))!;
  return { certificate: await dto(made), created: true };
}

export async function myCertificates(input: { page: number; pageSize: number }, ctx: Ctx) {
  const q = ctx.db.collection(COLL).where({ openid: ctx.openid });
  const [list, total] = await Promise.all([rows<CertificateDoc>(q.orderBy('requestedAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)), countOf(q)]);
  await ensurePdfs(ctx, list);
  return { items: await dtos(list), total, page: input.page, pageSize: input.pageSize };
}

export async function communityCertificates(input: { communityId: string; status?: CertificateDoc['status']; page: number; pageSize: number }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.status) where.status = input.status;
  const q = ctx.db.collection(COLL).where(where);
  const [list, total] = await Promise.all([rows<CertificateDoc>(q.orderBy('requestedAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)), countOf(q)]);
  await ensurePdfs(ctx, list);
  return { items: await dtos(list), total, page: input.page, pageSize: input.pageSize };
}

async function loadCert(ctx: Ctx, id: string): Promise<CertificateDoc> {
  const c = await getDoc<CertificateDoc>(ctx, COLL, id);
  if (!c) fail('CERT_NOT_FOUND', '未找到该服务证明');
  return c;
}

/** Renders and stores the PDF of an issued certificate (from the member's confirmed records). */
async function renderAndStore(ctx: Ctx, c: CertificateDoc): Promise<string> {
  const items = (await loadRecord(ctx, c.openid, { from: c.from, to: c.to })).filter((i) => i.kind === 'task' && i.minutes > 0).reverse();
  // pdf-lib, fontkit and qrcode load only when a PDF is drawn: the other actions start fast
  const { renderCertificate } = await import('./pdf');
  const bytes = await renderCertificate({
    number: c.number!, name: c.name, identity: `手机 ${maskPhone(c.phone)}`, unitName: c.unitName, from: c.from, to: c.to, minutes: c.minutes,
    tasks: items.map((i) => ({ day: dayKey(i.at), title: i.title, minutes: i.minutes })), communityName: c.communityName,
    issuedDay: dayKey(toDate(c.issuedAt)), verifyUrl: verifyUrl(c),
  });
  const fileID = await putFile(`certificates/${c.communityId}/${c.number}.pdf`, bytes);
  await ctx.db.collection(COLL).doc(c._id).update({ data: { fileID } });
  return fileID;
}

export async function issueCertificate(input: { id: string }, ctx: Ctx) {
  const c = await loadCert(ctx, input.id);
  await requireCommunityAdmin(ctx, c.communityId);
  if (c.status !== 'requested') fail('CERT_STATE', c.status === 'issued' ? '该证明已出具' : '该证明当前状态不能出具');
  const items = (await loadRecord(ctx, c.openid, { from: c.from, to: c.to })).filter((i) => i.kind === 'task' && i.minutes > 0);
  if (items.length === 0) fail('CERT_NO_SERVICE', '所选期间没有已确认的服务记录，无法出具证明');
  const minutes = items.reduce((s, i) => s + i.minutes, 0);
  const year = Number(dayKey(ctx.now).slice(0, 4));
  const issued = await transact(ctx, async (tx) => {
    const cur = await txGet<CertificateDoc>(tx, COLL, c._id);
    if (!cur || cur.status !== 'requested') fail('CERT_STATE', '该证明已出具');
    const counterId = `certificate:${c.communityId}:${year}`;
    const counter = await txGet<{ next: number }>(tx, 'counters', counterId);
    const seq = (counter?.next ?? 0) + 1;
    await txSet(tx, 'counters', counterId, { next: seq, updatedAt: ctx.now });
    const number = certificateNumber(c.communityId, year, seq);
    const patch = { status: 'issued' as const, number, minutes, tasks: items.length, issuedAt: ctx.now, issuedBy: ctx.openid };
    await txUpdate(tx, COLL, c._id, patch);
    return { ...cur, _id: c._id, ...patch };
  });
  try {
    issued.fileID = await renderAndStore(ctx, issued);
  } catch (err) {
    // the number stands; the PDF is rendered again when the certificate is next listed
    console.error('[issueCertificate] pdf', err);
  }
  return { certificate: (await dtos([issued]))[0] };
}

export async function revokeCertificate(input: { id: string; reason: string }, ctx: Ctx) {
  const c = await loadCert(ctx, input.id);
  await requireCommunityAdmin(ctx, c.communityId);
  const revoked = await transact(ctx, async (tx) => {
    const cur = await txGet<CertificateDoc>(tx, COLL, c._id);
    if (!cur || cur.status !== 'issued') fail('CERT_STATE', '只能撤销已出具的证明');
    const patch = { status: 'revoked' as const, revokedAt: ctx.now, revokedBy: ctx.openid, revokeReason: input.reason };
    await txUpdate(tx, COLL, c._id, patch);
    return { ...cur, _id: c._id, ...patch };
  });
  await ctx.db.collection('auditLog').add({ data: { subjectId: c._id, kind: 'certificate.revoke', actor: ctx.openid, reason: input.reason, createdAt: ctx.now } });
  return { certificate: (await dtos([revoked]))[0] };
}

export async function verifyCertificate(input: { no: string; code?: string }, ctx: Ctx) {
  const no = input.no.toUpperCase();
  const c = await first<CertificateDoc>(ctx.db.collection(COLL).where({ number: no }).limit(1));
  // a wrong code with a real number is a forged link: answer as unknown, never show the holder
  const found = c && (!input.code || input.code === c.code) ? c : null;
  const result: 'valid' | 'revoked' | 'unknown' = !found ? 'unknown' : found.status === 'revoked' ? 'revoked' : found.status === 'issued' ? 'valid' : 'unknown';
  await ctx.db.collection('certificateChecks').add({ data: { number: no, certificateId: found?._id ?? null, result, codeGiven: !!input.code, openid: ctx.openid, createdAt: ctx.now } });
  if (found && result !== 'unknown') await ctx.db.collection(COLL).doc(found._id).update({ data: { checks: ctx.db.command.inc(1) } });
  const show = result !== 'unknown' ? found! : null;
  return {
    result, number: no, name: show ? show.name : null, communityName: show?.communityName ?? null, from: show?.from ?? null, to: show?.to ?? null,
    hours: show ? Math.round((show.minutes / 60) * 10) / 10 : null, issuedAt: toDateOrNull(show?.issuedAt)?.toISOString() ?? null,
    revokedAt: toDateOrNull(show?.revokedAt)?.toISOString() ?? null, revokeReason: show?.revokeReason ?? null,
  };
}

/** A certificate whose PDF failed to render at issue gets it now (called by the lists). */
export async function ensurePdfs(ctx: Ctx, list: CertificateDoc[]): Promise<void> {
  for (const c of list) if (c.number && !c.fileID && c.status !== 'requested') c.fileID = await renderAndStore(ctx, c).catch(() => null);
}
