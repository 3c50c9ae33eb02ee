/**
 * 微心愿 (wishes): pure rules, no I/O. States, the claim timers, and who may see what.
 *
 * Wish status: reported (a resident sent it through a shared link; not public) → open (verified,
 * on the wall) → claimed (one live claim) → fulfilled (photo delivered; waiting for the
 * beneficiary's or grid worker's receipt and the community's confirmation) → confirmed (points).
 * A claim may be released (by the claimer, or by the timer after 14 days without progress) → the
 * wish is open again. The community may withdraw (下架) an open or reported wish with a reason.
 */

export type WishStatus = 'reported' | 'open' | 'claimed' | 'fulfilled' | 'confirmed' | 'withdrawn';
export type ClaimStatus = 'active' | 'fulfilled' | 'confirmed' | 'released';

export const WISH_REMIND_AFTER_MS = 7 * 86_400_000;
export const WISH_RELEASE_AFTER_MS = 14 * 86_400_000;
/** most members in one group claim, the claimer included */
export const GROUP_MAX = 10;

export function canClaim(status: WishStatus): boolean {
  return status === 'open';
}
export function canEdit(status: WishStatus): boolean {
  return status === 'reported' || status === 'open';
}
export function canWithdraw(status: WishStatus): boolean {
  return status === 'reported' || status === 'open';
}
export function canFulfil(status: WishStatus): boolean {
  return status === 'claimed';
}
/** Receipt (beneficiary / grid worker, or an admin with a reason) and the community's confirmation follow delivery. */
export function canAcknowledge(status: WishStatus): boolean {
  return status === 'fulfilled';
}

/** What the timer owes a live claim now: nothing, a reminder (once) or a release. */
export function claimTimer(claim: { status: ClaimStatus; lastProgressAt: Date; remindedAt: Date | null }, now: Date): 'remind' | 'release' | null {
  if (claim.status !== 'active') return null;
  const idle = now.getTime() - claim.lastProgressAt.getTime();
  if (idle >= WISH_RELEASE_AFTER_MS) return 'release';
  if (idle >= WISH_REMIND_AFTER_MS && !(claim.remindedAt && claim.remindedAt.getTime() >= claim.lastProgressAt.getTime())) return 'remind';
  return null;
}

/**
 * How the donor appears to someone: the claimers and admins see names; everyone else (the wall,
 * the beneficiary confirming receipt) sees a masked name, or nothing at all for an anonymous claim.
 */
export function donorLabel(claim: { anonymous: boolean; names: string[] }, viewer: 'insider' | 'public', mask: (n: string) => string): string {
  if (viewer === 'insider') return claim.names.join('、') + (claim.anonymous ? '（匿名）' : '');
  if (claim.anonymous) return '爱心党员（匿名）';
  const shown = claim.names.slice(0, 3).map(mask).join('、');
  return claim.names.length > 3 ? `${shown} 等 ${claim.names.length} 人` : shown;
}

/** Beneficiary details reach only the community's admins and the members of the live claim. */
export function mayseeBeneficiary(viewer: { openid: string; isAdmin: boolean }, claimMembers: string[] | null): boolean {
  return viewer.isAdmin || (!!claimMembers && claimMembers.includes(viewer.openid));
}

/** 6-digit receipt code the claimer shows the beneficiary (never on the wall). */
export function receiptCodeOf(random: () => number = Math.random): string {
  return String(Math.floor(random() * 900_000) + 100_000);
}
