/**
 * `npm ci` refuses a lockfile that lacks any package a locked package declares (even an optional one
 * for another platform: "Missing: … from lock file"). This checks that precondition without a network.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }> };
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Node's resolution: nested node_modules first, then each parent's, then the root's. */
function resolves(from: string, name: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const i = base.lastIndexOf('/node_modules/');
    base = i >= 0 ? base.slice(0, i) : '';
  }
}

test('every dependency and optional dependency of every locked package is in the lockfile', () => {
  const missing: string[] = [];
  for (const [at, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      if (!resolves(at, name)) missing.push(`${name} (wanted by ${at || 'the root'})`);
    }
  }
  expect(missing).toEqual([]);
});

test('the lockfile root matches package.json', () => {
  const root = lock.packages[''] as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  expect(root.dependencies).toEqual(pkg.dependencies);
  expect(root.devDependencies).toEqual(pkg.devDependencies);
});
