/** Community admin: wishes by status, create / edit, verify a resident's wish, withdraw, confirm → points. */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { wishContract } from '../../core/contracts/wish';
import { canEdit, canWithdraw } from '../../core/domain/wish';
import { award } from '../_shared/ledger';
import { enqueueAll } from '../_lib/outbox';
import { checkPhotos, checkTexts } from '../_shared/userContent';
import { requireCommunityAdmin } from '../_lib/auth';
import { count, getDoc, rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { once } from '../_lib/once';
import { transact, txGet, txSet, txUpdate } from '../_lib/tx';
import { audit, newId } from '../task/store';
import { detailOf, loadWish, normWish, type WishDoc } from './store';

type C = typeof wishContract;
const STATUSES = ['reported', 'open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'] as const;

export async function adminList(input: ParsedInputOf<C, 'adminList'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId, ...(input.status ? { status: input.status } : {}) };
  const [docs, total, ...counts] = await Promise.all([
    rows<WishDoc>(ctx.db.collection('wishes').where(where).orderBy('updatedAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
    count(ctx, 'wishes', where),
    ...STATUSES.map((s) => count(ctx, 'wishes', { communityId: input.communityId, status: s })),
  ]);
  const items = [];
  for (const d of docs) items.push(await detailOf(ctx, normWish(d), { isAdmin: true }));
  return { items, total, page: input.page, pageSize: input.pageSize, counts: Object.fromEntries(STATUSES.map((s, i) => [s, counts[i]])) };
}

export async function save(input: ParsedInputOf<C, 'save'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= ctx.now.getTime()) fail('INVALID_DEADLINE', '截止时间须晚于现在');
  await checkTexts(ctx, { 心愿内容: input.title, 心愿说明: input.description, 心愿对象: input.forWhom });
  await checkPhotos(ctx, input.photos);
  const fields = {
    title: input.title, description: input.description, forWhom: input.forWhom, category: input.category, valueCap: input.valueCap,
    deadline, groupMax: input.groupMax, photos: input.photos, beneficiary: input.beneficiary, detailsPending: false, updatedAt: ctx.now,
  };
  if (input.id) {
    const w = await loadWish(ctx, input.id);
    if (w.communityId !== input.communityId) fail('VALIDATION_FAILED', '心愿不能改到其他社区');
    await transact(ctx, async (tx) => {
      const cur = await txGet<WishDoc>(tx, 'wishes', w._id);
      if (!cur || !canEdit(cur.status)) fail('WISH_LOCKED', '心愿已被认领，不能再修改');
      await txUpdate(tx, 'wishes', w._id, fields);
    });
    return { wish: await detailOf(ctx, await loadWish(ctx, w._id), { isAdmin: true }), created: false };
  }
  const org = await getDoc<{ path?: string[] }>(ctx, 'orgs', input.communityId);
  const made = await once(ctx, 'wish', input.requestId, async (tx) => {
    const id = newId('w', ctx.now);
    const doc: WishDoc = {
      _id: id, communityId: input.communityId, districtId: org?.path?.[0] ?? null, streetId: org?.path?.[1] ?? null, ...fields,
      status: 'open', source: 'admin', verifiedNote: null, withdrawReason: null, claim: null, claimCount: 0, delivery: null, receipt: null,
      receiptTries: 0, confirmedAt: null, confirmedBy: null, requestId: input.requestId, createdBy: ctx.openid, createdAt: ctx.now,
    };
    await txSet(tx, 'wishes', id, doc);
    return { id, answer: { id } };
  });
  return { wish: await detailOf(ctx, await loadWish(ctx, made.id), { isAdmin: true }), created: !made.replayed };
}

async function adminWish(ctx: Ctx, id: string): Promise<WishDoc> {
  const w = await loadWish(ctx, id);
  await requireCommunityAdmin(ctx, w.communityId);
  return w;
}

export async function verify(input: ParsedInputOf<C, 'verify'>, ctx: Ctx) {
  const w = await adminWish(ctx, input.id);
  if (w.status !== 'reported') fail('WISH_STATE', '只有待核实的心愿需要核实');
  // a resident's wish carries placeholders (为 居民, no value cap): the wall must show real details
  if (w.detailsPending) fail('WISH_INCOMPLETE', '请先点「编辑」补全心愿对象、类别、价值上限和截止时间，再核实发布');
  await ctx.db.collection('wishes').doc(w._id).update({ data: { status: 'open', verifiedNote: input.note, verifiedBy: ctx.openid, verifiedAt: ctx.now, updatedAt: ctx.now } });
  await audit(ctx, { action: 'wish.verify', subjectId: w._id, reason: input.note });
  return detailOf(ctx, await loadWish(ctx, w._id), { isAdmin: true });
}

export async function withdraw(input: ParsedInputOf<C, 'withdraw'>, ctx: Ctx) {
  const w = await adminWish(ctx, input.id);
  await transact(ctx, async (tx) => {
    const cur = await txGet<WishDoc>(tx, 'wishes', w._id);
    if (!cur || !canWithdraw(cur.status)) fail('WISH_LOCKED', '已被认领的心愿不能下架，请先与认领党员沟通');
    await txUpdate(tx, 'wishes', w._id, { status: 'withdrawn', withdrawReason: input.reason, updatedAt: ctx.now });
  });
  await audit(ctx, { action: 'wish.withdraw', subjectId: w._id, reason: input.reason });
  return detailOf(ctx, await loadWish(ctx, w._id), { isAdmin: true });
}

/**
 * The community confirms a receipted delivery: the wish becomes 已实现 in one transaction, then
 * each member of the claim is credited once (`wish:<wishId>:<openid>`, fixed by rule, never by
 * the gift's value). A second confirmation changes nothing; it finishes credits a cut-short call left.
 */
export async function confirm(input: ParsedInputOf<C, 'confirm'>, ctx: Ctx) {
  const w = await adminWish(ctx, input.id);
  if (w.status !== 'fulfilled' && w.status !== 'confirmed') fail('WISH_STATE', '心愿还未送达，不能确认');
  if (!w.receipt) fail('RECEIPT_REQUIRED', '请先由受助居民或网格员确认收到，或由管理员写明原因代为确认');
  const c = w.claim!;
  if (c.members.includes(ctx.openid)) fail('NOT_SELF', '不能确认自己参与认领的心愿');
  const already = await transact(ctx, async (tx) => {
    const cur = normWish(await txGet<WishDoc>(tx, 'wishes', w._id));
    if (cur.status === 'confirmed') return true;
    if (cur.status !== 'fulfilled') fail('WISH_STATE', '心愿状态已变化，请刷新');
    await txUpdate(tx, 'wishes', w._id, { status: 'confirmed', confirmedAt: ctx.now, confirmedBy: ctx.openid, claim: { ...cur.claim, status: 'confirmed' }, updatedAt: ctx.now });
    await txUpdate(tx, 'wishClaims', c.id, { status: 'confirmed', confirmedAt: ctx.now });
    return false;
  });
  const awarded: Array<{ name: string; points: number }> = [];
  for (const [i, openid] of c.members.entries()) {
    const a = await award(ctx, { openid, cause: 'wish', sourceId: w._id, communityId: w.communityId, at: w.confirmedAt ?? ctx.now, actor: ctx.openid });
    awarded.push({ name: c.names[i] ?? '', points: a.amount });
  }
  await ctx.db.collection('wishClaims').doc(c.id).update({ data: { points: awarded[0]?.points ?? 0 } });
  if (!already) {
    await audit(ctx, { action: 'wish.confirm', subjectId: w._id, reason: '确认心愿已实现', detail: { members: c.members.length } });
    await enqueueAll(c.members.map((openid) => ({ key: `wish-confirmed:${w._id}:${openid}`, openid, kind: 'wish', title: '心愿已实现', body: `您认领的「${w.title}」已由社区确认实现，积分已到账。感谢您的爱心！`, link: `/wish/detail/index?id=${w._id}` })), { db: ctx.db, now: ctx.now });
  }
  return { wish: await detailOf(ctx, await loadWish(ctx, w._id), { isAdmin: true }), awarded, already };
}
