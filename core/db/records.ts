/**
 * What a stored document of each collection looks like, as zod schemas: the one definition of
 * a record's type (`RecordOf<'tasks'>`), used to parse every document once where it is read
 * (functions/_lib/records.ts). Parsing turns stored dates (Date, ISO text, `{ $date }`) into Date
 * and fills the defaults older or hand-made documents lack, so handlers hold typed records and
 * never cast. Unknown fields are kept (`passthrough`), so a read-modify-`set` never drops a field
 * another feature added.
 */
import { z } from 'zod';
import { inboxKind } from '../contracts/member';
import { agreement, resourceItem } from '../contracts/report';
import { needStatus, projectStatus, signupStatus, taskAudience, taskCategory, taskStatus } from '../contracts/task';
import type { Balance, LedgerEntry } from '../domain/ledger';
import type { PointsRule } from '../domain/scoring';
import { toDate } from '../domain/dates';

/** a date that must be there */
const date = z.preprocess((v) => toDate(v) ?? v, z.date());
/** a date or null (missing → null) */
const dateOrNull = z.preprocess((v) => toDate(v), z.date().nullable());
const str = z.string();
const strOrNull = z.string().nullable().default(null);
const int0 = z.number().default(0);

const latLng = z.object({ lat: z.number(), lng: z.number() });
const place = z.object({ name: z.string().default(''), lat: z.number(), lng: z.number(), radius: z.number().nullable().default(null) });

const tasks = z.object({
  _id: str, communityId: str, communityName: z.string().default(''), streetId: strOrNull, districtId: strOrNull,
  title: str, description: z.string().default(''), category: taskCategory, startAt: date, endAt: date, place,
  slots: z.number(), signupDeadline: date, ruleId: strOrNull, skills: z.array(z.string()).default([]),
  audience: taskAudience.default('community'),
  source: z.object({ kind: z.enum(['need', 'project']), id: str }).nullable().default(null),
  status: taskStatus, cancelReason: strOrNull,
  /** counters kept in the same transaction as the signup documents */
  signed: int0, waitlisted: int0, nextSeq: z.number().default(1),
  createdBy: z.string().default(''), createdAt: date, updatedAt: dateOrNull, publishedAt: dateOrNull, confirmedAt: dateOrNull, confirmedBy: strOrNull,
  /**
   * who holds a place or waits, by openid (functions/task/roster.ts): changed only together with a `nextSeq` bump, by one
   * conditional write or in a transaction; the truth the signup documents follow. Absent on tasks from before it (derived once).
   */
  roster: z.record(z.object({ status: z.enum(['signed', 'waitlisted']), seq: z.number(), rid: str.optional() })).optional(),
  /** members whose attendance is confirmed and credited, by openid — written in the same transaction (functions/task/confirm.ts) */
  settled: z.record(z.object({ minutes: z.number(), noshow: z.boolean() })).optional(),
  /** MAC secret of the rotating sign-in code (functions/task/secret.ts): never in an answer */
  codeSecret: str.optional(),
}).passthrough();

const signups = z.object({
  _id: str, taskId: str, openid: str, communityId: z.string().default(''), name: z.string().default(''), phone: z.string().default(''),
  status: signupStatus,
  /** first come first served: order of signup on this task */
  seq: z.number().default(0),
  signInAt: dateOrNull, signOutAt: dateOrNull, byAdmin: z.boolean().default(false),
  /** the admin who recorded this attendance by hand (补录): its credit waits for a second admin (复核) */
  manualBy: strOrNull.optional(),
  /** where the member's phone was when signing in / out (geofenced tasks) */
  signInLocation: latLng.nullish(), signOutLocation: latLng.nullish(),
  /** confirmed minutes after the daily cap, per China-time day */
  minutes: z.number().nullable().default(null), minutesByDay: z.record(z.number()).default({}), days: z.array(z.string()).default([]),
  confirmed: z.boolean().default(false), confirmedAt: dateOrNull, noshow: z.boolean().default(false), awarded: z.boolean().default(false),
  /** 居民确认: the code the member shows a resident, and the resident's one tap (record function) */
  residentCode: str.nullish(), residentConfirmed: z.boolean().optional(), residentConfirmedAt: dateOrNull.optional(), residentOpenid: str.nullish(),
  createdAt: dateOrNull, updatedAt: dateOrNull,
}).passthrough();

const members = z.object({
  _id: str, name: str.optional(), phone: str.optional(), branch: str.optional(), building: str.optional(), room: str.optional(),
  category: z.enum(['in_service', 'floating', 'other']).optional(),
  unitId: str.nullish(), unitStatus: z.enum(['pending', 'verified', 'rejected']).nullish(),
  /** community of the current approved report, null when not reported */
  communityId: str.nullish(), reportId: str.nullish(),
  /** bumped by every change to the member's reports, checked inside transactions */
  reportRev: z.number().optional(),
  /** the current report as whoami shows it, kept by every report transition (core/domain/report.ts#nextCurrent); absent on older docs */
  currentReport: z.object({
    id: str, status: z.enum(['pending', 'approved', 'rejected', 'withdrawn', 'closed']), communityId: str, communityName: z.string().default(''),
    reason: str.nullish(), createdAt: date,
  }).nullable().optional(),
  /** the unit's name beside unitId (joinUnit / leaveUnit write both); absent on older docs */
  unitName: str.nullish(),
  privacyAt: dateOrNull.optional(), privacyVersion: str.optional(), lastRemindedAt: dateOrNull.optional(),
  createdAt: dateOrNull.optional(), updatedAt: dateOrNull.optional(),
}).passthrough();

const reports = z.object({
  _id: str, openid: str, communityId: str, streetId: str.nullish(), districtId: str.nullish(), unitId: str.nullish(), unitName: str.nullish(),
  /** the community's name when submitted (absent on older docs) */
  communityName: str.optional(),
  /** snapshot for search and lists; refreshed when the profile changes */
  name: str.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn', 'closed']),
  reason: str.nullish(), moveFrom: str.nullish(), movedTo: str.nullish(),
  /** the community moved from, by name (absent on older docs) */
  moveFromName: str.nullish(),
  /** 网格 (an org of kind 'grid' under this community), set by the community admin */
  gridId: str.nullish(),
  createdAt: date, decidedAt: dateOrNull.optional(), decidedBy: str.nullish(), closedAt: dateOrNull.optional(),
  /** approved, its notices and credit not yet done: the report timer's work (functions/_shared/report-approval.ts) */
  followUp: z.boolean().optional(),
  /** when the timer may take it (the approval's time; pushed back after each failure) and how many failed */
  followUpAt: dateOrNull.optional(), followUpTries: z.number().int().optional(),
}).passthrough();

const orgs = z.object({ _id: str, kind: z.enum(['district', 'street', 'community', 'grid']), name: str, parentId: str.nullish(), path: z.array(str).optional(), address: str.optional() }).passthrough();
const units = z.object({
  _id: str, name: str, communityId: str, streetId: str.nullish(), districtId: str.nullish(), inviteCode: str.optional(), contact: z.unknown().optional(),
  /** bumped by every unit report submission, checked inside its transaction */
  reportRev: z.number().optional(),
}).passthrough();
const unitReports = z.object({
  _id: str, unitId: str, unitName: str, communityId: str, streetId: strOrNull, districtId: strOrNull,
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']), resources: z.array(resourceItem), agreement, reason: strOrNull,
  createdAt: date, submittedBy: z.string().default(''), decidedAt: dateOrNull, decidedBy: strOrNull,
}).passthrough();
const admins = z.object({ _id: str, openid: str, role: z.enum(['super', 'district', 'street', 'community', 'unit']), scopeId: str, name: str.optional(), appointedBy: str.nullish(), createdAt: dateOrNull.optional() }).passthrough();

const entryCause = z.enum(['report', 'attendance', 'noshow', 'pledge', 'wish', 'adjust', 'reversal', 'effect', 'earn', 'spend', 'refund', 'expire']);
/** an entry without `at` (hand-made or older) happened when it was written */
const atFromCreated = (v: unknown) => (v && typeof v === 'object' && (v as { at?: unknown }).at == null ? { ...v, at: (v as { createdAt?: unknown }).createdAt } : v);
/** an entry written before balance parts existed counted at once: all of it is effective */
const legacyParts = (v: unknown) => {
  if (!v || typeof v !== 'object') return v;
  const e = v as { pending?: unknown; effective?: unknown; amount?: unknown };
  return e.pending == null && e.effective == null ? { ...v, pending: 0, effective: e.amount } : v;
};
const ledger: z.ZodType<LedgerEntry, z.ZodTypeDef, unknown> = z.preprocess((v) => legacyParts(atFromCreated(v)), z.object({
  _id: str, openid: str, year: z.number(), day: z.string().default(''), amount: z.number(), minutes: int0, cause: entryCause, sourceId: str,
  communityId: strOrNull, ruleId: strOrNull, ruleVersion: z.number().nullable().default(null), capped: z.boolean().default(false),
  base: z.number().nullable().default(null), cappedBy: z.enum(['daily', 'yearly']).nullable().default(null), actor: z.string().default(''),
  reason: strOrNull, reverses: strOrNull, pending: int0, effective: int0, spendable: int0, at: date, createdAt: date,
  review: z.enum(['held', 'approved', 'rejected']).nullish(), held: z.object({ amount: z.number(), minutes: z.number(), maker: z.string() }).nullish(),
}).passthrough());

/** a member's year: totals, caps used, where they belong (for rankings); see core/domain/ledger.ts */
/** a balance written before balance parts existed: all its points were effective */
const legacyBalance = (v: unknown) => {
  if (!v || typeof v !== 'object') return v;
  const b = v as { pending?: unknown; effective?: unknown; points?: unknown };
  return b.effective == null ? { ...v, pending: b.pending ?? 0, effective: (typeof b.points === 'number' ? b.points : 0) - (typeof b.pending === 'number' ? b.pending : 0) } : v;
};
const balances: z.ZodType<Balance & { reconciledAt?: Date | null }, z.ZodTypeDef, unknown> = z.preprocess(legacyBalance, z.object({
  _id: str, openid: str, year: z.number(), points: int0, pending: int0, effective: int0, spendable: int0, minutes: int0, earned: int0,
  days: z.record(z.number()).default({}), dayMinutes: z.record(z.number()).optional(),
  communityId: strOrNull, unitId: strOrNull, streetId: strOrNull, districtId: strOrNull, name: z.string().nullish(), entries: int0,
  updatedAt: z.preprocess((v) => toDate(v) ?? new Date(0), z.date()), reconciledAt: dateOrNull.optional(),
}).passthrough());

/** a rule version's values; older versions may lack values added since (the defaults fill them) */
const pointsRule: z.ZodType<Partial<PointsRule>> = z.object({
  report: z.number(), attendance: z.number(), perHour: z.number(), pledge: z.number(), noshow: z.number(), dailyCap: z.number(), yearlyCap: z.number(),
  minMinutes: z.number(), gongshiDays: z.number(), objectionDays: z.number(), reviewAbove: z.number(),
}).partial();
const rules = z.object({
  _id: str, scopeId: str, scopeKind: z.enum(['district', 'community']), version: z.number(), rule: pointsRule,
  note: strOrNull, createdBy: z.string().default(''), createdAt: date,
}).passthrough();

const needs = z.object({
  _id: str, communityId: str, title: str, description: z.string().default(''), category: taskCategory.catch('other'), status: needStatus,
  createdAt: date, createdBy: z.string().default(''), updatedAt: dateOrNull,
}).passthrough();
const projects = z.object({
  _id: str, communityId: str, title: str, description: z.string().default(''), needId: strOrNull, resource: z.string().default(''), unitId: strOrNull,
  status: projectStatus, createdAt: date, createdBy: z.string().default(''), updatedAt: dateOrNull,
}).passthrough();
/** an idempotent creation: what a (kind, member, requestId) created and answered (functions/_lib/once.ts) */
const requests = z.object({
  _id: str, kind: str, openid: str, requestId: str,
  /** id of what was created */
  resultId: str,
  /** the answer as JSON text (a stored Date would come back as Date; a wire answer has strings) */
  answer: str, createdAt: date,
}).passthrough();

/** minutes a member has confirmed on one China-time day, by task (daily cap) */
const serviceDays = z.object({
  _id: str, openid: str, day: str, tasks: z.record(z.number()).default({}), minutes: int0, updatedAt: dateOrNull.optional(),
}).passthrough();
const taskSecrets = z.object({ _id: str, secret: str }).passthrough();
/** one-time subscribe consents left, counted (WeChat has no API that tells) */
const subscriptions = z.object({ _id: str, count: int0, updatedAt: dateOrNull.optional() }).passthrough();

/** 积分兑换 (core/domain/redeem.ts): catalogue items, redemptions (one-time codes), per-district settings */
const redeemKind = z.enum(['goods', 'honour']);
const redeemItems = z.object({
  _id: str, communityId: str, streetId: strOrNull, districtId: strOrNull, kind: redeemKind, title: str, description: z.string().default(''),
  price: z.number(), stock: z.number(), perMemberLimit: int0, validFrom: date, validTo: date, status: z.enum(['on', 'off']),
  redeemed: int0, createdBy: z.string().default(''), createdAt: date, updatedAt: date,
}).passthrough();
const redemptions = z.object({
  _id: str, code: str, itemId: str, itemTitle: str, kind: redeemKind, price: z.number(), communityId: str, openid: str, memberName: z.string().default(''),
  status: z.enum(['open', 'handed', 'cancelled']), spends: z.array(z.object({ year: z.number(), amount: z.number() })).default([]),
  expiresAt: date, createdAt: date, handedAt: dateOrNull.default(null), handedBy: strOrNull, cancelledAt: dateOrNull.default(null),
  cancelledBy: strOrNull, cancelReason: strOrNull,
}).passthrough();
const redeemSettings = z.object({
  _id: str, materialOff: z.boolean().default(false), ratio: z.number().default(1), validYears: z.number().default(1),
  updatedBy: z.string().default(''), updatedAt: dateOrNull.default(null),
}).passthrough();

/** 消息: a member's inbox item (functions/_lib/outbox.ts writes it; `kind` names the flow, an unknown one shows as a notice) */
const inbox = z.object({
  _id: str, openid: str, kind: inboxKind.catch('notice'), title: z.string().default(''), body: z.string().default(''), link: strOrNull,
  read: z.boolean().default(false), createdAt: date, readAt: dateOrNull.optional(),
}).passthrough();

/** 积分公示: a community's weekly batch, and a member's objection to one of its items */
const gongshiBatches = z.object({
  _id: str, communityId: str, communityName: z.string().default(''), week: z.string().default(''), publishedAt: date, endsAt: date,
  days: int0, ruleId: z.string().default(''), ruleVersion: int0, items: int0,
}).passthrough();
const ruling = z.object({ decision: z.enum(['keep', 'adjust', 'revoke']), reason: z.string().default(''), amount: z.number().nullable().default(null), by: z.string().default(''), at: date }).passthrough();
const objections = z.object({
  _id: str, itemId: str, batchId: str, communityId: str, objector: str, objectorName: z.string().default(''), reason: z.string().default(''),
  status: z.enum(['open', 'ruled']), deadline: dateOrNull, ruling: ruling.nullable().default(null), reminded: z.boolean().default(false), createdAt: date,
}).passthrough();

/** 微心愿: one claim of a wish (alone or a group; functions/wish) */
const wishClaims = z.object({
  _id: str, wishId: str, communityId: str, leader: str, members: z.array(str).default([]), anonymous: z.boolean().default(false),
  status: z.enum(['active', 'fulfilled', 'confirmed', 'released']), createdAt: date, releasedAt: dateOrNull, releaseReason: strOrNull,
  confirmedAt: dateOrNull, points: z.number().nullable().default(null),
}).passthrough();

/**
 * 复核 (second approver) of a hand-made credit: `_id` = the held ledger entry's id. The queue a
 * second admin of the community works through; the decision itself is a ledger entry (approve/reject).
 */
const reviews = z.object({
  _id: str, entryId: str, communityId: str, openid: str, name: z.string().default(''), kind: z.enum(['attendance', 'adjust']),
  title: str, amount: z.number(), minutes: int0, maker: str, makerName: z.string().default(''), reason: strOrNull,
  status: z.enum(['awaiting', 'approved', 'rejected']), decidedBy: strOrNull, decidedAt: dateOrNull.default(null), decisionReason: strOrNull,
  at: date, createdAt: date,
}).passthrough();

export const records = {
  inbox, gongshiBatches, objections, wishClaims, tasks, signups, members, reports, orgs, units, unitReports, admins, ledger, balances, rules,
  serviceDays, taskSecrets, subscriptions, needs, projects, requests, redeemItems, redemptions, redeemSettings, reviews,
};

export type Collection = keyof typeof records;
export type RecordOf<C extends Collection> = z.output<(typeof records)[C]>;

/** the declared fields of a record (without the index signature `passthrough` adds) */
type Known<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
/** a whole document to write: every declared field (`_id` optional: the id names it) */
export type RecordData<C extends Collection> = Omit<Known<RecordOf<C>>, '_id'> & { _id?: string };
/** a change to a document: declared fields only */
export type RecordPatch<C extends Collection> = Partial<Omit<Known<RecordOf<C>>, '_id'>>;

export type TaskRecord = RecordOf<'tasks'>;
export type SignupRecord = RecordOf<'signups'>;
export type MemberRecord = RecordOf<'members'>;
export type ReportRecord = RecordOf<'reports'>;
export type OrgRecord = RecordOf<'orgs'>;
export type UnitRecord = RecordOf<'units'>;
export type AdminRecord = RecordOf<'admins'>;
export type UnitReportRecord = RecordOf<'unitReports'>;
export type NeedRecord = RecordOf<'needs'>;
export type ProjectRecord = RecordOf<'projects'>;
export type RequestRecord = RecordOf<'requests'>;
export type RuleRecord = RecordOf<'rules'>;
export type ServiceDayRecord = RecordOf<'serviceDays'>;
export type RedeemItemRecord = RecordOf<'redeemItems'>;
export type RedemptionRecord = RecordOf<'redemptions'>;
export type InboxRecord = RecordOf<'inbox'>;
export type GongshiBatchRecord = RecordOf<'gongshiBatches'>;
export type ObjectionRecord = RecordOf<'objections'>;
export type WishClaimRecord = RecordOf<'wishClaims'>;

/**
 * A stored document as its record type, or an Error naming the collection, id and field (a
 * document that does not fit is a bug or corrupt data: the action fails as INTERNAL, logged).
 */
export function parseRecord<C extends Collection>(coll: C, raw: unknown): RecordOf<C> {
  return parseWith(records[coll] as z.ZodType<RecordOf<C>, z.ZodTypeDef, unknown>, coll, raw);
}

/** A stored document of `coll` parsed with `schema` (a projection, or a shape without a record here). */
export function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, coll: string, raw: unknown): T {
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const id = raw && typeof raw === 'object' ? String((raw as { _id?: unknown })._id) : '?';
  const issue = res.error.issues[0];
  throw new Error(`record ${coll}/${id} does not fit its schema: ${issue?.path.join('.')} ${issue?.message}`);
}
