import fs from 'node:fs';
import path from 'node:path';

// Which way imports may point (docs/ARCHITECTURE.md): the app sits below the scripts, shared
// components below the API layer, and the platform is chosen by Taro's file suffix, not at run time.
const ROOT = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}
/** every module specifier a file imports, re-exports or requires */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}
function resolved(file: string, spec: string): string {
  if (spec.startsWith('@core/')) return path.join(ROOT, 'core', spec.slice(6));
  if (spec.startsWith('@/')) return path.join(ROOT, 'src', spec.slice(2));
  return spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
}
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

test('the app imports nothing from scripts/', () => {
  const bad = files(path.join(ROOT, 'src')).flatMap((f) => specifiers(f).filter((s) => rel(resolved(f, s)).startsWith('scripts/')).map((s) => `${rel(f)} → ${s}`));
  expect(bad).toEqual([]);
});

test('src/components imports nothing from src/api', () => {
  const bad = files(path.join(ROOT, 'src/components')).flatMap((f) => specifiers(f).filter((s) => rel(resolved(f, s)).startsWith('src/api')).map((s) => `${rel(f)} → ${s}`));
  expect(bad).toEqual([]);
});

test('no runtime platform switch in src: platform code lives in .weapp.ts / .h5.ts files', () => {
  const bad = files(path.join(ROOT, 'src'))
    .filter((f) => !/\.(weapp|h5)\.tsx?$/.test(f) && !f.endsWith('app.config.ts'))
    .filter((f) => /require\(\s*['"]\.\/gateway['"]\s*\)/.test(fs.readFileSync(f, 'utf8')))
    .map(rel);
  expect(bad).toEqual([]);
  expect(fs.existsSync(path.join(ROOT, 'src/api/transport.weapp.ts'))).toBe(true);
  expect(fs.existsSync(path.join(ROOT, 'src/api/transport.h5.ts'))).toBe(true);
});

// NutUI React Taro components (beyond icons) cost the main package their code and styles
// (docs/ARCHITECTURE.md § UI kit): only subpackage pages may use them, directly or through the
// kit's subpackage-only components in src/components/sub/.
test('NutUI components and src/components/sub are used by subpackage pages only', () => {
  const config = fs.readFileSync(path.join(ROOT, 'src/app.config.ts'), 'utf8');
  const roots = [...config.matchAll(/root:\s*'([^']+)'/g)].map((m) => `src/${m[1].replace(/\/$/, '')}/`);
  expect(roots.length).toBeGreaterThan(5);
  const inSub = (f: string) => roots.some((r) => rel(f).startsWith(r));
  const bad = files(path.join(ROOT, 'src')).flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    const nutui = /^import\s+(?!type\b)[^;]*from\s+'@nutui\/nutui-react-taro[^']*'/m.test(text);
    const sub = specifiers(f).some((s) => rel(resolved(f, s)).startsWith('src/components/sub/'));
    if (nutui && !inSub(f) && !rel(f).startsWith('src/components/sub/')) return [`${rel(f)} imports @nutui/nutui-react-taro`];
    if (sub && !inSub(f) && !rel(f).startsWith('src/components/sub/')) return [`${rel(f)} imports src/components/sub`];
    return [];
  });
  expect(bad).toEqual([]);
});
