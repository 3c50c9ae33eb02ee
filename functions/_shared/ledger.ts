/**
 * The points ledger: the only code that writes `ledger` entries and `balances`.
 *
 * - Entries are never edited or deleted. A correction is a new entry (`reverses` → original).
 * - Every entry's `_id` is derived from its cause, and the entry and its balance change are written
 *   in ONE transaction, so a retried or concurrent call credits exactly once.
 * - Rules (how much an event is worth) are loaded outside the transaction (they are versioned and
 *   immutable, so any version read is a valid one) and recorded on the entry as ruleId/ruleVersion.
 *
 * Other features call `award` (report approved, attendance confirmed, no-show, pledge fulfilled).
 * These only build entries; functions/_lib/ledger.ts `post` is the one place entries and balances
 * are written. New credits are pending (awaiting 公示) until their window passes.
 */
import { fail } from '../../core/contracts/errors';
import {
  balanceIdOf, effectIdOf, effectOf, entryIdOf, pendingParts, placeFrom, reversalIdOf, reversalOf,
  type Balance, type BalancePlace, type LedgerEntry,
} from '../../core/domain/ledger';
import {
  DEFAULT_RULE, DEFAULT_RULE_ID, computeAward, dayOf, describeCause, yearOf,
  type AwardCause, type AwardVariant, type PointsRule,
} from '../../core/domain/scoring';
import type { Ctx } from '../_lib/router';
import { getDoc, getRecords, rows } from '../_lib/query';
import { transact, txGet, type Tx } from '../_lib/tx';
import { normalizeBalance, post, postOnce, type PostPlace } from '../_lib/ledger';
import { notifyApprovers, postHeld } from './review';

export { post } from '../_lib/ledger';

export type { AwardCause } from '../../core/domain/scoring';

/** What the ledger needs of a handler's ctx (a timer ctx or a seed script's ctx will do). */
export type LedgerCtx = Pick<Ctx, 'db'> & { now?: Date };

export interface AwardInput {
  openid: string;
  cause: AwardCause;
  /** reportId | taskId | pledgeId | wishId */
  sourceId: string;
  communityId: string;
  /** attendance: confirmed service minutes */
  minutes?: number;
  /** when it happened: decides the year (China time) */
  at: Date;
  /** pledge judged partly fulfilled: the rule's `pledgePartly` instead of `pledge` */
  variant?: AwardVariant;
  /** admin openid who approved / confirmed */
  actor: string;
  /**
   * attendance recorded by hand (补录): the admin who recorded it. The credit is held for a second
   * admin's 复核 (functions/_shared/review.ts) instead of entering 公示.
   */
  manualBy?: string | null;
  /** what the 复核 queue calls it (e.g. the task title) */
  title?: string;
}

/** `held`: a hand-made credit posted for 复核 (amount and minutes 0 until a second admin approves) */
export interface AwardResult { entryId: string; amount: number; minutes: number; created: boolean; held?: { amount: number; minutes: number } }

export interface EffectiveRule { rule: PointsRule; ruleId: string; version: number; scopeId: string | null }

export interface RuleDoc {
  _id: string;
  scopeId: string;
  scopeKind: 'district' | 'community';
  version: number;
  rule: PointsRule;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

export { getDoc };
export { isConflict } from '../_lib/tx';

const CONFLICT_MESSAGE = '积分正在被同时修改，请稍后重试';

/**
 * Where a member belongs now: community and unit from `members/{openid}`, street/district from the
 * community's path; with the member's name, which post() keeps on the balance for rankings.
 */
export async function placeOfMember(ctx: LedgerCtx, openid: string, fallbackCommunityId: string | null, overrideCommunityId?: string): Promise<PostPlace> {
  const member = await getDoc<{ name?: string; communityId?: string | null; unitId?: string | null; unitStatus?: string | null }>(ctx, 'members', openid);
  const communityId = overrideCommunityId ?? member?.communityId ?? fallbackCommunityId ?? null;
  const org = communityId ? await getDoc<{ path?: string[] }>(ctx, 'orgs', communityId) : null;
  return { ...placeFrom(member, communityId, org?.path), name: member?.name || null };
}

/** placeOfMember for many members at once: their member docs in one query, their communities in another. */
export async function placesOfMembers(ctx: LedgerCtx, openids: string[], fallbackCommunityId: string | null): Promise<Map<string, PostPlace>> {
  const members = await getRecords(ctx, 'members', openids);
  const communityOf = (openid: string) => members.get(openid)?.communityId ?? fallbackCommunityId ?? null;
  const orgs = await getRecords(ctx, 'orgs', openids.map(communityOf));
  return new Map(openids.map((openid) => {
    const communityId = communityOf(openid);
    const member = members.get(openid) ?? null;
    return [openid, { ...placeFrom(member, communityId, communityId ? orgs.get(communityId)?.path : undefined), name: member?.name || null }];
  }));
}

async function latestRule(ctx: LedgerCtx, scopeId: string): Promise<RuleDoc | null> {
  return (await rows<RuleDoc>(ctx.db.collection('rules').where({ scopeId }).orderBy('version', 'desc').limit(1)))[0] ?? null;
}

const ruleOf = (d: RuleDoc): EffectiveRule => ({ rule: { ...DEFAULT_RULE, ...d.rule }, ruleId: d._id, version: d.version, scopeId: d.scopeId });

/**
 * The rule in force for a community: its own latest override, else its district's latest rule,
 * else DEFAULT_RULE. Each rule document holds a full set of values. With the district known, one
 * query answers both ('community' sorts before 'district').
 */
export async function effectiveRule(ctx: LedgerCtx, communityId: string | null, districtId?: string | null): Promise<EffectiveRule> {
  if (communityId && districtId) {
    const [d] = await rows<RuleDoc>(ctx.db.collection('rules').where({ scopeId: ctx.db.command.in([communityId, districtId]) }).orderBy('scopeKind', 'asc').orderBy('version', 'desc').limit(1));
    return d ? ruleOf(d) : { rule: { ...DEFAULT_RULE }, ruleId: DEFAULT_RULE_ID, version: 0, scopeId: null };
  }
  if (communityId) {
    const own = await latestRule(ctx, communityId);
    if (own) return ruleOf(own);
    if (districtId === undefined) {
      const org = await getDoc<{ path?: string[] }>(ctx, 'orgs', communityId);
      districtId = org?.path?.[0] ?? null;
    }
  }
  if (districtId) {
    const d = await latestRule(ctx, districtId);
    if (d) return ruleOf(d);
  }
  return { rule: { ...DEFAULT_RULE }, ruleId: DEFAULT_RULE_ID, version: 0, scopeId: null };
}

function checkAwardInput(input: AwardInput): Date {
  if (!input.openid || !input.sourceId) fail('VALIDATION_FAILED', '积分记录缺少成员或来源');
  // tolerate a date that arrived as a string or number (e.g. read back from a document)
  const at = new Date(input.at as Date | string | number);
  if (input.at === undefined || input.at === null || Number.isNaN(at.getTime())) fail('VALIDATION_FAILED', '积分记录缺少发生时间');
  return at;
}

/**
 * Inside the caller's transaction: the award's entry unless it is there already, posted with its
 * balance through post(). `place` and `rule` were read before the transaction (rules are versioned
 * and immutable, so any version read is a valid one). A caller may run this in the transaction of
 * the change that earns the points (report approval), so both commit or neither does.
 */
export async function awardInTx(tx: Tx, input: AwardInput, place: PostPlace, rule: EffectiveRule, now: Date): Promise<AwardResult> {
  const at = checkAwardInput(input);
  const entryId = entryIdOf(input.cause, input.sourceId, input.openid);
  const prior = await txGet(tx, 'ledger', entryId);
  if (prior) return { entryId, amount: prior.amount, minutes: prior.minutes, created: false };
  const stored = await txGet(tx, 'balances', balanceIdOf(yearOf(at), input.openid));
  const entry = awardEntry({ ...input, at }, rule, stored, now);
  if (input.manualBy) {
    const held = await postHeld(tx, entry, input.manualBy, { kind: 'attendance', title: manualTitle(input), name: place.name ?? '' }, place, { now, balance: stored });
    return { entryId, amount: 0, minutes: 0, created: true, held: { amount: held.held!.amount, minutes: held.held!.minutes } };
  }
  await post(tx, [entry], place, { now, balance: stored });
  return { entryId, amount: entry.amount, minutes: entry.minutes, created: true };
}

/**
 * award() without a transaction, for a caller that has already made itself the one writer of this
 * cause (the report approval's conditional write on the report): the balance read, then
 * `postOnce` — the entry inserted under its derived id (exactly once), the balance by a
 * conditional write, the rank counts (see functions/_lib/ledger.ts#postOnce for what a crash or a
 * concurrent credit does). Not for hand-made credits (those wait for 复核 in a transaction).
 */
export async function awardOnce(ctx: LedgerCtx, input: AwardInput, place: PostPlace, rule: EffectiveRule): Promise<AwardResult> {
  const at = checkAwardInput(input);
  if (input.manualBy) fail('VALIDATION_FAILED', '手工录入的积分须经复核');
  const now = ctx.now ?? new Date();
  const stored = await getDoc<Balance>(ctx, 'balances', balanceIdOf(yearOf(at), input.openid));
  const entry = awardEntry({ ...input, at }, rule, stored, now);
  const { created } = await postOnce(ctx, entry, place, stored, now);
  if (created) return { entryId: entry._id, amount: entry.amount, minutes: entry.minutes, created };
  const prior = await getDoc<LedgerEntry>(ctx, 'ledger', entry._id);
  return { entryId: entry._id, amount: prior?.amount ?? entry.amount, minutes: prior?.minutes ?? entry.minutes, created: false };
}

/** what the 复核 queue calls a hand-made award: 参加志愿服务：<task title> */
const manualTitle = (input: Pick<AwardInput, 'cause' | 'title'>) => [describeCause(input.cause), input.title].filter(Boolean).join('：');

/**
 * The entry crediting `input` under `rule`, with the day and year caps counted from the member's
 * balance as read in the caller's transaction (null: none yet). Builds only; post()/postMany() write.
 */
export function awardEntry(input: AwardInput, r: Pick<EffectiveRule, 'rule' | 'ruleId' | 'version'>, stored: Balance | null, now: Date): LedgerEntry {
  const at = new Date(input.at);
  const day = dayOf(at);
  const balance = stored ? normalizeBalance(stored) : null;
  const a = computeAward(r.rule, input.cause, input.minutes, { dayEarned: balance?.days[day] ?? 0, yearEarned: balance?.earned ?? 0 }, input.variant);
  return {
    _id: entryIdOf(input.cause, input.sourceId, input.openid), openid: input.openid, year: yearOf(at), day,
    amount: a.amount, minutes: a.minutes, cause: input.cause,
    sourceId: input.sourceId, communityId: input.communityId, ruleId: r.ruleId, ruleVersion: r.version, capped: a.capped,
    base: a.base, cappedBy: a.cappedBy, actor: input.actor, reason: null, reverses: null, ...pendingParts(a.amount), at, createdAt: now,
  };
}

/**
 * Credits (or, for a no-show, debits) a member once for one cause. Idempotent: the entry id is
 * `${cause}:${sourceId}:${openid}`; a second call returns the first entry with `created: false`.
 */
export async function award(ctx: LedgerCtx, input: AwardInput): Promise<AwardResult> {
  checkAwardInput(input);
  const entryId = entryIdOf(input.cause, input.sourceId, input.openid);
  const existing = async (): Promise<AwardResult | null> => {
    const e = await getDoc<LedgerEntry>(ctx, 'ledger', entryId);
    return e ? { entryId, amount: e.amount, minutes: e.minutes, created: false } : null;
  };
  const before = await existing();
  if (before) return before;

  const now = ctx.now ?? new Date();
  // an approved report makes that community the member's home even if the member doc is not updated yet
  const place = await placeOfMember(ctx, input.openid, input.communityId, input.cause === 'report' ? input.communityId : undefined);
  const rule = await effectiveRule(ctx, input.communityId, input.communityId === place.communityId ? place.districtId : undefined);
  const result = await transact(ctx, (tx) => awardInTx(tx, input, place, rule, now), { settled: existing, conflictMessage: CONFLICT_MESSAGE });
  // a hand-made credit waits for 复核: the community's other admins are told (keyed: once)
  if (input.manualBy && result.held) {
    await notifyApprovers({ ...ctx, now }, { _id: result.entryId, communityId: input.communityId, openid: input.openid, maker: input.manualBy, name: place.name ?? '', title: manualTitle(input), amount: result.held.amount });
  }
  return result;
}

export interface AdjustInput {
  openid: string;
  amount: number;
  reason: string;
  actor: string;
  /** makes a retried adjustment idempotent; one per intended adjustment */
  requestId: string;
  communityId: string | null;
}

/**
 * A manual adjustment by an admin: a new entry (cause `adjust`), never capped. Idempotent by requestId.
 * Above the rule's `reviewAbove` (absolute) it is held for a second admin's 复核 (`held` true): it
 * counts nowhere and does not enter 公示 until approved (functions/_shared/review.ts).
 */
export async function adjust(ctx: LedgerCtx, input: AdjustInput): Promise<{ entry: LedgerEntry; created: boolean; held: boolean }> {
  if (!Number.isInteger(input.amount) || input.amount === 0) fail('INVALID_AMOUNT', '调整分值必须是非零整数');
  if (!input.reason.trim()) fail('REASON_REQUIRED', '请填写调整原因');
  const now = ctx.now ?? new Date();
  const entryId = entryIdOf('adjust', input.requestId, input.openid);
  const existing = async () => {
    const e = await getDoc<LedgerEntry>(ctx, 'ledger', entryId);
    return e ? { entry: e, created: false, held: e.review === 'held' } : null;
  };
  const year = yearOf(now);
  const place = await placeOfMember(ctx, input.openid, input.communityId);
  const { rule } = await effectiveRule(ctx, input.communityId, input.communityId === place.communityId ? place.districtId : undefined);
  const needsReview = Math.abs(input.amount) > rule.reviewAbove;
  const name = place.name ?? '';
  const title = `${describeCause('adjust')}：${input.reason.trim()}`;
  const result = await transact(ctx, async (tx) => {
    const prior = await txGet(tx, 'ledger', entryId);
    if (prior) return { entry: prior, created: false, held: prior.review === 'held' };
    const entry: LedgerEntry = {
      _id: entryId, openid: input.openid, year, day: dayOf(now), amount: input.amount, minutes: 0, cause: 'adjust',
      sourceId: input.requestId, communityId: input.communityId, ruleId: null, ruleVersion: null, capped: false,
      base: null, cappedBy: null, actor: input.actor, reason: input.reason.trim(), reverses: null, ...pendingParts(input.amount), at: now, createdAt: now,
    };
    if (needsReview) {
      return { entry: await postHeld(tx, entry, input.actor, { kind: 'adjust', title, name }, place, { now }), created: true, held: true };
    }
    await post(tx, [entry], place, { now });
    return { entry, created: true, held: false };
  }, { settled: existing, conflictMessage: CONFLICT_MESSAGE });
  if (result.created && result.held) {
    await notifyApprovers({ ...ctx, now }, { _id: entryId, communityId: input.communityId ?? '', openid: input.openid, maker: input.actor, name, title, amount: input.amount });
  }
  return result;
}

/**
 * Reverses an entry: a new entry with everything negated, in the original's year. The reversal's id
 * is derived from the original's, so a second reversal is impossible; a reversal cannot be reversed.
 * `authorize` runs on the original before anything is written (scope checks).
 */
export async function reverse(
  ctx: LedgerCtx, input: { entryId: string; reason: string; actor: string }, authorize?: (original: LedgerEntry) => Promise<void>,
): Promise<LedgerEntry> {
  if (!input.reason.trim()) fail('REASON_REQUIRED', '请填写冲正原因');
  const now = ctx.now ?? new Date();
  const original = await getDoc<LedgerEntry>(ctx, 'ledger', input.entryId);
  if (!original) fail('ENTRY_NOT_FOUND', '未找到该积分记录');
  if (original.cause === 'reversal') fail('CANNOT_REVERSE_REVERSAL', '冲正记录不能再次冲正');
  // a hand-made credit is decided by 复核; only its approval (the credit itself) can be reversed
  if (original.review === 'held' || original.review === 'rejected') fail('REVIEW_ENTRY', '待复核或已驳回的手工录入记录没有计入积分，不能冲正；请在复核中处理');
  if (authorize) await authorize(original);
  const place = await placeOfMember(ctx, original.openid, original.communityId);
  const reversalId = reversalIdOf(original._id);
  const alreadyReversed = async (): Promise<LedgerEntry | null> => {
    if (await getDoc<LedgerEntry>(ctx, 'ledger', reversalId)) fail('ALREADY_REVERSED', '该记录已冲正，不能重复冲正');
    return null;
  };
  await alreadyReversed();
  return transact(ctx, async (tx) => {
    if (await txGet(tx, 'ledger', reversalId)) fail('ALREADY_REVERSED', '该记录已冲正，不能重复冲正');
    // a credit already past its 公示 window is taken back from the effective part
    const effected = original.pending !== 0 && (await txGet(tx, 'ledger', effectIdOf(original._id))) !== null;
    const entry = reversalOf(original, input.actor, input.reason.trim(), now, effected);
    // a past year's balance keeps where the member was then; only a new balance takes today's place
    await post(tx, [entry], place, { now, keepPlace: true });
    return entry;
  }, { settled: alreadyReversed, conflictMessage: CONFLICT_MESSAGE });
}

/**
 * Makes an entry's pending part effective (its 公示 window passed): posts its `effect` entry.
 * Idempotent (the effect's id derives from the entry's). Nothing happens — null — for an entry that
 * was reversed, has nothing pending, or is itself a reversal or an effect.
 */
export async function makeEffective(ctx: LedgerCtx, entryId: string, actor: string): Promise<LedgerEntry | null> {
  const now = ctx.now ?? new Date();
  return transact(ctx, async (tx) => {
    const original = await txGet(tx, 'ledger', entryId);
    if (!original || original.cause === 'reversal' || original.cause === 'effect' || original.pending === 0) return null;
    const prior = await txGet(tx, 'ledger', effectIdOf(entryId));
    if (prior) return prior;
    if (await txGet(tx, 'ledger', reversalIdOf(entryId))) return null;
    const entry = effectOf(original, actor, now);
    const unplaced: BalancePlace = { communityId: null, unitId: null, streetId: null, districtId: null };
    await post(tx, [entry], unplaced, { now, keepPlace: true });
    return entry;
  }, { conflictMessage: CONFLICT_MESSAGE });
}
