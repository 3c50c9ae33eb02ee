/**
 * @jest-environment jsdom
 */
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DRAFT_DEBOUNCE_MS, DRAFT_TTL_MS, draftKey, readDraft, writeDraft, type DraftStorage } from '../../src/components/sub/draftStore';
import { useDraft, type DraftState } from '../../src/components/sub/useDraft';

// the h5 build's platform part (owner from the demo sign-in, a write on pagehide); weapp's adds nothing
jest.mock('../../src/components/sub/draftPlatform', () => jest.requireActual('../../src/components/sub/draftPlatform.h5'));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidHide: () => undefined }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function memory(): DraftStorage & { map: Map<string, unknown>; writes: number } {
  const map = new Map<string, unknown>();
  const s = { map, writes: 0, get: (k: string) => map.get(k) ?? '', set: (k: string, v: unknown) => { s.writes++; map.set(k, v); }, remove: (k: string) => void map.delete(k) };
  return s;
}

interface Form { title: string }
interface Opts { id?: string; ready?: boolean; enabled?: boolean; start?: Form }

/** a form page: its value, and the draft hook over it */
function mount(storage: DraftStorage, clock: { now: number }, o: Opts = {}) {
  let api!: { form: Form; set: (f: Form) => void; draft: DraftState };
  function Page(p: Opts) {
    const [form, set] = useState<Form>(p.start ?? { title: '' });
    const draft = useDraft({ page: 'test-form', id: p.id, value: form, apply: set, ready: p.ready ?? true, enabled: p.enabled, storage, now: () => clock.now });
    api = { form, set, draft };
    return null;
  }
  const root = createRoot(document.createElement('div'));
  const render = (p: Opts) => act(() => root.render(<Page {...o} {...p} />));
  render({});
  return { get: () => api, type: (title: string) => act(() => api.set({ title })), render, unmount: () => act(() => root.unmount()) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());
const pause = () => act(() => jest.advanceTimersByTime(DRAFT_DEBOUNCE_MS));

test('the key is per page and item; a new item is "new"', () => {
  expect(draftKey('pledge-edit', 'p1')).toBe('draft:pledge-edit:p1');
  expect(draftKey('pledge-edit', undefined)).toBe('draft:pledge-edit:new');
  expect(draftKey('pledge-edit', '')).toBe('draft:pledge-edit:new');
  // h5's demo users share a browser: each has their own drafts
  expect(draftKey('pledge-edit', undefined, 'demo-member-1')).toBe('draft:pledge-edit:new:demo-member-1');
});

test('typing is written after a pause, and a reopened form shows it with the hint; another item does not', () => {
  const s = memory();
  const clock = { now: 1_000_000 };
  const a = mount(s, clock, { id: 'p1' });
  a.type('楼');
  a.type('楼道清理');
  expect(s.writes).toBe(0); // still typing
  pause();
  expect(s.writes).toBe(1);
  expect(readDraft(s, draftKey('test-form', 'p1'), clock.now)).toEqual({ title: '楼道清理' });
  a.unmount();

  const again = mount(s, clock, { id: 'p1' });
  expect(again.get().form.title).toBe('楼道清理');
  expect(again.get().draft.restored).toBe(true);
  const other = mount(s, clock, { id: 'p2' });
  expect(other.get().form.title).toBe('');
  expect(other.get().draft.restored).toBe(false);
});

test('leaving within the pause still keeps the last keystrokes', () => {
  const s = memory();
  const a = mount(s, { now: 5 });
  a.type('最后几个字');
  a.unmount();
  expect(readDraft(s, draftKey('test-form'), 5)).toEqual({ title: '最后几个字' });
});

test('h5: a reload within the pause (pagehide) still writes the last keystrokes; the key is the demo user\'s', () => {
  const s = memory();
  localStorage.setItem('sbd.devOpenid', 'demo-member-1');
  try {
    const a = mount(s, { now: 5 });
    a.type('刚打的字');
    act(() => void window.dispatchEvent(new Event('pagehide')));
    expect(readDraft(s, draftKey('test-form', undefined, 'demo-member-1'), 5)).toEqual({ title: '刚打的字' });
    a.unmount();
  } finally {
    localStorage.removeItem('sbd.devOpenid');
  }
});

test('a draft older than a day is ignored and removed', () => {
  const s = memory();
  const key = draftKey('test-form', 'p1');
  writeDraft(s, key, { title: '旧的' }, 0);
  expect(readDraft(s, key, DRAFT_TTL_MS)).toEqual({ title: '旧的' });
  const a = mount(s, { now: DRAFT_TTL_MS + 1 }, { id: 'p1' });
  expect(a.get().form.title).toBe('');
  expect(a.get().draft.restored).toBe(false);
  expect(s.map.has(key)).toBe(false);
});

test('restoring waits for the stored item; 清空 goes back to it and removes the draft', () => {
  const s = memory();
  const key = draftKey('test-form', 'p1');
  writeDraft(s, key, { title: '改过的标题' }, 0);
  const a = mount(s, { now: 10 }, { id: 'p1', ready: false });
  expect(a.get().draft.settled).toBe(false);
  expect(a.get().form.title).toBe('');
  // the page loads the stored item into the form, then says it is ready
  a.type('原来的标题');
  a.render({ ready: true });
  expect(a.get().draft.settled).toBe(true);
  expect(a.get().form.title).toBe('改过的标题');
  expect(a.get().draft.restored).toBe(true);
  act(() => a.get().draft.discard());
  expect(a.get().form.title).toBe('原来的标题');
  expect(a.get().draft.restored).toBe(false);
  expect(s.map.has(key)).toBe(false);
  pause();
  expect(s.map.has(key)).toBe(false);
  // typing back to the stored item's text keeps nothing
  a.type('又改了');
  pause();
  expect(s.map.has(key)).toBe(true);
  a.type('原来的标题');
  pause();
  expect(s.map.has(key)).toBe(false);
});

test('a successful submit clears the draft, also one still waiting to be written', () => {
  const s = memory();
  const key = draftKey('test-form');
  const a = mount(s, { now: 10 });
  a.type('群发内容');
  pause();
  expect(s.map.has(key)).toBe(true);
  a.type('群发内容，补充一句');
  act(() => a.get().draft.clear());
  pause();
  a.unmount();
  expect(s.map.has(key)).toBe(false);
});

test('a read-only view stores nothing and restores nothing', () => {
  const s = memory();
  const key = draftKey('test-form', 'p1');
  writeDraft(s, key, { title: '草稿' }, 0);
  s.writes = 0;
  const a = mount(s, { now: 10 }, { id: 'p1', enabled: false, start: { title: '已公示的承诺' } });
  expect(a.get().draft.settled).toBe(true);
  expect(a.get().form.title).toBe('已公示的承诺');
  a.type('改不了');
  pause();
  a.unmount();
  expect(s.writes).toBe(0);
  expect(s.map.get(key)).toEqual({ v: { title: '草稿' }, at: 0 });
});
