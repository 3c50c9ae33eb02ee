import type { ParsedInputOf, OutputOf } from '../../core/contracts/envelope';
import type { pointsContract } from '../../core/contracts/points';
import { balanceIdOf, type Balance } from '../../core/domain/ledger';
import { effectiveOf } from '../_lib/ledger';
import { yearOf } from '../../core/domain/scoring';
import type { Ctx } from '../_lib/router';
import { getDoc, placeOfMember } from '../_shared/ledger';
import { entriesPage, hoursOf } from './dto';

type C = typeof pointsContract;

/** Rank = 1 + members in scope with more EFFECTIVE points (ties share a rank; pending points never count). Served by the balances index, never the ledger. */
export async function rankIn(ctx: Ctx, year: number, field: 'communityId' | 'unitId' | 'streetId', scopeId: string, points: number): Promise<number> {
  const _ = ctx.db.command;
  const res = (await ctx.db.collection('balances').where({ year, [field]: scopeId, effective: _.gt(points) }).count()) as unknown as { total: number };
  return res.total + 1;
}

export async function balance(input: ParsedInputOf<C, 'balance'>, ctx: Ctx): Promise<OutputOf<C, 'balance'>> {
  const year = input.year ?? yearOf(ctx.now);
  const [mine, place] = await Promise.all([
    getDoc<Balance>(ctx, 'balances', balanceIdOf(year, ctx.openid)),
    placeOfMember(ctx, ctx.openid, null),
  ]);
  const communityId = mine?.communityId ?? place.communityId;
  // what counts is the effective part; pending points (awaiting or in 公示) are shown beside it
  const points = mine ? effectiveOf(mine) : 0;
  const pending = mine?.pending ?? 0;
  const minutes = mine?.minutes ?? 0;
  let rank: number | null = null;
  let rankOf = 0;
  if (communityId) {
    const count = (await ctx.db.collection('balances').where({ year, communityId }).count()) as unknown as { total: number };
    rankOf = count.total;
    if (mine) rank = await rankIn(ctx, year, 'communityId', communityId, points);
  }
  return { year, points, pending, effective: points, minutes, hours: hoursOf(minutes), communityId, rank, rankOf };
}

export async function history(input: ParsedInputOf<C, 'history'>, ctx: Ctx): Promise<OutputOf<C, 'history'>> {
  const year = input.year ?? yearOf(ctx.now);
  return entriesPage(ctx, ctx.openid, year, input.page, input.pageSize);
}
