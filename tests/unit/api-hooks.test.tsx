/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { useAction, useQuery, type QueryState } from '../../src/api/hooks';
import { ApiError } from '../../src/api/errors';

const toasts: { title: string; icon?: string }[] = [];
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    showToast: (o: { title: string; icon?: string }) => {
      toasts.push(o);
      return Promise.resolve();
    },
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function mount<T>(useHook: () => T): { current: () => T; unmount: () => void } {
  let value: T;
  function Probe() {
    value = useHook();
    return null;
  }
  const el = document.createElement('div');
  const root = createRoot(el);
  act(() => root.render(<Probe />));
  return { current: () => value, unmount: () => act(() => root.unmount()) };
}

beforeEach(() => {
  toasts.length = 0;
});

test('useQuery: loading → data; reload keeps data on screen (refreshing) and an answer to an older request is dropped', async () => {
  const answers = [deferred<string>(), deferred<string>(), deferred<string>()];
  let n = 0;
  const h = mount<QueryState<string>>(() => useQuery(() => answers[n++].promise, []));
  expect(h.current().loading).toBe(true);
  await act(async () => answers[0].resolve('first'));
  expect(h.current()).toMatchObject({ data: 'first', loading: false, refreshing: false });

  // two reloads in flight; the older one answers last and must not win
  let r1!: Promise<void>;
  let r2!: Promise<void>;
  act(() => {
    r1 = h.current().reload();
    r2 = h.current().reload();
  });
  expect(h.current()).toMatchObject({ data: 'first', loading: false, refreshing: true });
  await act(async () => {
    answers[2].resolve('newest');
    await r2;
  });
  await act(async () => {
    answers[1].resolve('stale');
    await r1;
  });
  expect(h.current().data).toBe('newest');
  h.unmount();
});

test('useQuery: an ApiError is kept with its Chinese message; a non-ApiError becomes a generic one', async () => {
  const h = mount(() => useQuery(() => Promise.reject(new ApiError('FORBIDDEN', '您没有权限进行此操作')), []));
  await act(async () => undefined);
  expect(h.current().error?.message).toBe('您没有权限进行此操作');
  expect(h.current().loading).toBe(false);
  h.unmount();

  const g = mount(() => useQuery(() => Promise.reject(new TypeError('x is undefined')), []));
  await act(async () => undefined);
  expect(g.current().error?.code).toBe('CLIENT_ERROR');
  expect(g.current().error?.message).toBe('出了点问题，请稍后重试');
  g.unmount();
});

test('useAction: ignores a second tap while running, toasts success, toasts the error message on failure', async () => {
  const d = deferred<number>();
  const fn = jest.fn(() => d.promise);
  const h = mount(() => useAction(fn, { success: '已提交' }));
  let first!: Promise<number | undefined>;
  let second!: Promise<number | undefined>;
  act(() => {
    first = h.current().run();
    second = h.current().run();
  });
  expect(fn).toHaveBeenCalledTimes(1);
  expect(h.current().loading).toBe(true);
  await act(async () => d.resolve(7));
  await expect(first).resolves.toBe(7);
  await expect(second).resolves.toBeUndefined();
  expect(toasts).toEqual([{ title: '已提交', icon: 'success', duration: 1500 }]);

  const failing = mount(() => useAction(() => Promise.reject(new ApiError('SLOT_FULL', '名额已满')), { success: '已报名' }));
  let res!: Promise<unknown>;
  await act(async () => {
    res = failing.current().run();
    await res;
  });
  await expect(res).resolves.toBeUndefined();
  expect(failing.current().error?.code).toBe('SLOT_FULL');
  expect(toasts[1]).toMatchObject({ title: '名额已满', icon: 'none' });
  h.unmount();
  failing.unmount();
});
