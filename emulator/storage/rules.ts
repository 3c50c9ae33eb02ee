/**
 * Storage permissions as data, in `<DATA_DIR>/storage/rules.json` (read on every client request,
 * so an edit applies at once). They bind only mini-program (client) access; functions act as the
 * admin and may read and write everything, as on the platform.
 *
 *   { "default": "PRIVATE", "paths": [{ "prefix": "public/", "mode": "READONLY" }] }
 *
 * Modes are the console's four simple permissions (云开发控制台 → 存储 → 权限设置):
 *   READONLY    所有用户可读，仅创建者可读写
 *   PRIVATE     仅创建者可读写
 *   ADMINWRITE  所有用户可读，仅管理端可写
 *   ADMINONLY   仅管理端可读写
 * The longest matching prefix wins. With no file the default is PRIVATE: photo evidence is shown
 * to others through temp URLs a function hands out, never by letting every user read every file.
 */
import fs from 'node:fs';
import path from 'node:path';

export type StorageMode = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY';
export interface StorageRules { default: StorageMode; paths?: Array<{ prefix: string; mode: StorageMode }> }

const MODES: StorageMode[] = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY'];
export const DEFAULT_RULES: StorageRules = { default: 'PRIVATE' };

export function readRules(storageRoot: string): StorageRules {
  const file = path.join(storageRoot, 'rules.json');
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as StorageRules;
    if (!MODES.includes(raw.default)) return DEFAULT_RULES;
    return { default: raw.default, paths: (raw.paths ?? []).filter((p) => typeof p?.prefix === 'string' && MODES.includes(p.mode)) };
  } catch {
    return DEFAULT_RULES;
  }
}

export function writeRules(storageRoot: string, rules: StorageRules): void {
  fs.mkdirSync(storageRoot, { recursive: true });
  fs.writeFileSync(path.join(storageRoot, 'rules.json'), JSON.stringify(rules, null, 2));
}

export function modeFor(rules: StorageRules, cloudPath: string): StorageMode {
  let best: { prefix: string; mode: StorageMode } | undefined;
  for (const r of rules.paths ?? []) if (cloudPath.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
  return best?.mode ?? rules.default;
}

/** May this mini-program user read the file (owner '' = written by a function)? */
export function canRead(mode: StorageMode, openid: string, owner: string): boolean {
  if (!openid) return false;
  if (mode === 'READONLY' || mode === 'ADMINWRITE') return true;
  if (mode === 'PRIVATE') return owner !== '' && owner === openid;
  return false;
}

/** May this user write (create, overwrite, delete) the file? `owner` undefined = it does not exist yet. */
export function canWrite(mode: StorageMode, openid: string, owner: string | undefined): boolean {
  if (!openid) return false;
  if (mode === 'ADMINWRITE' || mode === 'ADMINONLY') return false;
  return owner === undefined || (owner !== '' && owner === openid);
}
