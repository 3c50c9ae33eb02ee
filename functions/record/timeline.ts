import { fail } from '../../core/contracts/errors';
import { maskPhone } from '../../core/domain/mask';
import { summarize, validPeriod } from '../../core/domain/record';
import { getDoc } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { OrgDoc, UnitDoc } from '../_shared/report-docs';
import { loadRecord } from './load';
import { viewable } from './scope';

export async function timeline(input: { openid?: string; from?: string; to?: string; page: number; pageSize: number }, ctx: Ctx) {
  if (!validPeriod(input)) fail('BAD_PERIOD', '开始日期不能晚于结束日期');
  const { member, self } = await viewable(ctx, input.openid);
  const [items, unit, community] = await Promise.all([
    loadRecord(ctx, member._id, input),
    member.unitId ? getDoc<UnitDoc>(ctx, 'units', member.unitId) : null,
    member.communityId ? getDoc<OrgDoc>(ctx, 'orgs', member.communityId) : null,
  ]);
  const start = (input.page - 1) * input.pageSize;
  return {
    member: {
      openid: member._id, name: member.name ?? '', // lists mask phones for admins too; the full number only through a logged reveal elsewhere
      phone: self ? member.phone ?? '' : maskPhone(member.phone),
      unitName: unit?.name ?? null, unitStatus: member.unitStatus ?? null, communityName: community?.name ?? null, branch: member.branch ?? '',
    },
    summary: summarize(items),
    items: items.slice(start, start + input.pageSize).map((i) => ({ ...i, at: i.at.toISOString() })),
    total: items.length, page: input.page, pageSize: input.pageSize,
  };
}
