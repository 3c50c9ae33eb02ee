/**
 * Manifest rules WeChat enforces at run time, checked against the source:
 * - every privacy API the code calls is declared in `requiredPrivateInfos` (an undeclared one fails on
 *   a phone: "need to be declared in the requiredPrivateInfos field"); getLocation and
 *   getFuzzyLocation are mutually exclusive;
 * - every `scope.*` the code needs has a `permission` description;
 * - every page, tabBar page and icon named in the app config exists.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');

interface AppConfig {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; iconPath?: string; selectedIconPath?: string }> };
  requiredPrivateInfos?: string[];
  permission?: Record<string, { desc?: string }>;
}

(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const config = require('../../../src/app.config').default as AppConfig;

/** The APIs requiredPrivateInfos governs (WeChat: 地理位置接口新增与相关流程调整), and the scope each needs. */
const PRIVACY_APIS: Record<string, string | null> = {
  getLocation: 'scope.userLocation',
  getFuzzyLocation: 'scope.userFuzzyLocation',
  onLocationChange: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
  chooseLocation: 'scope.userLocation',
  choosePoi: null,
  chooseAddress: null,
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.(tsx?|jsx?)$/.test(e.name) && !/\.test\./.test(e.name)) out.push(p);
  }
  return out;
}

const sources = sourceFiles(SRC).map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));

function calledPrivacyApis(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const { file, text } of sources) {
    for (const api of Object.keys(PRIVACY_APIS)) {
      if (new RegExp(`\\b(?:Taro|wx)\\.${api}\\s*\\(`).test(text)) used.set(api, [...(used.get(api) ?? []), file]);
    }
  }
  return used;
}

test('the scan finds what the app calls (chooseLocation in task-edit)', () => {
  expect(calledPrivacyApis().get('chooseLocation')).toContain(path.join('src', 'admin-community', 'task-edit', 'index.tsx'));
});

test('every privacy API called is declared in requiredPrivateInfos', () => {
  const declared = new Set(config.requiredPrivateInfos ?? []);
  const missing = [...calledPrivacyApis()].filter(([api]) => !declared.has(api)).map(([api, files]) => `${api} (${files.join(', ')})`);
  expect(missing).toEqual([]);
  for (const api of declared) expect(Object.keys(PRIVACY_APIS)).toContain(api);
  expect(declared.has('getLocation') && declared.has('getFuzzyLocation')).toBe(false);
});

test('every scope the code needs has a permission description', () => {
  const needed = new Set<string>();
  for (const [api] of calledPrivacyApis()) if (PRIVACY_APIS[api]) needed.add(PRIVACY_APIS[api]!);
  for (const { text } of sources) for (const m of text.matchAll(/['"](scope\.userLocation\w*|scope\.userFuzzyLocation)['"]/g)) needed.add(m[1]);
  const undocumented = [...needed].filter((s) => !(config.permission?.[s]?.desc ?? '').trim());
  expect(undocumented).toEqual([]);
});

test('every page, tabBar page and icon named in the app config exists', () => {
  const pageFile = (p: string) => ['.tsx', '.ts', '.jsx', '.js'].some((ext) => fs.existsSync(path.join(SRC, p + ext)));
  const pages = [...config.pages, ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  expect(pages.filter((p) => !pageFile(p))).toEqual([]);
  expect(new Set(pages).size).toBe(pages.length);
  for (const item of config.tabBar?.list ?? []) {
    expect(config.pages).toContain(item.pagePath);
    for (const icon of [item.iconPath, item.selectedIconPath].filter(Boolean) as string[]) {
      expect({ icon, exists: fs.existsSync(path.join(SRC, icon)) }).toEqual({ icon, exists: true });
    }
  }
});
