/**
 * Pledge documents, their views, and the events progress is computed from (confirmed attendance
 * from `signups` + `tasks`, confirmed wishes from `wishClaims`). Keeps the action files about decisions.
 */
import { createHash } from 'node:crypto';
import { fail } from '../../core/contracts/errors';
import { pledgeTypeLabel, type PledgeTargetDto, type PledgeType, type PledgeView } from '../../core/contracts/pledge';
import { taskCategoryLabel, type TaskCategory } from '../../core/contracts/task';
import {
  describeTarget, noRatings, phaseOf, type RatingTally, progressOf, type PledgeForProgress, type PledgeOutcome, type PledgeReminder,
  type PledgeStatus, type Progress, type ProgressEvent,
} from '../../core/domain/pledge';
import { yearOf } from '../../core/domain/scoring';
import { getAll, getDoc, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { toDate } from '../task/store';

export interface EvidenceDoc { id: string; text: string; photos: string[]; createdAt: Date }

export interface PledgeDoc {
  _id: string;
  openid: string;
  year: number;
  communityId: string;
  type: PledgeType;
  title: string;
  target: PledgeTargetDto;
  deadline: Date;
  link: { kind: 'need' | 'project'; id: string; title: string } | null;
  status: PledgeStatus;
  returnReason: string | null;
  evidence: EvidenceDoc[];
  review: {
    outcome: PledgeOutcome; reason: string | null; objective: boolean; points: number; awarded: boolean; reviewedAt: Date; reviewedBy: string;
    progress: { done: number; goal: number; percent: number };
  } | null;
  reminders: PledgeReminder[];
  /** 自评 */
  selfEval?: { text: string; at: Date } | null;
  /** 群众评 tally, kept with the ratings (`pledgeRatings`) in one transaction */
  ratings?: RatingTally;
  requestId: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export const MAX_EVIDENCE = 30;

/** One evidence record per (member, requestId): a retried add finds the first one. */
export function evidenceIdOf(openid: string, requestId: string): string {
  return `ev${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 12)}`;
}

export function normPledge(raw: unknown): PledgeDoc {
  const p = { ...(raw as PledgeDoc) };
  p.deadline = toDate(p.deadline);
  p.createdAt = toDate(p.createdAt);
  p.updatedAt = toDate(p.updatedAt);
  p.evidence = (p.evidence ?? []).map((e) => ({ ...e, createdAt: toDate(e.createdAt) }));
  p.reminders = p.reminders ?? [];
  p.selfEval = p.selfEval ? { text: p.selfEval.text, at: toDate(p.selfEval.at) } : null;
  p.ratings = { ...noRatings(), ...(p.ratings ?? {}) };
  if (p.review) p.review = { ...p.review, reviewedAt: toDate(p.review.reviewedAt) };
  return p;
}

export async function loadPledge(ctx: Pick<Ctx, 'db'>, id: string): Promise<PledgeDoc> {
  const raw = await getDoc<PledgeDoc>(ctx, 'pledges', id);
  if (!raw) fail('PLEDGE_NOT_FOUND', '未找到该承诺');
  return normPledge(raw);
}

export const thisYear = (now: Date) => yearOf(now);

const categoryLabel = (c: string) => taskCategoryLabel[c as TaskCategory] ?? c;
export const targetText = (t: PledgeTargetDto) => describeTarget(t, categoryLabel);
export const typeText = (t: PledgeType) => pledgeTypeLabel[t];

export function forProgress(p: PledgeDoc): PledgeForProgress {
  return { id: p._id, status: p.status, target: p.target, since: p.createdAt, deadline: p.deadline, createdAt: p.createdAt, evidenceCount: p.evidence.length };
}

/**
 * Confirmed services and wishes of these members from `since` on: attendance (not no-shows) of
 * confirmed tasks, wishes whose claim the community confirmed. 3 reads however many members.
 */
export async function eventsOf(ctx: Pick<Ctx, 'db'>, openids: string[]): Promise<Map<string, ProgressEvent[]>> {
  const out = new Map<string, ProgressEvent[]>(openids.map((o) => [o, []]));
  if (openids.length === 0) return out;
  const _ = ctx.db.command;
  const [signups, claims] = await Promise.all([
    getAll<{ taskId: string; openid: string; noshow?: boolean; minutes?: number | null }>(ctx, 'signups', { openid: _.in(openids), confirmed: true }, undefined, 2000),
    getAll<{ wishId: string; members: string[]; confirmedAt?: unknown }>(ctx, 'wishClaims', { members: _.in(openids), status: 'confirmed' }, undefined, 1000),
  ]);
  const attended = signups.filter((s) => !s.noshow);
  const tasks = await getMany<{ _id: string; category: string; endAt: unknown }>(ctx, 'tasks', attended.map((s) => s.taskId));
  for (const s of attended) {
    const t = tasks.get(s.taskId);
    if (!t) continue;
    out.get(s.openid)?.push({ id: `task:${s.taskId}`, kind: 'task', at: toDate(t.endAt), category: t.category, minutes: s.minutes ?? 0 });
  }
  for (const c of claims) {
    for (const o of c.members) out.get(o)?.push({ id: `wish:${c.wishId}`, kind: 'wish', at: toDate(c.confirmedAt), category: null, minutes: 0 });
  }
  return out;
}

/**
 * Progress of `pledges` (any members), each computed over ALL of its member's pledges of that year,
 * so an event already counted for another pledge of the same member is not counted again.
 */
export async function progressFor(ctx: Pick<Ctx, 'db'>, pledges: PledgeDoc[]): Promise<Map<string, Progress>> {
  const out = new Map<string, Progress>();
  const live = pledges.filter((p) => !p.review);
  for (const p of pledges) if (p.review) out.set(p._id, { ...p.review.progress, events: [] });
  if (live.length === 0) return out;
  const openids = [...new Set(live.map((p) => p.openid))];
  const years = [...new Set(live.map((p) => p.year))];
  const _ = ctx.db.command;
  const [all, events] = await Promise.all([
    getAll<PledgeDoc>(ctx, 'pledges', { openid: _.in(openids), year: _.in(years) }, undefined, 1000),
    eventsOf(ctx, openids),
  ]);
  const byMember = new Map<string, PledgeDoc[]>();
  for (const raw of all) {
    const p = normPledge(raw);
    byMember.set(`${p.openid}|${p.year}`, [...(byMember.get(`${p.openid}|${p.year}`) ?? []), p]);
  }
  for (const [key, list] of byMember) {
    const progress = progressOf(list.map(forProgress), events.get(key.split('|')[0]) ?? []);
    for (const p of list) if (live.some((l) => l._id === p._id)) out.set(p._id, progress.get(p._id)!);
  }
  return out;
}

const noProgress: Progress = { done: 0, goal: 0, percent: 0, events: [] };

export function viewOf(p: PledgeDoc, progress: Progress | undefined, now: Date, communityName: string, urls: Record<string, string> = {}): PledgeView {
  const pr = progress ?? { ...noProgress, goal: p.target.kind === 'hours' ? p.target.hours : p.target.count };
  return {
    id: p._id, year: p.year, communityId: p.communityId, communityName, type: p.type, title: p.title, target: p.target,
    targetText: targetText(p.target), deadline: p.deadline.toISOString(), link: p.link ?? null, status: p.status,
    phase: phaseOf(p.status, p.deadline, pr.percent, now), progress: { done: pr.done, goal: pr.goal, percent: pr.percent },
    returnReason: p.returnReason ?? null,
    review: p.review ? {
      outcome: p.review.outcome, reason: p.review.reason, objective: p.review.objective, points: p.review.points, reviewedAt: p.review.reviewedAt.toISOString(),
    } : null,
    evidence: p.evidence.map((e) => ({ id: e.id, text: e.text, photos: e.photos, photoUrls: e.photos.map((f) => urls[f] ?? ''), createdAt: e.createdAt.toISOString() })),
    selfEval: p.selfEval ? { text: p.selfEval.text, at: p.selfEval.at.toISOString() } : null,
    ratings: { ...noRatings(), ...(p.ratings ?? {}) },
    createdAt: p.createdAt.toISOString(),
  };
}

export async function communityNames(ctx: Pick<Ctx, 'db'>, ids: string[]): Promise<Map<string, string>> {
  const orgs = await getMany<{ _id: string; name: string }>(ctx, 'orgs', ids);
  return new Map(ids.map((id) => [id, orgs.get(id)?.name ?? '']));
}
