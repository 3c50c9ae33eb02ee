/**
 * bootstrap — run ONCE on a fresh WeChat cloud environment (cloud console "云端测试" or DevTools),
 * and again safely at any time (idempotent):
 *  1. creates every collection of core/db/schema.ts that does not exist yet;
 *  2. records the super admins named in this function's env var SUPER_ADMIN_OPENIDS (comma
 *     separated) as `admins` documents `super:root:${openid}`;
 *  3. answers the indexes and permission rules to create by hand in the console (the server SDK
 *     cannot create them).
 * A plain `main` (not createFunction): it has no actions and is called without a user.
 * Called from the mini-program, it refuses anyone who is not a configured super admin.
 */
import { collections } from '../../core/db/schema';
import { cloud } from '../_lib/cloud';
import { consoleInstructions, superAdminOpenids } from './console';

function isExistsError(err: unknown): boolean {
  const e = err as { errCode?: number; errMsg?: string; message?: string };
  return /exist/i.test(`${e?.errMsg ?? ''} ${e?.message ?? ''}`) || e?.errCode === -502006;
}

export async function main() {
  const supers = superAdminOpenids(process.env.SUPER_ADMIN_OPENIDS);
  const { OPENID } = cloud.getWXContext();
  if (OPENID && !supers.includes(OPENID)) {
    return { ok: false, code: 'FORBIDDEN', message: '只有部署配置中的超级管理员可以初始化环境' };
  }
  const db = cloud.database();

  const created: string[] = [];
  const existing: string[] = [];
  for (const c of collections) {
    try {
      await db.createCollection(c.name);
      created.push(c.name);
    } catch (err) {
      if (!isExistsError(err)) throw err;
      existing.push(c.name);
    }
  }

  const added: string[] = [];
  const kept: string[] = [];
  for (const openid of supers) {
    const id = `super:root:${openid}`;
    const found = (await db.collection('admins').where({ _id: id }).limit(1).get()) as { data: unknown[] };
    if (found.data.length) { kept.push(openid); continue; }
    await db.collection('admins').doc(id).set({
      data: { openid, role: 'super', scopeId: 'root', name: '超级管理员', appointedBy: null, createdAt: db.serverDate() },
    });
    added.push(openid);
  }

  const { indexes, rules } = consoleInstructions(collections);
  console.log(`[bootstrap] collections created: ${created.join(', ') || '-'}; existing: ${existing.length}`);
  console.log(`[bootstrap] super admins added: ${added.join(', ') || '-'}; already there: ${kept.join(', ') || '-'}`);
  console.log('[bootstrap] create these indexes in the console (数据库 → 索引管理):\n' + indexes.join('\n'));
  console.log('[bootstrap] set these permission rules (数据库 → 数据权限 → 自定义安全规则):\n' + rules.join('\n'));
  return {
    ok: true,
    data: {
      collections: { created, existing },
      superAdmins: { added, existing: kept, configured: supers.length },
      console: { indexes, rules },
      warnings: supers.length ? [] : ['SUPER_ADMIN_OPENIDS 未配置：没有人可以任命管理员'],
    },
  };
}
