/**
 * `npm test` step: compile the weapp build (dist/) with WeChat's own compilers — `wcc` for WXML/WXS
 * and `wcsc` for WXSS, the Linux binaries of npm `miniprogram-compiler` (what the DevTools run
 * before upload) — and fail on any error, printing the compiler's message (file:line).
 * Usage: tsx scripts/wechat-compile.ts [distDir]
 */
import fs from 'node:fs';
import path from 'node:path';

// the package's own wrappers (src/wcc.js, src/wcsc.js): file lists in, compiler output or error out
// eslint-disable-next-line @typescript-eslint/no-var-requires
const wxmlToJs = require('miniprogram-compiler/src/wcc') as (root: string, files: string[], wxs: string[], opts?: { cut?: boolean; maxBuffer?: number }) => string;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const wxssToJs = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], opts?: { maxBuffer?: number }) => Record<string, string> | Error;

const MAX_BUFFER = 256 * 1024 * 1024;

function walk(dir: string, root: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, root, out);
    else out.push(path.relative(root, p).split(path.sep).join('/'));
  }
  return out;
}

export function compileWeapp(root: string): { wxml: number; wxs: number; wxss: number; jsBytes: number } {
  if (!fs.existsSync(path.join(root, 'app.json'))) throw new Error(`${root} has no app.json: build the weapp first`);
  const files = walk(root, root).sort();
  const wxml = files.filter((f) => f.endsWith('.wxml')).map((f) => f.slice(0, -5));
  const wxs = files.filter((f) => f.endsWith('.wxs'));
  const wxss = files.filter((f) => f.endsWith('.wxss')).map((f) => f.slice(0, -5));
  if (!wxml.length || !wxss.length) throw new Error(`${root}: no .wxml or .wxss files found`);
  const js = wxmlToJs(root, [...wxml], wxs, { maxBuffer: MAX_BUFFER }); // a copy: it appends component paths to the list
  if (!js.includes('$gwx')) throw new Error('wcc produced no $gwx output');
  const css = wxssToJs(root, [...wxss], { maxBuffer: MAX_BUFFER });
  if (css instanceof Error) throw css;
  if (!Object.keys(css).length) throw new Error('wcsc produced no output');
  return { wxml: wxml.length, wxs: wxs.length, wxss: wxss.length, jsBytes: js.length };
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
  try {
    const r = compileWeapp(root);
    console.log(`wcc:  compiled ${r.wxml} .wxml + ${r.wxs} .wxs files without error`);
    console.log(`wcsc: compiled ${r.wxss} .wxss files without error`);
  } catch (err) {
    console.error(`WeChat compiler error: ${(err as Error).message}`);
    process.exit(1);
  }
}
