/** Documents of 积分公示 and their wire views. */
import type { GongshiItemDto, ObjectionViewDto } from '../../core/contracts/gongshi';
import type { GongshiBatchRecord, ObjectionRecord } from '../../core/db/records';
import type { GongshiItemStatus, ObjectionDecision } from '../../core/domain/gongshi';
import { maskName } from '../../core/domain/mask';
import { toDate } from '../../core/domain/dates';
import { addWorkingDays } from '../../core/domain/gongshi';

/** a weekly batch (core/db/records.ts) */
export type BatchDoc = GongshiBatchRecord;

export interface Ruling { decision: ObjectionDecision; reason: string; amount: number | null; by: string; at: Date }

export interface ItemDoc {
  _id: string;
  batchId: string;
  communityId: string;
  /** the ledger entry first published */
  entryId: string;
  /** the entry that becomes effective: the original, or the corrected credit after an 调整 */
  currentEntryId: string;
  openid: string;
  name: string;
  title: string;
  amount: number;
  originalAmount: number | null;
  status: GongshiItemStatus;
  at: Date;
  endsAt: Date;
  objections: number;
  ruling: Ruling | null;
  effectiveAt: Date | null;
  createdAt: Date;
  /** a hand-made credit approved by a second admin (复核) before it was published */
  handMade?: boolean;
}

/** a member's objection to one item (core/db/records.ts) */
export type ObjectionDoc = ObjectionRecord;

const iso = (d: unknown) => (toDate(d) ?? new Date(0)).toISOString();

export function itemView(i: ItemDoc, me: string, objected: Set<string>): GongshiItemDto {
  const isMe = i.openid === me;
  return {
    id: i._id, name: isMe ? i.name : maskName(i.name || '党员'), isMe, title: i.title, amount: i.amount,
    originalAmount: i.originalAmount ?? null, status: i.status, at: iso(i.at), objected: objected.has(i._id),
    ruling: i.ruling ? { decision: i.ruling.decision, reason: i.ruling.reason, at: iso(i.ruling.at) } : null,
    handMade: !!i.handMade,
  };
}

export function objectionView(o: ObjectionDoc, item: ItemDoc | undefined, now: Date): ObjectionViewDto {
  const deadline = toDate(o.deadline) ?? addWorkingDays(now, 5);
  return {
    id: o._id, itemId: o.itemId, batchId: o.batchId, memberName: item?.name ?? '', objectorName: o.objectorName,
    title: item?.title ?? '', amount: item?.amount ?? 0, reason: o.reason, status: o.status, deadline: deadline.toISOString(),
    overdue: o.status === 'open' && deadline.getTime() <= now.getTime(),
    ruling: o.ruling ? { decision: o.ruling.decision, reason: o.ruling.reason, amount: o.ruling.amount ?? null, at: iso(o.ruling.at) } : null,
    createdAt: iso(o.createdAt),
    handMade: !!item?.handMade,
  };
}

/** dates come back from the SDK as Date (or strings from some paths): read them as Date */
export function normItem(i: ItemDoc): ItemDoc {
  return { ...i, at: toDate(i.at) ?? new Date(0), endsAt: toDate(i.endsAt) ?? new Date(0) };
}
