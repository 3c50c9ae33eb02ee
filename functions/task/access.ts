/** Who may manage a task: the admins of its community (or above). Imported by every action file. */
import { canAdmin } from '../../core/domain/permissions';
import { grantsOf, requireAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import type { TaskDoc } from './store';

const placeOf = (t: TaskDoc) => ({ communityId: t.communityId, streetId: t.streetId ?? undefined, districtId: t.districtId ?? undefined });

/** The caller administers the task's community (or above). */
export function requireTaskAdmin(ctx: Ctx, t: TaskDoc) {
  return requireAdmin(ctx, 'community', placeOf(t));
}

export async function mayManage(ctx: Ctx, t: TaskDoc): Promise<boolean> {
  return canAdmin(await grantsOf(ctx), 'community', placeOf(t));
}
