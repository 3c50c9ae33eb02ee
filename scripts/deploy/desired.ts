/**
 * What the environment should hold, read from the repository only: every collection of
 * core/db/schema.ts (indexes, rule) and every function folder with its config.json and the bundle
 * built from it. Nothing is listed by hand here, so a new collection, index or function appears in
 * the plan by itself.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionSpec } from '../../core/db/schema';
import type { FunctionConfig } from '../build-functions';
import type { DesiredFunction, DesiredState } from './plan';

export interface FunctionSource { name: string; dir: string; config: FunctionConfig; codeHash: string }

export interface DesiredOptions {
  collections: CollectionSpec[];
  functions: FunctionSource[];
  /** values for the variables config.json declares, by name (the deploying shell's environment) */
  values?: Record<string, string | undefined>;
  superAdmins?: string[];
  miniProgram?: { version: string; desc: string };
  reuploadCode?: boolean;
}

export function desiredState(o: DesiredOptions): DesiredState {
  return {
    collections: o.collections.map((c) => ({ name: c.name, indexes: c.indexes, rule: c.rule })),
    functions: o.functions.map((f): DesiredFunction => ({
      name: f.name,
      dir: f.dir,
      codeHash: f.codeHash,
      timeout: f.config.timeout,
      envVariables: Object.fromEntries(Object.entries(f.config.envVariables ?? {}).map(([k, v]) => [k, o.values?.[k] ?? v])),
      triggers: (f.config.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
    })),
    superAdmins: o.superAdmins ?? [],
    miniProgram: o.miniProgram,
    reuploadCode: o.reuploadCode,
  };
}

/**
 * sha256 over what gets uploaded: every file of the function's folder (bundle, package.json,
 * config.json, assets such as fonts), by relative path; node_modules is installed by the cloud.
 */
export function hashFunctionDir(dir: string): string {
  for (const f of ['index.js', 'package.json', 'config.json']) {
    if (!fs.existsSync(path.join(dir, f))) throw new Error(`${path.join(dir, f)} is missing: run npm run build:functions -- --force`);
  }
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  const h = crypto.createHash('sha256');
  for (const f of files.sort()) h.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  return h.digest('hex');
}

/** The built functions (cloudfunctions/<name>) with the config the build wrote next to them. */
export function builtFunctions(names: string[], outDir: string): FunctionSource[] {
  return names.map((name) => {
    const dir = path.join(outDir, name);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as FunctionConfig;
    return { name, dir, config, codeHash: hashFunctionDir(dir) };
  });
}
