/** Stored documents → the shapes in `core/contracts/task.ts`. */
import type { AttendanceRow, TaskDetail, TaskSummary } from '../../core/contracts/task';
import { serviceMinutes } from '../../core/domain/hours';
import { phaseOf, signInOpen, signInOpensAt, signOutOpen, signupOpen } from '../../core/domain/taskRules';
import { changeTemplate } from './notices';
import { iso, maskPhone, type SignupDoc, type TaskDoc } from './store';
import type { RosterEntry } from './roster';

const active = (s: SignupDoc | null) => !!s && (s.status === 'signed' || s.status === 'waitlisted');

export function mineOf(s: SignupDoc | null): TaskSummary['mine'] {
  if (!s) return null;
  return { status: s.status, signInAt: iso(s.signInAt), signOutAt: iso(s.signOutAt), minutes: s.minutes, position: null };
}

/**
 * A task's summary; `place` (the member's roster entry) stands in for the signup where the list
 * reads no signups: it gives 报名 / 候补, the sign-in times show on the detail and 我的任务.
 */
export function summaryOf(t: TaskDoc, now: Date, mine: SignupDoc | null, place?: RosterEntry | null): TaskSummary {
  return {
    id: t._id,
    communityId: t.communityId,
    communityName: t.communityName ?? '',
    title: t.title,
    category: t.category,
    startAt: t.startAt.toISOString(),
    endAt: t.endAt.toISOString(),
    placeName: t.place?.name ?? '',
    slots: t.slots,
    signed: t.signed ?? 0,
    waitlisted: t.waitlisted ?? 0,
    status: t.status,
    phase: phaseOf(t, now),
    audience: t.audience,
    mine: place ? { status: place.status, signInAt: null, signOutAt: null, minutes: null, position: null } : mineOf(mine),
  };
}

export function detailOf(t: TaskDoc, now: Date, mine: SignupDoc | null, manage: boolean, eligible: boolean): TaskDetail {
  const signedIn = !!mine?.signInAt;
  return {
    ...summaryOf(t, now, mine),
    description: t.description ?? '',
    place: { ...t.place, radius: t.place?.radius ?? null },
    signupDeadline: t.signupDeadline.toISOString(),
    ruleId: t.ruleId ?? null,
    skills: t.skills ?? [],
    source: t.source ?? null,
    cancelReason: t.cancelReason ?? null,
    can: {
      signup: eligible && signupOpen(t, now) && !active(mine),
      cancelSignup: signupOpen(t, now) && active(mine) && !signedIn,
      signIn: mine?.status === 'signed' && !signedIn && signInOpen(t, now),
      signOut: signedIn && !mine?.signOutAt && signOutOpen(t, now),
      manage,
    },
    signInOpensAt: signInOpensAt(t).toISOString(),
    subscribeTemplateId: changeTemplate() ?? null,
  };
}

export function rowOf(t: TaskDoc, s: SignupDoc, position: number | null): AttendanceRow {
  const live = s.signInAt && s.signOutAt ? serviceMinutes(s.signInAt, s.signOutAt, t) : null;
  return {
    openid: s.openid,
    name: s.name ?? '',
    phone: maskPhone(s.phone),
    status: s.status,
    position,
    signInAt: iso(s.signInAt),
    signOutAt: iso(s.signOutAt),
    minutes: s.confirmed ? s.minutes : live,
    missingSignOut: s.status === 'signed' && !!s.signInAt && !s.signOutAt,
    byAdmin: !!s.byAdmin,
    manual: !!s.manualBy,
    confirmed: !!s.confirmed,
  };
}
