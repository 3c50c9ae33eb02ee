/**
 * Wish documents and what each viewer may see of them. A wish holds its one live claim (so "one
 * live claim per wish" is one document in one transaction); `wishClaims` keeps every claim for
 * "my claims" and the record of released ones.
 */
import { fail } from '../../core/contracts/errors';
import type { Beneficiary, ClaimView, WishCard, WishCategory, WishDetail } from '../../core/contracts/wish';
import { maskName } from '../../core/domain/mask';
import { WISH_RELEASE_AFTER_MS, donorLabel, mayseeBeneficiary, type ClaimStatus, type WishStatus } from '../../core/domain/wish';
import { grantsOf } from '../_lib/auth';
import { canAdmin } from '../../core/domain/permissions';
import { getDoc } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { toDate, toDateOrNull } from '../task/store';
import { photoUrls } from '../_shared/userContent';

export interface LiveClaim {
  id: string;
  leader: string;
  members: string[];
  /** names when each joined (shown to insiders; masked or hidden for everyone else) */
  names: string[];
  anonymous: boolean;
  inviteCode: string;
  receiptCode: string;
  claimedAt: Date;
  lastProgressAt: Date;
  remindedAt: Date | null;
  progressNote: string | null;
  status: ClaimStatus;
}

export interface WishDoc {
  _id: string;
  communityId: string;
  streetId: string | null;
  districtId: string | null;
  title: string;
  description: string;
  forWhom: string;
  category: WishCategory;
  valueCap: number;
  deadline: Date;
  groupMax: number;
  photos: string[];
  beneficiary: Beneficiary;
  status: WishStatus;
  source: 'admin' | 'resident';
  verifiedNote: string | null;
  /** a resident's wish keeps placeholder public details (对象, 价值上限…) until an admin edits them */
  detailsPending?: boolean;
  withdrawReason: string | null;
  claim: LiveClaim | null;
  claimCount: number;
  delivery: { note: string; photos: string[]; at: Date; requestId: string } | null;
  receipt: { via: 'code' | 'admin'; at: Date; by: string; reason: string | null } | null;
  receiptTries: number;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  requestId: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClaimDoc {
  _id: string;
  wishId: string;
  communityId: string;
  leader: string;
  members: string[];
  anonymous: boolean;
  status: ClaimStatus;
  createdAt: Date;
  releasedAt: Date | null;
  releaseReason: string | null;
  confirmedAt: Date | null;
  points: number | null;
}

export const MAX_RECEIPT_TRIES = 10;

export function normWish(raw: unknown): WishDoc {
  const w = { ...(raw as WishDoc) };
  w.deadline = toDate(w.deadline);
  w.createdAt = toDate(w.createdAt);
  w.updatedAt = toDate(w.updatedAt);
  w.confirmedAt = toDateOrNull(w.confirmedAt);
  w.receiptTries = w.receiptTries ?? 0;
  if (w.claim) {
    const c = w.claim;
    w.claim = { ...c, claimedAt: toDate(c.claimedAt), lastProgressAt: toDate(c.lastProgressAt), remindedAt: toDateOrNull(c.remindedAt) };
  }
  if (w.delivery) w.delivery = { ...w.delivery, at: toDate(w.delivery.at) };
  if (w.receipt) w.receipt = { ...w.receipt, at: toDate(w.receipt.at) };
  return w;
}

export async function loadWish(ctx: Pick<Ctx, 'db'>, id: string): Promise<WishDoc> {
  const raw = await getDoc<WishDoc>(ctx, 'wishes', id);
  if (!raw) fail('WISH_NOT_FOUND', '未找到该心愿');
  return normWish(raw);
}

/** Does the caller administer this community (or above)? Never throws. */
export async function isAdminOf(ctx: Ctx, w: Pick<WishDoc, 'communityId' | 'streetId' | 'districtId'>): Promise<boolean> {
  const grants = await grantsOf(ctx);
  return canAdmin(grants, 'community', { communityId: w.communityId, streetId: w.streetId ?? undefined, districtId: w.districtId ?? undefined });
}

export async function communityName(ctx: Pick<Ctx, 'db'>, id: string): Promise<string> {
  return (await getDoc<{ name: string }>(ctx, 'orgs', id))?.name ?? '';
}

/** The public face of a wish: no beneficiary, donor masked or hidden. */
export function cardOf(w: WishDoc, viewer: string, name: string, urls: Record<string, string>): WishCard {
  const c = w.claim;
  const insider = !!c && c.members.includes(viewer);
  return {
    id: w._id, communityId: w.communityId, communityName: name, title: w.title, description: w.description, forWhom: w.forWhom,
    category: w.category, valueCap: w.valueCap, deadline: w.deadline.toISOString(), status: w.status,
    donor: c ? donorLabel(c, insider ? 'insider' : 'public', maskName) : null,
    groupSize: c?.members.length ?? 0, groupMax: w.groupMax, mine: insider,
    photoUrls: w.photos.map((f) => urls[f] ?? ''), createdAt: w.createdAt.toISOString(),
  };
}

function claimViewOf(c: LiveClaim, viewer: string): ClaimView {
  return {
    id: c.id, status: c.status, leader: c.leader === viewer, anonymous: c.anonymous,
    members: c.members.map((m, i) => ({ name: c.names[i] ?? '', leader: m === c.leader })),
    inviteCode: c.inviteCode, receiptCode: c.receiptCode, claimedAt: c.claimedAt.toISOString(), lastProgressAt: c.lastProgressAt.toISOString(),
    releaseAt: new Date(c.lastProgressAt.getTime() + WISH_RELEASE_AFTER_MS).toISOString(), progressNote: c.progressNote,
  };
}

/** Everything the viewer may see: beneficiary and claim details only for admins and the claim's members. */
export async function detailOf(ctx: Ctx, w: WishDoc, opts: { invite?: string; isAdmin?: boolean } = {}): Promise<WishDetail> {
  const isAdmin = opts.isAdmin ?? (await isAdminOf(ctx, w));
  const members = w.claim && w.claim.status !== 'released' ? w.claim.members : null;
  const insider = !!members?.includes(ctx.openid);
  const urls = await photoUrls(ctx, [...w.photos, ...(w.delivery?.photos ?? [])]);
  const card = cardOf(w, ctx.openid, await communityName(ctx, w.communityId), urls);
  if (isAdmin && w.claim && !insider) card.donor = donorLabel(w.claim, 'insider', maskName);
  const seeAll = mayseeBeneficiary({ openid: ctx.openid, isAdmin }, members);
  return {
    ...card,
    beneficiary: seeAll ? w.beneficiary : null,
    claim: w.claim && insider ? claimViewOf(w.claim, ctx.openid) : null,
    delivery: w.delivery && (insider || isAdmin) ? { note: w.delivery.note, photoUrls: w.delivery.photos.map((f) => urls[f] ?? ''), at: w.delivery.at.toISOString() } : null,
    receipt: w.receipt && (insider || isAdmin) ? { via: w.receipt.via, at: w.receipt.at.toISOString(), reason: w.receipt.reason } : null,
    isAdmin,
    canJoin: !insider && !!opts.invite && w.status === 'claimed' && !!w.claim && opts.invite === w.claim.inviteCode && w.claim.members.length < w.groupMax,
    verifiedNote: w.verifiedNote,
    detailsPending: !!w.detailsPending,
    withdrawReason: w.withdrawReason,
  };
}
