/**
 * Builds every cloud function into its deployable unit:
 *   functions/<name>/index.ts  →  cloudfunctions/<name>/index.js   (one CommonJS file, node16)
 *                                 cloudfunctions/<name>/package.json (only wx-server-sdk)
 *                                 cloudfunctions/<name>/config.json  (timeout, openapi, triggers)
 *
 * WeChat's cloud installs only what package.json lists, and TypeScript in a function's root breaks
 * the upload, so everything but `wx-server-sdk` (zod, core/, functions/_lib) is inlined, minified
 * and tree-shaken: each bundle holds only what its entry reaches. Large libraries a function needs
 * (qrcode where a code image is made, exceljs, pdf-lib) are installed beside it instead (its
 * config.json `dependencies`). scripts/size-budget.ts holds each bundle to FUNCTION_BUDGET.
 *
 * Usage: tsx scripts/build-functions.ts [--force] [--quiet] [--src DIR] [--out DIR] [name ...]
 * Without --force a bundle newer than every source file is left alone (keeps `npm start` fast).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const WX_SERVER_SDK_VERSION = '4.0.2';

export interface FunctionConfig {
  timeout: number;
  envVariables?: Record<string, string>;
  permissions: { openapi: string[] };
  triggers?: Array<{ name: string; type: 'timer'; config: string }>;
  /**
   * npm packages the platform installs beside the bundle instead of inlining them (large libraries:
   * exceljs, pdf-lib…). Versions come from the root package.json; the key stays out of config.json.
   */
  dependencies?: string[];
}

/**
 * Libraries every function uses, installed beside each bundle rather than inlined (zod alone was
 * ~59 KiB of every minified bundle): the per-function budget counts our code.
 */
export const SHARED_DEPENDENCIES = ['zod'];

export const DEFAULT_CONFIG: FunctionConfig = { timeout: 5, permissions: { openapi: [] } };

/**
 * What we know a function needs when its folder has no config.json of its own
 * (a `functions/<name>/config.json` always wins). Timer cron has 7 fields: sec min hour day month weekday year.
 */
export const KNOWN_CONFIG: Record<string, Partial<FunctionConfig>> = {
  report: { permissions: { openapi: ['wxacode.getUnlimited', 'subscribeMessage.send'] } },
  task: { permissions: { openapi: ['subscribeMessage.send'] } },
  member: { permissions: { openapi: ['subscribeMessage.send'] } },
  reconcile: { timeout: 60, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' }] },
  bootstrap: { timeout: 60, envVariables: { SUPER_ADMIN_OPENIDS: '' } },
};

export interface BuildOptions {
  /** folder holding `<name>/index.ts` (default `functions/`) */
  srcDir?: string;
  /** folder receiving `<name>/index.js` (default `cloudfunctions/`) */
  outDir?: string;
  /** only these functions (default: all) */
  names?: string[];
  force?: boolean;
  /** print one line per function */
  log?: (line: string) => void;
}

export interface BuiltFunction { name: string; bytes: number; skipped: boolean }

/** Folders under srcDir with an index.ts, skipping shared code (`_lib`, `_shared`, any `_x`). */
export function listFunctions(srcDir: string): string[] {
  if (!fs.existsSync(srcDir)) return [];
  return fs.readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .filter((d) => fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** Newest mtime of any .ts/.json under the dirs (sources a bundle may inline). */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|js|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return newest;
}

/** config.json of a function: its own `functions/<name>/config.json` if present, else the default. */
export function configFor(srcDir: string, name: string): FunctionConfig {
  const own = path.join(srcDir, name, 'config.json');
  if (!fs.existsSync(own)) return { ...DEFAULT_CONFIG, ...KNOWN_CONFIG[name] };
  const parsed = JSON.parse(fs.readFileSync(own, 'utf8')) as Partial<FunctionConfig>;
  return { ...DEFAULT_CONFIG, ...parsed, permissions: { openapi: parsed.permissions?.openapi ?? [] } };
}

/** Exact versions of a function's installed dependencies, from the root package.json. */
export function dependencyVersions(names: string[] = []): Record<string, string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.fromEntries(names.map((n) => {
    const v = pkg.dependencies?.[n];
    if (!v) throw new Error(`function dependency ${n} is not in package.json dependencies`);
    return [n, v];
  }));
}

/** Copies `functions/<name>/assets/` (fonts…) next to the bundle, which reads them via __dirname. */
function copyAssets(srcDir: string, outDir: string, name: string) {
  const from = path.join(srcDir, name, 'assets');
  if (!fs.existsSync(from)) return;
  fs.cpSync(from, path.join(outDir, name, 'assets'), { recursive: true });
}

function writeIfChanged(file: string, content: string) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.writeFileSync(file, content);
}

export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const srcDir = path.resolve(options.srcDir ?? path.join(ROOT, 'functions'));
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'cloudfunctions'));
  const all = listFunctions(srcDir);
  const names = options.names?.length ? options.names.filter((n) => all.includes(n)) : all;
  const unknown = (options.names ?? []).filter((n) => !all.includes(n));
  if (unknown.length) throw new Error(`no such function: ${unknown.join(', ')} (have: ${all.join(', ')})`);

  // Shared sources every bundle may inline: a change there rebuilds everything.
  const shared = [path.join(ROOT, 'core'), path.join(srcDir, '_lib'), path.join(srcDir, '_shared')];
  // … and so does a change to how bundles are built (this file)
  const sharedNewest = Math.max(newestSource(shared), fs.statSync(__filename).mtimeMs);

  const stale: string[] = [];
  const results: BuiltFunction[] = [];
  for (const name of names) {
    const dir = path.join(outDir, name);
    fs.mkdirSync(dir, { recursive: true });
    const { dependencies: _installed, ...config } = configFor(srcDir, name);
    copyAssets(srcDir, outDir, name);
    writeIfChanged(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');

    const bundle = path.join(dir, 'index.js');
    const fresh = fs.existsSync(bundle)
      && fs.statSync(bundle).mtimeMs > Math.max(sharedNewest, newestSource([path.join(srcDir, name)]));
    if (fresh && !options.force) results.push({ name, bytes: fs.statSync(bundle).size, skipped: true });
    else stale.push(name);
  }

  // One esbuild call per set of external libraries (esbuild parallelises inside a call): a library
  // left outside one function's bundle must not be left outside another's, whose package.json
  // does not install it (report's qrcode was required at run time once record declared it).
  const groups = new Map<string, string[]>();
  for (const n of stale) {
    const key = [...(configFor(srcDir, n).dependencies ?? [])].sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  for (const [key, group] of groups) {
    await build({
      entryPoints: Object.fromEntries(group.map((n) => [`${n}/index`, path.join(srcDir, n, 'index.ts')])),
      outdir: outDir,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk', ...SHARED_DEPENDENCIES, ...(key ? key.split(',') : [])],
      nodePaths: [path.join(ROOT, 'node_modules')],
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      sourcemap: false,
      // our code ≤ 150 KiB per function (scripts/size-budget.ts); errors keep their messages, and
      // nothing here depends on function or class names
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      // The platform calls exports.main; esbuild's CJS output already assigns module.exports.
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    for (const name of group) results.push({ name, bytes: fs.statSync(path.join(outDir, name, 'index.js')).size, skipped: false });
  }
  // package.json after the bundle: a shared library is installed only where the bundle requires it
  // (bootstrap uses no zod), so the platform installs nothing unused
  for (const name of names) {
    const dir = path.join(outDir, name);
    const text = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    const shared = SHARED_DEPENDENCIES.filter((d) => text.includes(`require("${d}")`));
    writeIfChanged(path.join(dir, 'package.json'), JSON.stringify({
      name,
      version: '1.0.0',
      private: true,
      description: `双报到 cloud function ${name} (generated by scripts/build-functions.ts; do not edit)`,
      main: 'index.js',
      dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION, ...dependencyVersions([...shared, ...(configFor(srcDir, name).dependencies ?? [])]) },
    }, null, 2) + '\n');
  }
  results.sort((a, b) => a.name.localeCompare(b.name));
  for (const r of results) options.log?.(`${r.skipped ? 'fresh ' : 'built '} ${r.name.padEnd(12)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB`);
  return results;
}

async function cli() {
  const args = process.argv.slice(2);
  const flag = (f: string) => args.includes(f);
  const value = (f: string) => { const i = args.indexOf(f); return i >= 0 ? args[i + 1] : undefined; };
  const valued = new Set(['--src', '--out']);
  const names = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const quiet = flag('--quiet');
  const started = Date.now();
  const results = await buildFunctions({
    force: flag('--force'),
    srcDir: value('--src'),
    outDir: value('--out'),
    names,
    log: quiet ? undefined : (l) => console.log(l),
  });
  const built = results.filter((r) => !r.skipped).length;
  console.log(`functions: ${built} built, ${results.length - built} fresh, ${Date.now() - started} ms`);
}

if (require.main === module) {
  cli().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
