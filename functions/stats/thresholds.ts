/**
 * A district's red/yellow/green thresholds: each change is a new version (the old ones stay, so a
 * past screen can be explained). The direction (lower is better for days) belongs to the metric,
 * not to the admin, so it is taken from the defaults. A client `requestId` makes a double tap or a
 * retry save one version.
 */
import { fail } from '../../core/contracts/errors';
import { DEFAULT_THRESHOLDS, METRICS, thresholdError, type Threshold } from '../../core/domain/stats';
import { grantsOf } from '../_lib/auth';
import { once } from '../_lib/once';
import { rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { txGet, txSet } from '../_lib/tx';

export async function setThresholds(input: { districtId: string; values: Record<string, Threshold>; requestId?: string }, ctx: Ctx) {
  const grants = await grantsOf(ctx);
  if (!grants.some((g) => g.role === 'super' || (g.role === 'district' && g.scopeId === input.districtId))) fail('OUT_OF_SCOPE', '只有本区或超级管理员可以设置阈值');
  const values: Record<string, Threshold> = {};
  for (const [key, t] of Object.entries(input.values)) {
    const def = METRICS.find((m) => m.key === key);
    if (!def) fail('BAD_THRESHOLDS', `未知指标：${key}`);
    const bad = thresholdError(def, t);
    if (bad) fail('BAD_THRESHOLDS', `${def.label}：${bad.message}`);
    values[key] = { green: t.green, yellow: t.yellow, ...(DEFAULT_THRESHOLDS[key]?.lowerIsBetter ? { lowerIsBetter: true } : {}) };
  }
  const { answer } = await once(ctx, 'thresholds', input.requestId, {
    prepare: async () => {
      const latest = await rows<{ version: number }>(ctx.db.collection('statsRules').where({ districtId: input.districtId }).orderBy('version', 'desc').limit(1));
      return (latest[0]?.version ?? 0) + 1;
    },
    // the version's id is taken in the transaction: two admins saving at once cannot both write version n
    create: async (tx, version) => {
      const id = `${input.districtId}:${version}`;
      if (await txGet<{ version: number }>(tx, 'statsRules', id)) fail('CONFLICT', '阈值刚被他人修改，请刷新后重试');
      await txSet(tx, 'statsRules', id, { districtId: input.districtId, version, values, createdBy: ctx.openid, createdAt: ctx.now });
      return { id, answer: { version } };
    },
  });
  return answer;
}
