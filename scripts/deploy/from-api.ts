/**
 * Answers of @cloudbase/manager-node → the deploy state, and the state → its requests. Pure (types
 * only from the package, derived from its own method signatures), so the mapping is tested offline.
 */
import type CloudBase from '@cloudbase/manager-node';
import type { IndexSpec } from '../../core/db/schema';
import type { CurrentFunction, Rule, Trigger } from './plan';

type Db = CloudBase['database'];
type Fns = CloudBase['functions'];
type Perm = CloudBase['permission'];
export type TableInfo = Awaited<ReturnType<Db['describeCollection']>>;
export type FunctionInfo = Awaited<ReturnType<Fns['getFunctionDetail']>>;
export type PermissionList = Awaited<ReturnType<Perm['describeResourcePermission']>>['Data']['PermissionList'];
export type IndexChange = Parameters<Db['updateCollection']>[1];

/** Where the deploy records the hash of the code it uploaded (the function's description). */
export const HASH_MARK = '双报到 deploy sha256:';
export const describeHash = (hash: string) => `${HASH_MARK}${hash}`;
export function hashFromDescription(description: string | undefined): string | null {
  const i = (description ?? '').indexOf(HASH_MARK);
  return i < 0 ? null : (description ?? '').slice(i + HASH_MARK.length).split(/\s/)[0] || null;
}

export function indexesFromTable(info: TableInfo): IndexSpec[] {
  return (info.Indexes ?? []).map((ix) => ({
    name: ix.Name,
    keys: Object.fromEntries((ix.Keys ?? []).map((k) => [k.Name ?? '', Number(k.Direction) === -1 ? -1 : 1])) as Record<string, 1 | -1>,
    ...(ix.Unique ? { unique: true } : {}),
  }));
}

export function createIndexRequest(ix: IndexSpec, drop?: string): IndexChange {
  return {
    ...(drop ? { DropIndexes: [{ IndexName: drop }] } : {}),
    CreateIndexes: [{
      IndexName: ix.name,
      MgoKeySchema: {
        MgoIndexKeys: Object.entries(ix.keys).map(([Name, d]) => ({ Name, Direction: String(d) })),
        MgoIsUnique: !!ix.unique,
      },
    }],
  };
}

/** A collection's client rule: only a custom rule with boolean read/write counts as known. */
export function rulesFromPermissions(list: PermissionList): Record<string, Rule | null> {
  const out: Record<string, Rule | null> = {};
  for (const p of list) {
    if (!p.Resource) continue;
    let rule: Rule | null = null;
    if (p.Permission === 'CUSTOM' && p.SecurityRule) {
      try {
        const r = JSON.parse(p.SecurityRule) as { read?: unknown; write?: unknown };
        if (typeof r.read === 'boolean' && typeof r.write === 'boolean') rule = { read: r.read, write: r.write };
      } catch { /* an expression rule we do not manage: it gets replaced */ }
    }
    out[p.Resource] = rule;
  }
  return out;
}

/** Timer trigger descriptions come back as a JSON `{"cron": …}` or as the bare cron text. */
export function cronOf(desc: string | undefined): string {
  try {
    const parsed = JSON.parse(desc ?? '') as { cron?: string };
    if (typeof parsed?.cron === 'string') return parsed.cron;
  } catch { /* bare cron */ }
  return desc ?? '';
}

export function functionFromInfo(info: FunctionInfo): CurrentFunction {
  const triggers: Trigger[] = (info.Triggers ?? [])
    .filter((t) => t.Type === 'timer')
    .map((t) => ({ name: t.TriggerName || t.Name, type: 'timer', config: cronOf(t.TriggerDesc || t.Config) }));
  return {
    codeHash: hashFromDescription(info.Description),
    runtime: info.Runtime ?? '',
    timeout: info.Timeout,
    envVariables: Object.fromEntries((info.Environment?.Variables ?? []).map((v) => [v.Key, v.Value ?? ''])),
    triggers,
  };
}
