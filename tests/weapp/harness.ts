/**
 * Render the REAL compiled weapp pages (dist/, from `npm run build:weapp`) with miniprogram-simulate,
 * which runs WeChat's own wcc/wcsc compilers and a DOM of the page's WXML.
 *
 *   const page = await renderPage('pages/mine/index', {}, {
 *     cloud: (name, { action, data }) => ({ ok: true, data: {...} }),
 *   });
 *   await page.waitForText('个人信息');
 *   await page.tap('个人信息');
 *   expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pages/profile/index' });
 *
 * How it works (see /work/shared/notes/toolchain.md): simulate only knows `Component()`, so `Page()`
 * is mapped onto it (data, methods, onLoad/onShow/onReady/onUnload from the lifetimes);
 * `getCurrentPages`, `getApp` and a fake `wx.cloud` are set before dist/app.js is required (Taro
 * copies wx.cloud at launch). React renders asynchronously, so every query polls.
 * The app boots once per jest file (module registry); each route can be rendered once per file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ZodTypeAny } from 'zod';
import { contracts } from '../../core/contracts';

// eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load: (p: string, tag?: string | object, opts?: object) => string;
  render: (id: string, props?: object) => SimComponent;
};

export const DIST = path.resolve(__dirname, '../../dist');

export interface CloudCall {
  name: string;
  action: string;
  data: unknown;
}
/** Answer a `wx.cloud.callFunction`: return the function's result (`{ ok, data }` envelope) or throw to fail the call. */
export type CloudHandler = (name: string, request: { action: string; data: unknown }) => unknown;

export interface Navigation {
  type: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url?: string;
}

interface SimComponent {
  dom: HTMLElement;
  instance: Record<string, unknown>;
  attach: (parent: Element) => void;
  detach: () => void;
  querySelector: (sel: string) => SimComponent | undefined;
  querySelectorAll: (sel: string) => SimComponent[];
  dispatchEvent: (name: string, options?: { detail?: unknown; touches?: unknown[] }) => void;
  setData: (data: object) => void;
}

type AnyFn = (...args: unknown[]) => unknown;
interface Globals {
  wx: Record<string, unknown>;
  App: (o: Record<string, unknown>) => void;
  Page: (o: Record<string, unknown>) => void;
  Component: (o: Record<string, unknown>) => void;
  getApp: () => unknown;
  getCurrentPages: () => unknown[];
}

const state = {
  booted: false,
  app: null as Record<string, unknown> | null,
  handler: null as CloudHandler | null,
  calls: [] as CloudCall[],
  navigations: [] as Navigation[],
  toasts: [] as string[],
  modals: [] as { title: string; content: string }[],
  modalAnswer: true,
  pages: [] as Record<string, unknown>[],
  loading: null as { route: string; query: Record<string, string> } | null,
  privacyListener: null as ((resolve: (r: unknown) => void, info: unknown) => void) | null,
};

/**
 * Do what WeChat does before a privacy-related API call: call the app's
 * `wx.onNeedPrivacyAuthorization` listener. Resolves with what the app answers
 * (`{ event: 'agree', buttonId }` / `{ event: 'disagree' }`).
 */
export function triggerPrivacyAuthorization(referrer = 'getLocation'): Promise<{ event: string; buttonId?: string }> {
  const l = state.privacyListener;
  if (!l) return Promise.reject(new Error('the app never called wx.onNeedPrivacyAuthorization'));
  return new Promise((resolve) => l(resolve as (r: unknown) => void, { referrer }));
}

/** Answers that broke their function's output contract in the current test (failed in afterEach). */
const drifted: string[] = [];

/**
 * A canned `{ ok: true, data }` answer must be one the function could give: its data is parsed by the
 * action's output contract (core/contracts), so a test whose canned data drifted from the contract
 * fails instead of staying green. The answer is passed on unchanged.
 */
export function checkAnswer(name: string, action: string, result: unknown): unknown {
  if (!result || typeof result !== 'object' || (result as { ok?: unknown }).ok !== true) return result;
  const fn = (contracts as unknown as Record<string, Record<string, { output: ZodTypeAny } | undefined> | undefined>)[name];
  const contract = fn?.[action];
  if (!contract) throw new Error(`${name}.${action}: no such action in core/contracts`);
  const parsed = contract.output.safeParse((result as { data?: unknown }).data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${name}.${action}: canned answer does not match the output contract — ${issues}`);
  }
  return result;
}
/** checkAnswer inside a page's cloud call: the call fails, and so does the test (afterEach). */
function checkedAnswer(name: string, action: string, result: unknown): unknown {
  try {
    return checkAnswer(name, action, result);
  } catch (err) {
    drifted.push((err as Error).message);
    throw err;
  }
}
// pages render through polling: on the shared 2-core machine under load one takes longer than jest's 5 s
if (typeof jest !== 'undefined') jest.setTimeout(30_000);

if (typeof afterEach === 'function') {
  afterEach(() => {
    const found = drifted.splice(0);
    if (found.length) throw new Error(`canned cloud answers drifted from the contracts:\n${found.join('\n')}`);
  });
}

const NOT_MOCKED = (name: string, action: string) => ({ ok: false, code: 'NOT_MOCKED', message: `测试未提供 ${name}.${action} 的返回` });

function boot(): void {
  if (state.booted) return;
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error('dist/app.js missing: run `npm run build:weapp` first');
  const g = globalThis as unknown as Globals;
  const wx = g.wx;

  // cloud: every call is recorded, then answered by the test's handler (async, like the real one)
  wx.cloud = {
    init: () => undefined,
    callFunction(opts: { name: string; data: { action: string; data: unknown }; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) {
      const { name, data } = opts;
      state.calls.push({ name, action: data?.action, data: data?.data });
      const p = new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
        const h = state.handler;
        return h ? Promise.resolve(h(name, data)).then((result) => checkedAnswer(name, data?.action, result)) : NOT_MOCKED(name, data?.action);
      });
      return p.then(
        (result) => {
          const res = { errMsg: 'cloud.callFunction:ok', result, requestID: 'test' };
          opts.success?.(res);
          opts.complete?.(res);
          return res;
        },
        (err) => {
          const e = { errCode: (err as { errCode?: number })?.errCode ?? -504002, errMsg: `cloud.callFunction:fail ${String((err as Error)?.message ?? err)}` };
          opts.fail?.(e);
          opts.complete?.(e);
          throw e;
        },
      );
    },
  };

  // navigation, toasts and modals are recorded so tests can assert on them
  const nav = (type: Navigation['type']) => (opts: { url?: string; success?: AnyFn; complete?: AnyFn } = {}) => {
    state.navigations.push(opts.url === undefined ? { type } : { type, url: opts.url });
    const res = { errMsg: `${type}:ok` };
    opts.success?.(res);
    opts.complete?.(res);
    return Promise.resolve(res);
  };
  for (const t of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack'] as const) wx[t] = nav(t);
  wx.showToast = (opts: { title: string; success?: AnyFn }) => {
    state.toasts.push(opts.title);
    opts.success?.({ errMsg: 'showToast:ok' });
    return Promise.resolve({ errMsg: 'showToast:ok' });
  };
  wx.showModal = (opts: { title: string; content?: string; success?: AnyFn; complete?: AnyFn }) => {
    state.modals.push({ title: opts.title, content: opts.content ?? '' });
    const res = { errMsg: 'showModal:ok', confirm: state.modalAnswer, cancel: !state.modalAnswer };
    opts.success?.(res);
    opts.complete?.(res);
    return Promise.resolve(res);
  };
  // storage as the device keeps it across pages (miniprogram-simulate's is a no-op): tests seed and read `storage`
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  wx.stopPullDownRefresh = () => Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' });
  wx.onNeedPrivacyAuthorization = (listener: (resolve: (r: unknown) => void, info: unknown) => void) => {
    state.privacyListener = listener;
  };

  g.App = (options) => {
    state.app = options;
  };
  g.getApp = () => state.app;
  g.getCurrentPages = () => state.pages.slice();
  g.Page = (options) => g.Component(pageAsComponent(options));

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'));
  const app = state.app as Record<string, AnyFn> | null;
  if (!app) throw new Error('dist/app.js did not call App()');
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);
  state.booted = true;
}

const NOT_METHODS = new Set(['data', 'options', 'config']);

/** Map a Taro `Page(options)` onto `Component()`: page methods become component methods. */
function pageAsComponent(options: Record<string, unknown>): Record<string, unknown> {
  const loading = state.loading;
  if (!loading) throw new Error('Page() called outside renderPage');
  const methods: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (typeof v === 'function' && !NOT_METHODS.has(k)) methods[k] = v; // lifecycles too: Taro reads this.onReady
  const call = (self: Record<string, unknown>, name: string, ...args: unknown[]) => (self[name] as AnyFn | undefined)?.apply(self, args);
  return {
    data: options.data ?? {},
    methods,
    lifetimes: {
      attached(this: Record<string, unknown>) {
        // what Taro reads from a page instance
        this.route = loading.route;
        this.__route__ = loading.route;
        this.options = loading.query;
        this.config = options.config;
        state.pages.push(this);
        call(this, 'onLoad', { ...loading.query });
      },
      ready(this: Record<string, unknown>) {
        call(this, 'onShow');
        call(this, 'onReady');
      },
      detached(this: Record<string, unknown>) {
        call(this, 'onUnload');
        state.pages = state.pages.filter((p) => p !== this);
      },
    },
  };
}

export interface RenderOptions {
  /** answers wx.cloud.callFunction; default: every call fails with NOT_MOCKED */
  cloud?: CloudHandler;
  /** what wx.showModal answers (confirm by default) */
  confirmModals?: boolean;
}

export interface RenderedPage {
  root: SimComponent;
  /** the page instance (Taro's page config methods + data) */
  instance: Record<string, unknown>;
  /** every wx.cloud.callFunction made since the app booted */
  calls: CloudCall[];
  navigations: Navigation[];
  toasts: string[];
  modals: { title: string; content: string }[];
  /** visible text of the page, whitespace collapsed */
  text: () => string;
  /** poll until `text` appears (default 3 s) */
  waitForText: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  /** poll until `text` is gone */
  waitForNoText: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  /** poll until `cond()` is true */
  waitFor: (cond: () => boolean, timeoutMs?: number, what?: string) => Promise<void>;
  /** tap the innermost element whose text contains `text` (bubbles like WeChat) */
  tap: (text: string | RegExp) => Promise<void>;
  /** fire a non-bubbling component event on the element with `text`, e.g. `fire('同意', 'agreeprivacyauthorization')` */
  fire: (text: string | RegExp, type: string, detail?: Record<string, unknown>) => Promise<void>;
  /** choose `value` in the n-th <picker> of the page (its change event) */
  pick: (index: number, value: string) => Promise<void>;
  /** type into the n-th <input>/<textarea> (0-based) or the one whose placeholder contains `placeholder` */
  input: (which: number | string, value: string) => Promise<void>;
  /** fire another event on a field, e.g. `fieldEvent('查找', 'confirm', { value: '张' })` (keyboard 搜索) */
  fieldEvent: (which: number | string, type: string, detail?: Record<string, unknown>) => Promise<void>;
  /** run the page's pull-down refresh */
  pullDownRefresh: () => Promise<void>;
  unmount: () => void;
}

const rendered = new Set<string>();

/**
 * Render compiled page `route` (e.g. 'pages/mine/index', 'admin-community/reports/index') with the
 * page query `query` (as onLoad receives it, e.g. `{ scene: encodeURIComponent('c=abc') }`).
 */
export async function renderPage(route: string, query: Record<string, string> = {}, opts: RenderOptions = {}): Promise<RenderedPage> {
  route = route.replace(/^\//, '');
  boot();
  state.handler = opts.cloud ?? null;
  state.modalAnswer = opts.confirmModals ?? true;
  if (rendered.has(route)) throw new Error(`${route} was already rendered in this test file (load each route once)`);
  rendered.add(route);

  const file = path.join(DIST, route);
  if (!fs.existsSync(`${file}.js`)) throw new Error(`${route} is not in dist/ (registered in src/app.config.ts? built?)`);
  state.loading = { route, query };
  let id: string;
  try {
    id = simulate.load(file, { rootPath: DIST });
  } finally {
    // Page() ran synchronously inside load(); keep `loading` for attached()
  }
  const root = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  root.attach(parent);
  state.loading = null;

  const text = () => (root.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
  const matches = (t: string | RegExp) => (typeof t === 'string' ? text().includes(t) : t.test(text()));
  const waitFor = async (cond: () => boolean, timeoutMs = 3000, what = 'condition') => {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page text: ${text().slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  const field = async (which: number | string): Promise<HTMLElement> => {
    const all = () => Array.from(root.dom.querySelectorAll('wx-input, wx-textarea')) as HTMLElement[];
    // WXML properties (placeholder…) are not DOM attributes here: read them from Taro's page data,
    // where each node carries its props under short keys next to its `sid`.
    const pick = () => (typeof which === 'number' ? all()[which] : all().find((f) => nodeProps(root, nodeId(f)).some((v) => v.includes(which))));
    await waitFor(() => !!pick(), 3000, `input ${String(which)}`);
    return pick() as HTMLElement;
  };

  const page: RenderedPage = {
    root,
    instance: state.pages[state.pages.length - 1] ?? {},
    calls: state.calls,
    navigations: state.navigations,
    toasts: state.toasts,
    modals: state.modals,
    text,
    waitFor,
    waitForText: (t, ms) => waitFor(() => matches(t), ms, `text ${String(t)}`),
    waitForNoText: (t, ms) => waitFor(() => !matches(t), ms, `no text ${String(t)}`),
    async tap(t) {
      await waitFor(() => matches(t), 3000, `text ${String(t)}`);
      const el = innermost(root.dom, t);
      if (!el) throw new Error(`no element with text ${String(t)}`);
      dispatch(root, el, 'tap', {});
      await settle();
    },
    async fire(t, type, detail = {}) {
      await waitFor(() => matches(t), 3000, `text ${String(t)}`);
      const el = innermost(root.dom, t);
      if (!el) throw new Error(`no element with text ${String(t)}`);
      dispatch(root, el, type, detail, false);
      await settle();
    },
    async pick(index, value) {
      await waitFor(() => root.dom.querySelectorAll('wx-picker').length > index, 3000, `picker ${index}`);
      dispatch(root, root.dom.querySelectorAll('wx-picker')[index] as HTMLElement, 'change', { value }, false);
      await settle();
    },
    async input(which, value) {
      await page.fieldEvent(which, 'input', { value, cursor: value.length, keyCode: 0 });
    },
    async fieldEvent(which, type, detail = {}) {
      const el = await field(which);
      dispatch(root, el, type, detail, false);
      await settle();
    },
    async pullDownRefresh() {
      const inst = page.instance as Record<string, AnyFn>;
      inst.onPullDownRefresh?.call(inst);
      await settle();
    },
    unmount() {
      root.detach();
      parent.remove();
    },
  };
  return page;
}

/** Let React commit and Taro's setData reach the DOM. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 30));
}

/** String props of the Taro node `sid` in the page's data (placeholder, value, …). */
function nodeProps(root: SimComponent, sid: string): string[] {
  let found: string[] = [];
  const walk = (o: unknown, depth: number): boolean => {
    if (!o || typeof o !== 'object' || depth > 200) return false;
    const n = o as Record<string, unknown>;
    if (n.sid === sid) {
      found = Object.entries(n).filter(([k, v]) => typeof v === 'string' && !['sid', 'nn', 'cl', 'st'].includes(k)).map(([, v]) => v as string);
      return true;
    }
    return Object.values(n).some((v) => walk(v, depth + 1));
  };
  walk((root.instance as { data?: unknown }).data, 0);
  return found;
}

/**
 * The element to tap for `t`: the deepest element whose whole text is `t` (a button, a menu item),
 * else the deepest element containing it.
 */
function innermost(root: HTMLElement, t: string | RegExp): HTMLElement | null {
  const norm = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const exact = (Array.from(root.querySelectorAll('*')) as HTMLElement[]).filter((el) => (typeof t === 'string' ? norm(el) === t : false));
  if (exact.length) return deepestExact(exact[0], t as string); // first in page order
  const has = (el: Element) => {
    const s = norm(el);
    return typeof t === 'string' ? s.includes(t) : t.test(s);
  };
  let found: HTMLElement | null = null;
  const walk = (el: HTMLElement) => {
    if (!has(el)) return;
    found = el;
    for (const c of Array.from(el.children) as HTMLElement[]) {
      if (has(c)) {
        walk(c);
        return;
      }
    }
  };
  walk(root);
  return found;
}

/**
 * Fire a WeChat event the way the platform does: Taro binds `eh` on elements by id, and a bubbling
 * event calls `eh` on each bound ancestor with that ancestor as currentTarget. Every Taro element
 * carries its node id in `id` (uid) or `data-sid`, which is all Taro's handler reads.
 */
function dispatch(root: SimComponent, el: HTMLElement, type: string, detail: Record<string, unknown>, bubbles = true): void {
  const inst = root.instance as Record<string, AnyFn>;
  const eh = inst.eh;
  if (typeof eh !== 'function') throw new Error('page has no Taro event handler (eh)');
  const targetId = nodeId(el);
  const chain: HTMLElement[] = [];
  for (let cur: HTMLElement | null = el; cur && cur !== root.dom.parentElement; cur = cur.parentElement) {
    if (nodeId(cur)) chain.push(cur);
    if (!bubbles) break;
  }
  if (!chain.length) throw new Error('tapped element has no Taro node id');
  const target = { id: targetId, dataset: { sid: targetId } };
  for (const cur of chain) {
    const id = nodeId(cur);
    const currentTarget = { id, dataset: { sid: id } };
    eh.call(inst, { type, timeStamp: Date.now(), target, currentTarget, detail, touches: [], changedTouches: [], mpEvent: undefined });
  }
}

function deepestExact(el: HTMLElement, t: string): HTMLElement {
  for (const c of Array.from(el.children) as HTMLElement[]) if ((c.textContent ?? '').replace(/\s+/g, ' ').trim() === t) return deepestExact(c, t);
  return el;
}

function nodeId(el: HTMLElement): string {
  return el.getAttribute?.('data-sid') || el.getAttribute?.('id') || '';
}

/** wx storage (setStorageSync and friends) of this test file's app */
export const storage = new Map<string, unknown>();

export function resetRecorded(): void {
  state.calls.length = 0;
  state.navigations.length = 0;
  state.toasts.length = 0;
  state.modals.length = 0;
}
