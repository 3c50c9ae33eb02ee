/**
 * Size budget of the weapp build (`npm run budget`, after `npm run build:weapp`).
 * Prints each package's size — the main package is everything in dist/ not under a subpackage
 * root — and fails above 500 KiB main or 300 KiB per subpackage (WeChat's hard limit is 2 MB
 * per package; we keep headroom so first open stays fast). The h5 first load (≤ 400 KiB of
 * JavaScript transferred) is measured in chromium by scripts/h5-first-load.ts. Also fails if development-only code
 * (the h5 identity switcher, the dev identity header) leaked into the weapp bundle, or if a page
 * or tab bar icon that app.json names is missing (WeChat refuses to upload such a package).
 * Also holds each cloud function bundle (`cloudfunctions/<name>/index.js`, after `npm run
 * build:functions`: everything we ship but wx-server-sdk and the libraries its config.json has the
 * platform install) to FUNCTION_BUDGET.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MAIN_BUDGET = 500 * 1024;
export const SUB_BUDGET = 300 * 1024;
/** JavaScript transferred on the first load of the h5 home page (scripts/h5-first-load.ts) */
export const H5_FIRST_LOAD_BUDGET = 400 * 1024;
/** one cloud function's bundle: our code (and the small libraries inlined with it), minified */
export const FUNCTION_BUDGET = 150 * 1024;
/** strings that exist only in h5/dev code; none may reach the mini-program */
export const FORBIDDEN = ['x-dev-openid', 'IdentitySwitcher', 'DevSignInPrompt', 'sbd.devOpenid', '本地演示身份'];

export interface PackageSize {
  name: string;
  bytes: number;
  budget: number;
  files: number;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** project.config.json and source maps are not uploaded to WeChat. */
function counted(rel: string): boolean {
  return !rel.endsWith('.map') && !/^project(\.private)?\.config\.json$/.test(rel) && !rel.endsWith('.LICENSE.txt');
}

interface AppJson {
  pages?: string[];
  subPackages?: { root: string; pages?: string[] }[];
  subpackages?: { root: string; pages?: string[] }[];
  tabBar?: { list?: { iconPath?: string; selectedIconPath?: string }[] };
}

/** Files app.json refers to that the build did not produce. */
export function missingFiles(dist: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
  const need: string[] = [];
  for (const p of app.pages ?? []) need.push(`${p}.js`, `${p}.wxml`);
  for (const sp of app.subPackages ?? app.subpackages ?? []) for (const p of sp.pages ?? []) need.push(`${sp.root.replace(/\/$/, '')}/${p}.js`, `${sp.root.replace(/\/$/, '')}/${p}.wxml`);
  for (const t of app.tabBar?.list ?? []) for (const icon of [t.iconPath, t.selectedIconPath]) if (icon) need.push(icon);
  return need.filter((f) => !fs.existsSync(path.join(dist, f)));
}

export function measure(dist: string): { packages: PackageSize[]; leaks: { file: string; text: string }[] } {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, PackageSize>([['main', { name: 'main', bytes: 0, budget: MAIN_BUDGET, files: 0 }]]);
  for (const r of roots) sizes.set(r, { name: r, bytes: 0, budget: SUB_BUDGET, files: 0 });
  const leaks: { file: string; text: string }[] = [];
  for (const file of walk(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/');
    if (!counted(rel)) continue;
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
    const pkg = sizes.get(root ?? 'main')!;
    pkg.bytes += fs.statSync(file).size;
    pkg.files++;
    if (/\.(js|wxml|wxs|json)$/.test(rel)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const f of FORBIDDEN) if (text.includes(f)) leaks.push({ file: rel, text: f });
    }
  }
  return { packages: [...sizes.values()], leaks };
}

/** Each function's bundle size under `dir` (cloudfunctions/); `bytes` null when it was not built. */
export function measureFunctions(dir: string, names: string[]): Array<{ name: string; bytes: number | null }> {
  return names.map((name) => {
    const file = path.join(dir, name, 'index.js');
    return { name, bytes: fs.existsSync(file) ? fs.statSync(file).size : null };
  });
}

/** Names of the functions (folders of functions/ with an index.ts, not `_shared` code). */
export function functionNames(srcDir: string): string[] {
  return fs.readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.') && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** Prints the weapp packages and answers the number of problems. */
function checkWeapp(dist: string): number {
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`no weapp build at ${dist}: run \`npm run build:weapp\` first`);
    return 1;
  }
  const { packages, leaks } = measure(dist);
  let failed = 0;
  console.log('package            size        budget      files');
  for (const p of packages) {
    const over = p.bytes > p.budget;
    if (over) failed++;
    console.log(`${p.name.padEnd(18)} ${kib(p.bytes).padStart(11)} ${kib(p.budget).padStart(11)} ${String(p.files).padStart(8)}${over ? '  OVER BUDGET' : ''}`);
  }
  const total = packages.reduce((s, p) => s + p.bytes, 0);
  console.log(`${'total'.padEnd(18)} ${kib(total).padStart(11)}`);
  for (const l of leaks) console.log(`development-only code in the weapp build: "${l.text}" in ${l.file}`);
  failed += leaks.length;
  const missing = missingFiles(dist);
  for (const m of missing) console.log(`app.json names ${m}, which the build did not produce`);
  return failed + missing.length;
}

/** `--functions` checks only the cloud function bundles (no weapp build needed). */
function main(): number {
  const args = process.argv.slice(2);
  const dist = path.resolve(__dirname, '..', args.find((a) => !a.startsWith('--')) ?? 'dist');
  let failed = args.includes('--functions') ? 0 : checkWeapp(dist);
  const root = path.resolve(__dirname, '..');
  console.log('cloud function     bundle      budget');
  for (const f of measureFunctions(path.join(root, 'cloudfunctions'), functionNames(path.join(root, 'functions')))) {
    const over = f.bytes === null || f.bytes > FUNCTION_BUDGET;
    if (over) failed++;
    console.log(`${f.name.padEnd(18)} ${(f.bytes === null ? '—' : kib(f.bytes)).padStart(11)} ${kib(FUNCTION_BUDGET).padStart(11)}${f.bytes === null ? '  NOT BUILT (npm run build:functions)' : over ? '  OVER BUDGET' : ''}`);
  }
  console.log(failed ? `size budget: ${failed} problem(s)` : 'size budget: ok');
  return failed ? 1 : 0;
}

if (require.main === module) process.exit(main());
