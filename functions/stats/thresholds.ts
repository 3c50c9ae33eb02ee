/** A district's red/yellow/green thresholds: each change is a new version (the old ones stay, so a past screen can be explained). */
import { fail } from '../../core/contracts/errors';
import type { Threshold } from '../../core/domain/stats';
import { METRICS } from '../../core/domain/stats';
import { grantsOf } from '../_lib/auth';
import { rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet, txSet } from '../_lib/tx';

export async function setThresholds(input: { districtId: string; values: Record<string, Threshold> }, ctx: Ctx) {
  const grants = await grantsOf(ctx);
  if (!grants.some((g) => g.role === 'super' || (g.role === 'district' && g.scopeId === input.districtId))) fail('OUT_OF_SCOPE', '只有本区或超级管理员可以设置阈值');
  for (const [key, t] of Object.entries(input.values)) {
    const def = METRICS.find((m) => m.key === key);
    if (!def) fail('BAD_THRESHOLDS', `未知指标：${key}`);
    const ok = t.lowerIsBetter ? t.green <= t.yellow : t.green >= t.yellow;
    if (!ok) fail('BAD_THRESHOLDS', `${def.label}：绿灯线应${t.lowerIsBetter ? '不高于' : '不低于'}黄灯线`);
    if (def.kind === 'rate' && (t.green > 1 || t.yellow > 1)) fail('BAD_THRESHOLDS', `${def.label}：比率阈值应在 0–100% 之间`);
  }
  const latest = await rows<{ version: number }>(ctx.db.collection('statsRules').where({ districtId: input.districtId }).orderBy('version', 'desc').limit(1));
  const version = (latest[0]?.version ?? 0) + 1;
  // the version's id is taken in a transaction: two admins saving at once cannot both write version n
  await transact(ctx, async (tx) => {
    if (await txGet<{ version: number }>(tx, 'statsRules', `${input.districtId}:${version}`)) fail('CONFLICT', '阈值刚被他人修改，请刷新后重试');
    await txSet(tx, 'statsRules', `${input.districtId}:${version}`, { districtId: input.districtId, version, values: input.values, createdBy: ctx.openid, createdAt: ctx.now });
  });
  return { version };
}
