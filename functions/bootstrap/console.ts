import type { CollectionSpec } from '../../core/db/schema';

/**
 * What the server SDK cannot do on WeChat's cloud: create indexes and set permission rules.
 * These lines are what an operator enters in the cloud console (数据库 → 集合 → 索引管理 / 数据权限).
 */
export function consoleInstructions(collections: CollectionSpec[]): { indexes: string[]; rules: string[] } {
  const indexes: string[] = [];
  const rules: string[] = [];
  for (const c of collections) {
    for (const ix of c.indexes) {
      const keys = Object.entries(ix.keys).map(([k, dir]) => `${k} ${dir === 1 ? '升序' : '降序'}`).join(', ');
      indexes.push(`${c.name}: 索引 ${ix.name} ${ix.unique ? '唯一' : '非唯一'} [${keys}]`);
    }
    rules.push(`${c.name}: 自定义安全规则 ${JSON.stringify({ read: c.rule.read, write: c.rule.write })}`);
  }
  return { indexes, rules };
}

/** SUPER_ADMIN_OPENIDS="o1, o2" → ['o1', 'o2'] (blanks dropped, duplicates removed). */
export function superAdminOpenids(raw: string | undefined): string[] {
  return [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s)))];
}
