/**
 * The task's roster: `roster[openid] = { status, seq }` for every member holding a place (signed)
 * or waiting (waitlisted). It is the truth for who is signed up; the signup documents follow it.
 *
 * Every change of the roster bumps `nextSeq` in the same write — ONE conditional update
 * (`where({ _id, nextSeq: n })`, signup) or a transaction (cancel, promote, admin) — so a writer
 * that read an older roster matches nothing and reads again: no lost update, no overbooking.
 * A signup writes the roster first and its signup document second; a crash in between leaves a
 * roster entry without (or with a stale) document, which `repairSignup` rewrites from the entry —
 * on the member's retry, on the detail view, on sign-in and on the admin's attendance list.
 */
import type { Ctx } from '../_lib/router';
import { updateWhere } from '../_lib/query';
import { activeSignups } from './notices';
import { signupId, type SignupDoc, type TaskDoc } from './store';

export type Roster = NonNullable<TaskDoc['roster']>;
export type RosterEntry = Roster[string];
export interface MemberBrief { _id: string; name?: string; phone?: string }

/** An openid usable as a field name (WeChat openids are letters, digits, '-' and '_'). */
export const safeKey = (openid: string) => /^[A-Za-z0-9_-]{1,64}$/.test(openid);

export function rosterFrom(signups: SignupDoc[]): Roster {
  const out: Roster = {};
  for (const s of signups) if (s.status === 'signed' || s.status === 'waitlisted') out[s.openid] = { status: s.status, seq: s.seq };
  return out;
}

/** The roster of a task; a task from before rosters gets it from its signups (one read, once). */
export async function rosterOf(ctx: Pick<Ctx, 'db'>, t: TaskDoc): Promise<Roster> {
  return t.roster ?? rosterFrom(await activeSignups(ctx, t._id));
}

export function countsOf(roster: Roster): { signed: number; waitlisted: number } {
  let signed = 0;
  let waitlisted = 0;
  for (const e of Object.values(roster)) if (e.status === 'signed') signed++; else waitlisted++;
  return { signed, waitlisted };
}

/** 1-based place in the waitlist of the entry with `seq`. */
export function positionIn(roster: Roster, seq: number): number {
  return Object.values(roster).filter((e) => e.status === 'waitlisted' && e.seq < seq).length + 1;
}

/** The earliest waiting member, or null. */
export function firstWaiting(roster: Roster): string | null {
  let best: [string, number] | null = null;
  for (const [openid, e] of Object.entries(roster)) if (e.status === 'waitlisted' && (!best || e.seq < best[1])) best = [openid, e.seq];
  return best?.[0] ?? null;
}

/** The task fields written with a new roster: the roster itself (replaced whole), its counts, and the version bump. */
export function rosterPatch(ctx: Pick<Ctx, 'db'>, t: TaskDoc, next: Roster): Record<string, unknown> {
  return { roster: ctx.db.command.set(next), ...countsOf(next), nextSeq: t.nextSeq + 1 };
}

/**
 * ONE conditional write of the task: applies `next` only if nobody changed the roster since `t`
 * was read (its `nextSeq`). False when another writer won: read again and decide again.
 */
export async function casRoster(ctx: Ctx, t: TaskDoc, next: Roster): Promise<boolean> {
  return (await updateWhere(ctx, 'tasks', { _id: t._id, nextSeq: t.nextSeq }, { ...rosterPatch(ctx, t, next), updatedAt: ctx.now })) === 1;
}

export function freshSignup(t: TaskDoc, member: MemberBrief, status: 'signed' | 'waitlisted', seq: number, now: Date): SignupDoc {
  return {
    _id: signupId(t._id, member._id), taskId: t._id, openid: member._id, communityId: t.communityId, name: member.name ?? '', phone: member.phone ?? '',
    status, seq, signInAt: null, signOutAt: null, byAdmin: false, minutes: null, minutesByDay: {}, days: [],
    confirmed: false, confirmedAt: null, noshow: false, awarded: false, createdAt: now, updatedAt: now,
  };
}

/** The signup document as the roster entry says it is (it is missing, or a stale cancelled one, after a crash between the two writes). */
export const followsRoster = (s: SignupDoc | null, e: RosterEntry): s is SignupDoc => !!s && s.status === e.status && s.seq === e.seq;

export async function writeSignup(ctx: Pick<Ctx, 'db'>, doc: SignupDoc): Promise<void> {
  const { _id, ...data } = doc;
  await ctx.db.collection('signups').doc(_id).set({ data });
}

/**
 * Rewrites the signup document from its roster entry when it does not follow it (the second
 * write of a signup never happened). Returns the document as it now is.
 */
export async function repairSignup(ctx: Pick<Ctx, 'db' | 'now'>, t: TaskDoc, e: RosterEntry, s: SignupDoc | null, member: MemberBrief): Promise<SignupDoc> {
  if (followsRoster(s, e)) return s;
  const doc = freshSignup(t, member, e.status, e.seq, ctx.now);
  console.warn('[task] rewrote a signup that did not follow the roster', t._id, member._id);
  await writeSignup(ctx, doc);
  return doc;
}
