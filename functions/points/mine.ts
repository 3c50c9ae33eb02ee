import type { ParsedInputOf, OutputOf } from '../../core/contracts/envelope';
import type { pointsContract } from '../../core/contracts/points';
import { balanceIdOf } from '../../core/domain/ledger';
import { effectiveOf } from '../_lib/ledger';
import { yearOf } from '../../core/domain/scoring';
import type { Ctx } from '../_lib/router';
import { getRecord } from '../_lib/query';
import { rankCounts, rankFrom, rankValue } from '../_lib/rank';
import { entriesPage, hoursOf } from './dto';

type C = typeof pointsContract;

/**
 * My points, hours and rank in my community: my balance, then the community's rank counts — 2 round
 * trips whatever the community's size (a member without a balance yet: their member doc for the
 * community instead).
 */
export async function balance(input: ParsedInputOf<C, 'balance'>, ctx: Ctx): Promise<OutputOf<C, 'balance'>> {
  const year = input.year ?? yearOf(ctx.now);
  const mine = await getRecord(ctx, 'balances', balanceIdOf(year, ctx.openid));
  const communityId = mine ? mine.communityId : (await getRecord(ctx, 'members', ctx.openid))?.communityId ?? null;
  // what counts is the effective part; pending points (awaiting or in 公示) are shown beside it
  const points = mine ? effectiveOf(mine) : 0;
  const pending = mine?.pending ?? 0;
  const minutes = mine?.minutes ?? 0;
  let rank: number | null = null;
  let rankOf = 0;
  if (communityId) {
    const counts = await rankCounts(ctx, year, 'communityId', communityId);
    rankOf = counts.total;
    if (mine) rank = rankFrom(counts, rankValue(mine));
  }
  return { year, points, pending, effective: points, minutes, hours: hoursOf(minutes), communityId, rank, rankOf };
}

export async function history(input: ParsedInputOf<C, 'history'>, ctx: Ctx): Promise<OutputOf<C, 'history'>> {
  const year = input.year ?? yearOf(ctx.now);
  return entriesPage(ctx, ctx.openid, year, input.page, input.pageSize);
}
