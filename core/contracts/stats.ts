import { z } from 'zod';
import { action, empty, requestIdInput, type FunctionContract } from './envelope';

/**
 * Contract of the `stats` cloud function: dashboards of a district, street, community or unit read
 * from per-scope, per-month aggregate documents (`statsMonths`) that a timer rolls up
 * (core/domain/stats.ts). Every counter travels as-is, so the screen shows numerator/denominator.
 */
export const StatsErrors = {
  STATS_NOT_READY: '该范围的统计尚未生成（每小时更新一次），请稍后再看',
  BAD_THRESHOLDS: '阈值设置不正确',
} as const;

const scopeId = z.string().min(1).max(64).describe('范围');
const counters = z.record(z.number());
const listItem = z.object({ id: z.string(), name: z.string(), sub: z.string().optional(), minutes90: z.number().optional() });
const list = z.object({ count: z.number().int(), items: z.array(listItem) });
export const scopeKind = z.enum(['district', 'street', 'community', 'grid', 'unit']);
const scopeRow = z.object({ id: z.string(), kind: scopeKind, name: z.string(), c: counters });
const threshold = z.object({ green: z.number().min(0).max(1000), yellow: z.number().min(0).max(1000), lowerIsBetter: z.boolean().optional() });
export const thresholdValues = z.record(threshold);

export const dashboardOutput = z.object({
  scope: z.object({
    id: z.string(), kind: scopeKind, name: z.string(), parentId: z.string().nullable(), path: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  month: z.string(),
  asOf: z.string(),
  /** the last 12 months, oldest first (a month without a document is absent) */
  months: z.array(z.object({ month: z.string(), c: counters })),
  /** the scope's own level below, for the current month (communities of a street; grids and units of a community) */
  children: z.array(scopeRow),
  /** the same level under the same parent (ranked on the screen); empty when the viewer does not cover the parent */
  siblings: z.array(scopeRow),
  idleMembers: list.nullable(),
  idleUnits: list.nullable(),
  members: list.nullable(),
  /** version 0: the defaults (never saved); `at`: when this version was saved */
  thresholds: z.object({ version: z.number().int(), values: thresholdValues, at: z.string().nullable() }),
  /** may the viewer change this district's thresholds */
  canEditThresholds: z.boolean(),
});
export type Dashboard = z.infer<typeof dashboardOutput>;

export const statsContract = {
  /** `scopeId` 'root' (super admin): the district(s) */
  dashboard: action(z.object({ scopeId }).strict(), dashboardOutput),
  /** a new version of a district's red/yellow/green thresholds (district or super admin) */
  setThresholds: action(
    z.object({ districtId: scopeId, values: thresholdValues, requestId: requestIdInput.optional() }).strict(),
    z.object({ version: z.number().int() }),
  ),
  /** xlsx of the members or units with no participation in 90 days, of a community or unit (or all communities of a street / district) */
  exportIdle: action(z.object({ scopeId, list: z.enum(['members', 'units']) }).strict(), z.object({ url: z.string(), fileName: z.string(), rows: z.number().int() })),
  /** roll up now (super / district admin); the timer does this every hour */
  rollup: action(empty, z.object({ documents: z.number().int(), ms: z.number().int(), asOf: z.string() })),
} satisfies FunctionContract;
