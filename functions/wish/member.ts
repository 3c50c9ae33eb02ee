/** Members and residents: the wish wall, a wish, claim (alone, as a group, anonymously), progress, release, delivery, receipt. */
import { randomBytes } from 'node:crypto';
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { wishContract } from '../../core/contracts/wish';
import { canAcknowledge, canClaim, canFulfil, donorLabel, receiptCodeOf } from '../../core/domain/wish';
import { maskName } from '../../core/domain/mask';
import { enqueueAll } from '../_lib/outbox';
import { checkPhotos, checkTexts, photoUrls } from '../_shared/userContent';
import { findPage, getAll, getDoc, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { once } from '../_lib/once';
import { transact, txGet, txSet, txUpdate } from '../_lib/tx';
import { audit, newId } from '../task/store';
import { MAX_RECEIPT_TRIES, cardOf, communityName, detailOf, isAdminOf, loadWish, normWish, type ClaimDoc, type LiveClaim, type WishDoc } from './store';

type C = typeof wishContract;
interface MemberDoc { _id: string; name?: string; communityId?: string | null; unitId?: string | null; unitStatus?: string | null }

async function reportedMember(ctx: Ctx): Promise<MemberDoc & { name: string; communityId: string }> {
  const m = await getDoc<MemberDoc>(ctx, 'members', ctx.openid);
  if (!m?.name) fail('PROFILE_INCOMPLETE', '请先完善个人信息');
  if (!m.communityId) fail('NOT_REPORTED', '请先到社区报到，报到通过后再认领心愿');
  return m as MemberDoc & { name: string; communityId: string };
}

const SHOWN = ['open', 'claimed', 'fulfilled', 'confirmed'];

/** Open wishes of my community first, then of my street (nearest first), then the ones already taken. */
export async function wall(input: ParsedInputOf<C, 'wall'>, ctx: Ctx) {
  const me = await getDoc<MemberDoc>(ctx, 'members', ctx.openid);
  const home = input.communityId ?? me?.communityId ?? null;
  if (!home) fail('NOT_REPORTED', '请先到社区报到，再查看身边的心愿');
  const org = await getDoc<{ path?: string[] }>(ctx, 'orgs', home);
  const streetId = org?.path?.[1] ?? null;
  const _ = ctx.db.command;
  const where = streetId && !input.communityId ? { streetId, status: _.in(SHOWN) } : { communityId: home, status: _.in(SHOWN) };
  const docs = (await getAll<WishDoc>(ctx, 'wishes', where, ['deadline', 'asc'], 300)).map(normWish);
  const rank = (w: WishDoc) => (w.status === 'open' ? 0 : 2) + (w.communityId === home ? 0 : 1);
  docs.sort((a, b) => rank(a) - rank(b) || (a.status === 'open' ? a.deadline.getTime() - b.deadline.getTime() : b.updatedAt.getTime() - a.updatedAt.getTime()));
  const page = docs.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  const names = await getMany<{ _id: string; name: string }>(ctx, 'orgs', page.map((w) => w.communityId));
  const urls = await photoUrls(ctx, page.flatMap((w) => w.photos));
  return { items: page.map((w) => cardOf(w, ctx.openid, names.get(w.communityId)?.name ?? '', urls)), total: docs.length, page: input.page, pageSize: input.pageSize };
}

export async function get(input: ParsedInputOf<C, 'get'>, ctx: Ctx) {
  const w = await loadWish(ctx, input.id);
  const admin = await isAdminOf(ctx, w);
  // a reported (not yet verified) or withdrawn wish is not public
  if (!admin && (w.status === 'reported' || w.status === 'withdrawn') && !w.claim?.members.includes(ctx.openid)) fail('WISH_NOT_FOUND', '该心愿未公开或已下架');
  return detailOf(ctx, w, { invite: input.invite, isAdmin: admin });
}

export async function mine(input: ParsedInputOf<C, 'mine'>, ctx: Ctx) {
  const res = await findPage(ctx, 'wishClaims', { members: ctx.openid }, { orderBy: ['createdAt', 'desc'], page: input.page, pageSize: input.pageSize });
  const wishes = await getMany<WishDoc>(ctx, 'wishes', res.items.map((c) => c.wishId));
  const names = await getMany<{ _id: string; name: string }>(ctx, 'orgs', [...wishes.values()].map((w) => w.communityId));
  const items = res.items.flatMap((c) => {
    const raw = wishes.get(c.wishId);
    if (!raw) return [];
    const w = normWish(raw);
    return [{ wish: cardOf(w, ctx.openid, names.get(w.communityId)?.name ?? '', {}), claimId: c._id, status: c.status, anonymous: c.anonymous, leader: c.leader === ctx.openid, claimedAt: c.createdAt.toISOString(), points: c.points }];
  });
  return { items, total: res.total, page: input.page, pageSize: input.pageSize };
}

/** One live claim per wish: the wish document is read and written in one transaction. */
export async function claim(input: ParsedInputOf<C, 'claim'>, ctx: Ctx) {
  const me = await reportedMember(ctx);
  const w = await loadWish(ctx, input.id);
  if (w.claim?.members.includes(ctx.openid) && w.claim.status !== 'released') return detailOf(ctx, w); // a retry
  if (!canClaim(w.status)) fail('WISH_TAKEN', w.status === 'claimed' ? '该心愿已被认领' : '该心愿当前不能认领');
  if (w.deadline.getTime() < ctx.now.getTime()) fail('WISH_EXPIRED', '该心愿已过截止时间');
  const live: LiveClaim = {
    id: `${w._id}-c${(w.claimCount ?? 0) + 1}`, leader: ctx.openid, members: [ctx.openid], names: [me.name], anonymous: input.anonymous,
    inviteCode: randomBytes(4).toString('hex').slice(0, 6).toUpperCase(), receiptCode: receiptCodeOf(), claimedAt: ctx.now, lastProgressAt: ctx.now,
    remindedAt: null, progressNote: null, status: 'active',
  };
  await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', w._id));
    if (cur.claim?.members.includes(ctx.openid) && cur.claim.status !== 'released') return;
    if (!canClaim(cur.status)) fail('WISH_TAKEN', '该心愿刚刚被其他党员认领');
    const id = `${w._id}-c${(cur.claimCount ?? 0) + 1}`;
    await txUpdate(tx, 'wishes', w._id, { status: 'claimed', claim: { ...live, id }, claimCount: (cur.claimCount ?? 0) + 1, updatedAt: ctx.now });
    const doc: ClaimDoc = { _id: id, wishId: w._id, communityId: w.communityId, leader: ctx.openid, members: [ctx.openid], anonymous: input.anonymous, status: 'active', createdAt: ctx.now, releasedAt: null, releaseReason: null, confirmedAt: null, points: null };
    await txSet(tx, 'wishClaims', id, doc);
  });
  return detailOf(ctx, await loadWish(ctx, w._id));
}

/** Same unit (verified) or same community as the claimer; up to the wish's group size. */
export async function join(input: ParsedInputOf<C, 'join'>, ctx: Ctx) {
  const me = await reportedMember(ctx);
  const w = await loadWish(ctx, input.id);
  const c = w.claim;
  if (!c || w.status !== 'claimed') fail('WISH_NOT_CLAIMED', '该心愿当前没有可加入的认领');
  if (c.members.includes(ctx.openid)) return detailOf(ctx, w);
  if (input.inviteCode.toUpperCase() !== c.inviteCode) fail('INVITE_INVALID', '邀请码不正确');
  const leader = await getDoc<MemberDoc>(ctx, 'members', c.leader);
  const sameUnit = !!leader?.unitId && leader.unitId === me.unitId && leader.unitStatus === 'verified' && me.unitStatus === 'verified';
  if (!sameUnit && leader?.communityId !== me.communityId) fail('NOT_SAME_GROUP', '只能邀请同单位或同社区的党员一起认领');
  await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', w._id));
    if (!cur.claim || cur.claim.id !== c.id || cur.status !== 'claimed') fail('WISH_NOT_CLAIMED', '认领状态已变化，请刷新');
    if (cur.claim.members.includes(ctx.openid)) return;
    if (cur.claim.members.length >= cur.groupMax) fail('GROUP_FULL', `该心愿最多 ${cur.groupMax} 人一起认领，已满`);
    const members = [...cur.claim.members, ctx.openid];
    await txUpdate(tx, 'wishes', w._id, { claim: { ...cur.claim, members, names: [...cur.claim.names, me.name] }, updatedAt: ctx.now });
    await txUpdate(tx, 'wishClaims', c.id, { members });
  });
  return detailOf(ctx, await loadWish(ctx, w._id));
}

function requireMember(w: WishDoc, openid: string, leaderOnly = false): LiveClaim {
  const c = w.claim;
  if (!c || !c.members.includes(openid)) fail('NOT_CLAIMER', '只有认领人可以进行此操作');
  if (leaderOnly && c.leader !== openid) fail('NOT_LEADER', '只有发起认领的党员可以进行此操作');
  return c;
}

export async function progress(input: ParsedInputOf<C, 'progress'>, ctx: Ctx) {
  const w = await loadWish(ctx, input.id);
  requireMember(w, ctx.openid);
  if (w.status !== 'claimed') fail('WISH_STATE', '心愿已送达，无需再报进展');
  await checkTexts(ctx, { 进展: input.note });
  await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', w._id));
    if (cur.status !== 'claimed' || !cur.claim?.members.includes(ctx.openid)) fail('WISH_STATE', '认领状态已变化，请刷新');
    await txUpdate(tx, 'wishes', w._id, { claim: { ...cur.claim, lastProgressAt: ctx.now, progressNote: input.note }, updatedAt: ctx.now });
  });
  return detailOf(ctx, await loadWish(ctx, w._id));
}

/** Give the wish back (the claimer, or the timer): it returns to the wall; the claim stays on record as released. */
export async function releaseClaim(ctx: Pick<Ctx, 'db' | 'now'>, wishId: string, claimId: string, reason: string): Promise<boolean> {
  const released = await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', wishId));
    if (cur.status !== 'claimed' || cur.claim?.id !== claimId) return false;
    await txUpdate(tx, 'wishes', wishId, { status: 'open', claim: null, updatedAt: ctx.now });
    await txUpdate(tx, 'wishClaims', claimId, { status: 'released', releasedAt: ctx.now, releaseReason: reason });
    return true;
  });
  return released;
}

export async function release(input: ParsedInputOf<C, 'release'>, ctx: Ctx) {
  const w = await loadWish(ctx, input.id);
  const c = requireMember(w, ctx.openid, true);
  if (w.status !== 'claimed') fail('WISH_STATE', '心愿已送达，不能再放弃认领');
  if (await releaseClaim(ctx, w._id, c.id, input.reason)) {
    await enqueueAll(c.members.filter((m) => m !== ctx.openid).map((openid) => ({ key: `wish-released:${c.id}:${openid}`, openid, kind: 'wish', title: '心愿认领已取消', body: `「${w.title}」的认领已由发起人取消：${input.reason}`, link: `/wish/detail/index?id=${w._id}` })), { db: ctx.db, now: ctx.now });
  }
  return detailOf(ctx, await loadWish(ctx, w._id));
}

export async function fulfil(input: ParsedInputOf<C, 'fulfil'>, ctx: Ctx) {
  const w = await loadWish(ctx, input.id);
  requireMember(w, ctx.openid);
  if (w.delivery?.requestId === input.requestId) return detailOf(ctx, w);
  if (!canFulfil(w.status)) fail('WISH_STATE', w.status === 'fulfilled' ? '已提交送达，等待确认' : '该心愿当前不能提交送达');
  await checkTexts(ctx, { 送达说明: input.note });
  await checkPhotos(ctx, input.photos);
  await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', w._id));
    if (cur.delivery?.requestId === input.requestId) return;
    if (!canFulfil(cur.status) || !cur.claim?.members.includes(ctx.openid)) fail('WISH_STATE', '认领状态已变化，请刷新');
    await txUpdate(tx, 'wishes', w._id, { status: 'fulfilled', delivery: { note: input.note, photos: input.photos, at: ctx.now, requestId: input.requestId }, claim: { ...cur.claim, status: 'fulfilled', lastProgressAt: ctx.now }, updatedAt: ctx.now });
    await txUpdate(tx, 'wishClaims', cur.claim.id, { status: 'fulfilled' });
  });
  return detailOf(ctx, await loadWish(ctx, w._id));
}

/**
 * Receipt. The beneficiary or grid worker enters the 6-digit code the member shows (they see the
 * wish and, unless anonymous, masked donor names — never an openid); or a community admin
 * confirms for them with a reason, written to the audit log.
 */
export async function acknowledge(input: ParsedInputOf<C, 'acknowledge'>, ctx: Ctx) {
  const w = await loadWish(ctx, input.id);
  const c = w.claim;
  const donor = c ? donorLabel(c, 'public', maskName) : '';
  if (w.receipt) return { wishId: w._id, title: w.title, donor, already: true };
  if (!c || !canAcknowledge(w.status)) fail('WISH_STATE', '心愿还未送达，不能确认收到');
  let via: 'code' | 'admin';
  if (input.code) {
    if (c.members.includes(ctx.openid)) fail('NOT_SELF', '请由受助居民或网格员确认，认领人不能自己确认');
    if (w.receiptTries >= MAX_RECEIPT_TRIES) fail('TOO_MANY_TRIES', '确认码错误次数过多，请联系社区代为确认');
    if (input.code !== c.receiptCode) {
      await ctx.db.collection('wishes').doc(w._id).update({ data: { receiptTries: w.receiptTries + 1 } });
      fail('CODE_INVALID', '确认码不正确，请核对认领党员出示的 6 位数字');
    }
    via = 'code';
  } else {
    if (!(await isAdminOf(ctx, w))) fail('FORBIDDEN', '请输入认领党员出示的确认码');
    if (!input.reason || input.reason.length < 2) fail('REASON_REQUIRED', '代为确认请写明原因（如：电话回访确认已收到）');
    if (c.members.includes(ctx.openid)) fail('NOT_SELF', '不能确认自己认领的心愿');
    via = 'admin';
  }
  const done = await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', w._id));
    if (cur.receipt) return false;
    if (!canAcknowledge(cur.status)) fail('WISH_STATE', '心愿状态已变化，请刷新');
    await txUpdate(tx, 'wishes', w._id, { receipt: { via, at: ctx.now, by: ctx.openid, reason: input.reason ?? null }, updatedAt: ctx.now });
    return true;
  });
  if (done && via === 'admin') await audit(ctx, { action: 'wish.acknowledge', subjectId: w._id, reason: input.reason ?? '' });
  return { wishId: w._id, title: w.title, donor, already: !done };
}

/** A resident's wish through the community's shared link; not public until verified. */
export async function submit(input: ParsedInputOf<C, 'submit'>, ctx: Ctx) {
  const org = await getDoc<{ kind: string; name: string; path?: string[] }>(ctx, 'orgs', input.communityId);
  if (!org || org.kind !== 'community') fail('COMMUNITY_NOT_FOUND', '未找到该社区');
  const made = await once(ctx, 'wish-submit', input.requestId, {
    prepare: () => checkTexts(ctx, { 心愿内容: input.title, 心愿说明: input.description, 情况说明: input.beneficiary.note }),
    create: async (tx) => {
      const id = newId('w', ctx.now);
      const doc: WishDoc = {
        _id: id, communityId: input.communityId, districtId: org.path?.[0] ?? null, streetId: org.path?.[1] ?? null,
        title: input.title, description: input.description, forWhom: '居民', category: 'other', valueCap: 0,
        deadline: new Date(ctx.now.getTime() + 60 * 86_400_000), groupMax: 5, photos: [], beneficiary: input.beneficiary,
        status: 'reported', source: 'resident', detailsPending: true, verifiedNote: null, withdrawReason: null, claim: null, claimCount: 0,
        delivery: null, receipt: null, receiptTries: 0, confirmedAt: null, confirmedBy: null, requestId: input.requestId,
        createdBy: ctx.openid, createdAt: ctx.now, updatedAt: ctx.now,
      };
      await txSet(tx, 'wishes', id, doc);
      return { id, answer: { id } };
    },
  });
  return { id: made.id, communityName: org.name };
}

export { communityName };
