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
import { hoursOf } from './dto';
import { effectiveOf } from '../_lib/ledger';
import { rankIn } from './mine';

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
 * A year's ranking in one scope by EFFECTIVE points (past their 公示), from the balances index `(year, <scope>, effective desc)`:
 * one page query, one count, one count for the page's first rank and one for mine. The ledger is
 * never read here, so the cost does not grow with the number of entries.
 */
export async function ranking(input: ParsedInputOf<C, 'ranking'>, ctx: Ctx): Promise<OutputOf<C, 'ranking'>> {
  const year = input.year ?? yearOf(ctx.now);
  const field = FIELD[input.scope];
  const place = await placeOfMember(ctx, ctx.openid, null);
  const own = place[field];
  const scopeId = input.scopeId ?? own;
  const { page, pageSize } = input;
  if (!scopeId) return { items: [], total: 0, page, pageSize, scope: input.scope, scopeId: null, year, mine: null };
  if (scopeId !== own) await mayView(ctx, input.scope, scopeId);

  const coll = ctx.db.collection('balances');
  const where = { year, [field]: scopeId };
  const [res, count, me] = await Promise.all([
    coll.where(where).orderBy('effective', 'desc').skip((page - 1) * pageSize).limit(pageSize)
      .field({ openid: true, points: true, pending: true, effective: true, minutes: true }).get() as unknown as Promise<{ data: Balance[] }>,
    coll.where(where).count() as unknown as Promise<{ total: number }>,
    getDoc<Balance>(ctx, 'balances', balanceIdOf(year, ctx.openid)),
  ]);
  const rows = res.data;

  const _ = ctx.db.command;
  const names = new Map<string, string>();
  if (rows.length) {
    const m = (await ctx.db.collection('members').where({ _id: _.in(rows.map((r) => r.openid)) }).field({ name: true }).limit(100).get()) as unknown as { data: Array<{ _id: string; name?: string }> };
    for (const d of m.data) names.set(d._id, d.name ?? '');
  }

  // competition ranking (1, 2, 2, 4): the first row's rank comes from a count, the rest follow
  const items: RankRow[] = [];
  let rank = rows.length && page > 1 ? await rankIn(ctx, year, field, scopeId, effectiveOf(rows[0])) : 1;
  rows.forEach((r, i) => {
    if (i > 0 && effectiveOf(r) !== effectiveOf(rows[i - 1])) rank = (page - 1) * pageSize + i + 1;
    const isMe = r.openid === ctx.openid;
    const name = names.get(r.openid) || '党员';
    items.push({ rank, name: isMe ? name : maskName(name), points: effectiveOf(r), hours: hoursOf(r.minutes ?? 0), isMe });
  });

  let mine: { rank: number; points: number } | null = null;
  if (me && (me as unknown as Record<string, unknown>)[field] === scopeId) {
    mine = { rank: await rankIn(ctx, year, field, scopeId, effectiveOf(me)), points: effectiveOf(me) };
  }
  return { items, total: count.total, page, pageSize, scope: input.scope, scopeId, year, mine };
}
