import type { OutputOf, ParsedInputOf } from '../../core/contracts/envelope';
import { fail } from '../../core/contracts/errors';
import type { pointsContract, RankRow } from '../../core/contracts/points';
import { balanceIdOf, type Balance } from '../../core/domain/ledger';
import { maskName } from '../../core/domain/mask';
import { yearOf } from '../../core/domain/scoring';
import { requireAdmin, requireCommunityAdmin, grantsOf, placeOfUnit } from '../_lib/auth';
import { canAdmin } from '../../core/domain/permissions';
import type { Ctx } from '../_lib/router';
import { getDoc, placeOfMember } from '../_shared/ledger';
import { getMany, getRecord, rows as queryRows } from '../_lib/query';
import { rankCounts, rankFrom, rankValue, RANK_BY } from '../_lib/rank';
import { hoursOf } from './dto';

type C = typeof pointsContract;
const FIELD = { community: 'communityId', unit: 'unitId', street: 'streetId' } as const;

/** Another scope than one's own may be viewed by an admin over it (a unit's also by its community's admins). */
async function mayView(ctx: Ctx, scope: 'community' | 'unit' | 'street', scopeId: string): Promise<void> {
  if (scope === 'community') { await requireCommunityAdmin(ctx, scopeId); return; }
  if (scope === 'unit') {
    const place = await placeOfUnit(ctx, scopeId);
    const grants = await grantsOf(ctx);
    if (grants.length === 0) fail('FORBIDDEN', '您没有权限查看该排行');
    if (!canAdmin(grants, 'unit', place) && !canAdmin(grants, 'community', place)) fail('OUT_OF_SCOPE', '只能查看本单位或本社区的排行');
    return;
  }
  const org = await getDoc<{ kind: string; path?: string[] }>(ctx, 'orgs', scopeId);
  if (!org || org.kind !== 'street') fail('SCOPE_NOT_FOUND', '未找到该街道');
  await requireAdmin(ctx, 'street', { districtId: org.path?.[0], streetId: scopeId });
}

/**
 * A year's ranking in one scope by EFFECTIVE points (past their 公示; RANK_BY): my balance (my place
 * and value), then the scope's rank counts and the page from the balances index
 * `(year, <scope>, RANK_BY desc)` together — 3 round trips on any page, examining one counts document
 * plus the page however large the scope. Names come from the balances (post() writes them,
 * saveProfile keeps them in step); only a balance written before that costs a read of `members`.
 */
export async function ranking(input: ParsedInputOf<C, 'ranking'>, ctx: Ctx): Promise<OutputOf<C, 'ranking'>> {
  const year = input.year ?? yearOf(ctx.now);
  const field = FIELD[input.scope];
  const me = await getRecord(ctx, 'balances', balanceIdOf(year, ctx.openid));
  // where my points count this year; without a balance yet, where I belong now
  const place = me ?? await placeOfMember(ctx, ctx.openid, null);
  const own = place[field];
  const scopeId = input.scopeId ?? own;
  const { page, pageSize } = input;
  if (!scopeId) return { items: [], total: 0, page, pageSize, scope: input.scope, scopeId: null, year, mine: null };
  if (scopeId !== own) await mayView(ctx, input.scope, scopeId);

  const [counts, rows] = await Promise.all([
    rankCounts(ctx, year, field, scopeId),
    queryRows<Pick<Balance, 'openid' | 'minutes' | 'points' | 'pending' | 'effective' | 'name'>>(ctx.db.collection('balances').where({ year, [field]: scopeId }).orderBy(RANK_BY, 'desc')
      .skip((page - 1) * pageSize).limit(pageSize).field({ openid: true, points: true, pending: true, effective: true, minutes: true, name: true })),
  ]);
  const unnamed = rows.filter((r) => !r.name).map((r) => r.openid);
  const names = unnamed.length ? await getMany<{ _id: string; name?: string }>(ctx, 'members', unnamed) : new Map<string, { name?: string }>();

  // competition ranking (1, 2, 2, 4): the first row's rank from the counts, the rest follow
  const items: RankRow[] = [];
  let rank = rows.length ? rankFrom(counts, rankValue(rows[0])) : 1;
  rows.forEach((r, i) => {
    if (i > 0 && rankValue(r) !== rankValue(rows[i - 1])) rank = (page - 1) * pageSize + i + 1;
    const isMe = r.openid === ctx.openid;
    const name = r.name || names.get(r.openid)?.name || '党员';
    items.push({ rank, name: isMe ? name : maskName(name), points: rankValue(r), hours: hoursOf(r.minutes ?? 0), isMe });
  });

  const mine = me && me[field] === scopeId ? { rank: rankFrom(counts, rankValue(me)), points: rankValue(me) } : null;
  return { items, total: counts.total, page, pageSize, scope: input.scope, scopeId, year, mine };
}
