/**
 * h5 end-to-end helpers (playwright-core + system chromium). Specs register tests with `test()`;
 * `run.ts` starts the stack, sets the base URL and runs them one by one.
 *
 *   test('member sees home', async () => {
 *     const page = await openAs('demo-member-1', '/pages/index/index');
 *     await waitForText(page, '我的报到');
 *     await screenshot(page, 'home-member');
 *   });
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type TestFn = () => Promise<void>;
export const registry: { name: string; fn: TestFn; file: string }[] = [];
let currentFile = '';
export function setCurrentFile(file: string): void {
  currentFile = file;
}

/** Register an e2e test (runs in file order, one at a time). */
export function test(name: string, fn: TestFn): void {
  registry.push({ name, fn, file: currentFile });
}

let browser: Browser | null = null;
let userDataDir = '';
let baseUrl = '';
let lastPage: Page | null = null;

/** The page opened last (the runner screenshots it when a test fails). */
export function getLastPage(): Page | null {
  return lastPage && !lastPage.isClosed() ? lastPage : null;
}
const contexts: BrowserContext[] = [];

export async function startBrowser(): Promise<void> {
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-e2e-chromium-'));
  // a fresh profile per run: playwright's launch() makes its own temp profile; we also point the
  // disk cache at ours so nothing from another run leaks in.
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, `--disk-cache-dir=${userDataDir}`] });
}

export async function stopBrowser(): Promise<void> {
  await closeContexts();
  await browser?.close();
  browser = null;
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
}

/** The seeded stack's database (run.ts sets it): specs move stored times with `shiftTimes` instead of waiting. */
interface StoreLike {
  find(c: string, query: Record<string, unknown>): { docs: Record<string, unknown>[] };
  commit(changes: { c: string; id: string; doc: Record<string, unknown> | null }[]): void;
}
let store: StoreLike | null = null;
export function setStore(s: StoreLike): void {
  store = s;
}

/**
 * The e2e clock: move the Date `fields` of every document of `c` matching `query` by `ms` (negative =
 * into the past), so "the task started a minute ago" needs no real minute of waiting. Only stored
 * times move; every check still runs in the functions against their own real "now".
 */
export function shiftTimes(c: string, query: Record<string, unknown>, ms: number, fields: string[]): number {
  if (!store) throw new Error('store not set (run through tests/e2e/run.ts)');
  const { docs } = store.find(c, query);
  store.commit(docs.map((d) => {
    const doc = { ...d };
    for (const f of fields) if (doc[f] instanceof Date) doc[f] = new Date((doc[f] as Date).getTime() + ms);
    return { c, id: String(d._id), doc };
  }));
  return docs.length;
}

export function setBaseUrl(url: string): void {
  baseUrl = url.replace(/\/$/, '');
}
export function getBaseUrl(): string {
  return baseUrl;
}

/** Close every page opened by the last test (the runner calls this between tests). */
export async function closeContexts(): Promise<void> {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
}

export interface OpenOptions {
  /** pre-accept the h5 privacy sheet (default true); false to test the sheet itself */
  privacyAgreed?: boolean;
  /** phone-sized viewport by default */
  viewport?: { width: number; height: number };
}

/**
 * Open `route` (e.g. '/pages/mine/index', query allowed) in a fresh browser context signed in as
 * demo user `openid` (null: no identity chosen yet). Uncaught errors are collected on `page.errors`,
 * console warnings and errors on `page.warnings`.
 */
export async function openAs(openid: string | null, route: string, opts: OpenOptions = {}): Promise<Page & { errors: string[]; warnings: string[] }> {
  if (!browser) throw new Error('browser not started (run through tests/e2e/run.ts)');
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 375, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const agreed = opts.privacyAgreed ?? true;
  await context.addInitScript(
    ([id, ok]) => {
      if (sessionStorage.getItem('sbd.e2e.init')) return; // only on the first load: the app may change these
      sessionStorage.setItem('sbd.e2e.init', '1');
      if (id) localStorage.setItem('sbd.devOpenid', id as string);
      else localStorage.removeItem('sbd.devOpenid');
      if (ok) localStorage.setItem(`sbd.privacyAgreed.v1:${id ?? ''}`, '1'); // src/privacy/state.ts
    },
    [openid, agreed] as const,
  );
  const page = (await context.newPage()) as Page & { errors: string[]; warnings: string[] };
  lastPage = page;
  page.errors = [];
  page.warnings = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') page.warnings.push(m.text());
  });
  await page.goto(`${baseUrl}/#${route.startsWith('/') ? route : `/${route}`}`);
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** Navigate inside an open page (hash route) and let the transition finish. */
export async function go(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    location.hash = `#${r}`;
  }, route.startsWith('/') ? route : `/${route}`);
  await page.waitForTimeout(500);
}

/** Wait until `text` is visible on the current page (Taro h5 keeps old pages hidden in the DOM). */
export async function waitForText(page: Page, text: string | RegExp, timeoutMs = 8000): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Fail if `text` is visible now. */
export async function expectNoText(page: Page, text: string | RegExp): Promise<void> {
  const n = await page.getByText(text).filter({ visible: true }).count();
  if (n > 0) throw new Error(`did not expect to see ${String(text)}`);
}

/** Tap the first visible element with `text`. */
export async function tapText(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().click();
}

/**
 * Save artifacts/screenshots/<name>.png once the page is still: no route transition or other finite
 * animation running (spinners loop forever and are ignored), and at least 200 ms after the call so
 * an answer already on its way gets drawn.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const floor = page.waitForTimeout(200);
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 2000, polling: 50 })
    .catch(() => undefined);
  await floor;
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Call cloud function `fn` as demo user `openid` through the gateway (as wx.cloud.callFunction does:
 * `{ errMsg, result }` with our envelope in result); answers `data`, throws on `{ ok: false }`.
 */
export async function callAs(openid: string, fn: string, action: string, data: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify({ action, data }) });
  const body = (await res.json()) as { result?: { ok: boolean; data?: any; code?: string; message?: string }; errMsg?: string };
  const r = body.result;
  if (!r?.ok) throw new Error(`${fn}.${action}: ${r?.code ?? body.errMsg} ${r?.message ?? ''}`);
  return r.data;
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/**
 * The consent dialog asked at a natural tap (h5 stand-in of wx.requestSubscribeMessage): waits for
 * it (it must appear), checks what it names, answers it, and with 允许 checks the consent reached
 * the local open-API emulation for `template`.
 */
export async function answerConsent(page: Page, opts: { names: string; allow: boolean; openid?: string; template?: string; shot?: string }): Promise<void> {
  await waitForText(page, '接收通知');
  await waitForText(page, opts.names);
  if (opts.shot) await screenshot(page, opts.shot);
  await page.locator('.taro-modal__foot').getByText(opts.allow ? '允许' : '拒绝', { exact: true }).click();
  if (opts.allow && opts.openid && opts.template) {
    const tpl = opts.template;
    const who = opts.openid;
    for (let i = 0; ; i++) {
      const counted = await fetch(`${getBaseUrl()}/__emulator/subscriptions?openid=${encodeURIComponent(who)}`).then((r) => r.text());
      if (counted.includes(tpl)) break;
      if (i >= 40) throw new Error(`consent for ${tpl} not recorded: ${counted.slice(0, 200)}`);
      await page.waitForTimeout(100);
    }
  }
}
