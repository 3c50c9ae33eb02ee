/**
 * 积分兑换 rules. Pure: no I/O.
 *
 * Two balances per member and year: 考核分 (`points`, assessed, never spent) and 可兑换分
 * (`spendable`). Every effective credit also earns spendable points by the district's ratio
 * (`earn:` entries, amount 0); a redemption spends them (`spend:`), a cancel before hand-over
 * refunds them once (`refund:`), and what a year earned expires at the end of the following year
 * by default (`expire:`). All four carry `amount: 0`, so 考核分, hours, caps and rankings never move.
 */
import { chinaYear } from '../format';

export type RedeemKind = 'goods' | 'honour';
export type RedemptionStatus = 'open' | 'handed' | 'cancelled';

/** Per district (the 区 decides; e.g. civil servants may take honours only). */
export interface RedeemSettings {
  /** true: 实物 (donated goods) are hidden and cannot be redeemed; honours stay */
  materialOff: boolean;
  /** spendable points per effective point (1 = 1:1) */
  ratio: number;
  /** a year's spendable points stay usable this many following years (1 = until the end of next year) */
  validYears: number;
}
export const DEFAULT_REDEEM_SETTINGS: RedeemSettings = { materialOff: false, ratio: 1, validYears: 1 };

export interface RedeemItem {
  _id: string;
  communityId: string;
  streetId: string | null;
  districtId: string | null;
  kind: RedeemKind;
  title: string;
  description: string;
  /** spendable points per piece */
  price: number;
  /** pieces left (decremented when redeemed, given back when a redemption is cancelled) */
  stock: number;
  /** live (not cancelled) redemptions one member may hold of this item; 0 = no limit */
  perMemberLimit: number;
  validFrom: Date;
  validTo: Date;
  status: 'on' | 'off';
  /** pieces redeemed and not cancelled */
  redeemed: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SpendPart { year: number; amount: number }

export interface Redemption {
  _id: string;
  /** 8 digits shown with the QR; one-time */
  code: string;
  itemId: string;
  itemTitle: string;
  kind: RedeemKind;
  price: number;
  communityId: string;
  openid: string;
  memberName: string;
  status: RedemptionStatus;
  /** which year's spendable points paid, oldest first (the spend entries) */
  spends: SpendPart[];
  /** open redemptions past this are cancelled and refunded by the timer */
  expiresAt: Date;
  createdAt: Date;
  handedAt: Date | null;
  handedBy: string | null;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
}

/** Ledger causes of the spendable part. */
export const SPEND_CAUSES = ['earn', 'spend', 'refund', 'expire'] as const;
export type SpendCause = (typeof SPEND_CAUSES)[number];
export const isSpendCause = (cause: string): cause is SpendCause => (SPEND_CAUSES as readonly string[]).includes(cause);

export const earnIdOf = (sourceEntryId: string, openid: string) => `earn:${sourceEntryId}:${openid}`;
export const spendIdOf = (redemptionId: string, year: number, openid: string) => `spend:${redemptionId}-${year}:${openid}`;
export const refundIdOf = (redemptionId: string, openid: string) => `refund:${redemptionId}:${openid}`;
export const expireIdOf = (year: number, openid: string) => `expire:${year}:${openid}`;
export const limitCounterIdOf = (itemId: string, openid: string) => `redeem:${itemId}:${openid}`;

/**
 * Spendable points an entry earns: what it made EFFECTIVE (a credit past its 公示 window through its
 * `effect` entry, an entry from before 公示 existed, a reversal of an effective credit: negative)
 * times the ratio, rounded toward zero so a reversal takes back exactly what its credit gave.
 * Pending points earn nothing; entries of the spendable part itself earn nothing.
 */
export function earnOf(entry: { cause: string; effective: number }, ratio: number): number {
  if (isSpendCause(entry.cause) || !entry.effective) return 0;
  const v = Math.trunc(Math.round(Math.abs(entry.effective) * ratio * 1000) / 1000);
  return entry.effective < 0 ? -v : v;
}

/** The first instant at which what `year` earned is no longer spendable (China time, 1 January). */
export function expiryOf(year: number, validYears: number): Date {
  return new Date(Date.parse(`${year + 1 + validYears}-01-01T00:00:00+08:00`));
}

/** Years whose spendable points can still be spent at `now`, oldest first. */
export function spendableYears(now: Date, validYears: number): number[] {
  const y = chinaYear(now);
  const years: number[] = [];
  for (let k = y - validYears; k <= y; k++) years.push(k);
  return years;
}

/** Years that have expired at `now` but may still hold points, newest first (timer looks back a few). */
export function expiredYears(now: Date, validYears: number, lookBack = 3): number[] {
  const last = chinaYear(now) - validYears - 1;
  const years: number[] = [];
  for (let k = last; k > last - lookBack; k--) years.push(k);
  return years;
}

/** How a price is paid from the spendable part of each year (oldest first, as they expire first); null when short. */
export function splitSpend(price: number, parts: SpendPart[]): SpendPart[] | null {
  let left = price;
  const out: SpendPart[] = [];
  for (const p of [...parts].sort((a, b) => a.year - b.year)) {
    if (left <= 0) break;
    const take = Math.min(left, Math.max(0, p.amount));
    if (take > 0) { out.push({ year: p.year, amount: take }); left -= take; }
  }
  return left > 0 ? null : out;
}

/** Why an item cannot be redeemed now (code + Chinese), or null when it can. */
export function redeemBlock(
  item: Pick<RedeemItem, 'status' | 'kind' | 'stock' | 'validFrom' | 'validTo' | 'perMemberLimit'>,
  now: Date,
  settings: Pick<RedeemSettings, 'materialOff'>,
  held: number,
): { code: string; message: string } | null {
  if (item.status !== 'on') return { code: 'ITEM_OFF', message: '该兑换品已下架' };
  if (settings.materialOff && item.kind === 'goods') return { code: 'MATERIAL_OFF', message: '本区已关闭实物兑换，只能兑换荣誉类项目' };
  if (now.getTime() < item.validFrom.getTime()) return { code: 'NOT_STARTED', message: '该兑换品尚未开始兑换' };
  if (now.getTime() >= item.validTo.getTime()) return { code: 'ITEM_EXPIRED', message: '该兑换品已过兑换期' };
  if (item.stock <= 0) return { code: 'SOLD_OUT', message: '已兑完' };
  if (item.perMemberLimit > 0 && held >= item.perMemberLimit) return { code: 'LIMIT_REACHED', message: `每人限兑 ${item.perMemberLimit} 件，您已达上限` };
  return null;
}

/** A redemption can be handed over or cancelled only while open. */
export function redemptionBlock(r: Pick<Redemption, 'status'>, action: 'hand' | 'cancel'): { code: string; message: string } | null {
  if (r.status === 'handed') return { code: 'ALREADY_HANDED', message: action === 'hand' ? '该兑换码已核销，不能重复领取' : '已领取的兑换不能取消' };
  if (r.status === 'cancelled') return { code: 'ALREADY_CANCELLED', message: action === 'hand' ? '该兑换已取消，积分已退回' : '该兑换已取消，积分已退回' };
  return null;
}

/** 8 digits from a random source (0 ≤ r < 1); never starts with 0 so it reads as typed. */
export function redeemCodeOf(random: () => number): string {
  let s = String(1 + Math.floor(random() * 9));
  for (let i = 0; i < 7; i++) s += String(Math.floor(random() * 10));
  return s;
}

/** What the QR carries: a prefix so a scanned task sign-in code or URL is told apart. */
export const REDEEM_QR_PREFIX = 'SBDR1.';
export const qrTextOf = (code: string) => `${REDEEM_QR_PREFIX}${code}`;
/** The code from what was scanned or typed (spaces and the prefix allowed); null when not one. */
export function codeFromScan(text: string): string | null {
  const t = text.trim().replace(/\s+/g, '');
  const code = t.startsWith(REDEEM_QR_PREFIX) ? t.slice(REDEEM_QR_PREFIX.length) : t;
  return /^[1-9]\d{7}$/.test(code) ? code : null;
}
