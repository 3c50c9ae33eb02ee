import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTION_BUDGET, functionNames, measure, measureFunctions, missingFiles, SUB_BUDGET } from './size-budget';

function fakeDist(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-'));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

test('files count toward their subpackage root, the rest toward main; maps and project config are not counted', () => {
  const dist = fakeDist({
    'app.json': JSON.stringify({ subPackages: [{ root: 'admin-unit' }, { root: 'admin-street/' }] }),
    'app.js': 'x'.repeat(1000),
    'app.js.map': 'x'.repeat(5000),
    'project.config.json': '{}',
    'pages/index/index.js': 'x'.repeat(200),
    'admin-unit/index/index.js': 'x'.repeat(300),
    'admin-unit-extra/a.js': 'x'.repeat(7), // same prefix, not the same root
    'admin-street/index/index.wxss': 'x'.repeat(40),
  });
  const { packages, leaks } = measure(dist);
  const by = Object.fromEntries(packages.map((p) => [p.name, p]));
  const appJson = fs.statSync(path.join(dist, 'app.json')).size;
  expect(by.main.bytes).toBe(1000 + 200 + 7 + appJson);
  expect(by['admin-unit'].bytes).toBe(300);
  expect(by['admin-street'].bytes).toBe(40);
  expect(by['admin-unit'].budget).toBe(SUB_BUDGET);
  expect(leaks).toEqual([]);
});

test('development-only strings in the weapp build are reported', () => {
  const dist = fakeDist({
    'app.json': JSON.stringify({ subPackages: [] }),
    'common.js': 'headers["x-dev-openid"]=id',
  });
  expect(measure(dist).leaks).toEqual([{ file: 'common.js', text: 'x-dev-openid' }]);
});

test('pages and tab bar icons named in app.json must exist', () => {
  const dist = fakeDist({
    'app.json': JSON.stringify({
      pages: ['pages/index/index'],
      subPackages: [{ root: 'admin-unit/', pages: ['index/index'] }],
      tabBar: { list: [{ iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' }] },
    }),
    'pages/index/index.js': '',
    'pages/index/index.wxml': '',
    'admin-unit/index/index.js': '',
    'assets/tab/home.png': 'png',
  });
  expect(missingFiles(dist)).toEqual(['admin-unit/index/index.wxml', 'assets/tab/home-active.png']);
});

test('cloud function bundles are measured per function; one not built is reported as such', () => {
  const dir = fakeDist({ 'task/index.js': 'x'.repeat(FUNCTION_BUDGET + 1), 'member/index.js': 'x'.repeat(10) });
  expect(measureFunctions(dir, ['member', 'task', 'wish'])).toEqual([
    { name: 'member', bytes: 10 },
    { name: 'task', bytes: FUNCTION_BUDGET + 1 },
    { name: 'wish', bytes: null },
  ]);
  const src = fakeDist({ '_lib/query.ts': '', 'task/index.ts': '', 'task/x.ts': '', 'member/index.ts': '', 'notes/readme.md': '' });
  expect(functionNames(src)).toEqual(['member', 'task']);
});
