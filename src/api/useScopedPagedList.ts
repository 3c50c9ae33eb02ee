import { useRef, useState, type DependencyList } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { usePagedList, type Page, type PagedList } from './usePagedList';

export const SCOPED_PAGE_SIZE = 20;

export interface ScopedPagedList<S, T> {
  /** the status tab shown */
  status: S;
  setStatus: (status: S) => void;
  list: PagedList<T>;
}

export interface ScopedPagedListOptions {
  /** more state the query reads besides scope and status (search text, filters) */
  deps?: DependencyList;
  /** load page 1 again when the page shows after another page closed over it (e.g. an editor) */
  reloadOnShow?: boolean;
}

/**
 * An admin page's list of one scope (community / unit) under a status tab, paged on the server:
 * empty until the scope is known, next page at the bottom, page 1 again on pull-down.
 * `const { status, setStatus, list } = useScopedPagedList(scope.scopeId, 'pending', (id, status, page, pageSize) => api.x.list({ communityId: id, status, page, pageSize }))`.
 * Not exported from the `api` barrel: only subpackage pages use it, so it stays out of the main package.
 */
export function useScopedPagedList<S, T>(
  scopeId: string | null,
  initialStatus: S,
  load: (scopeId: string, status: S, page: number, pageSize: number) => Promise<Page<T>>,
  options: ScopedPagedListOptions = {},
): ScopedPagedList<S, T> {
  const [status, setStatus] = useState<S>(initialStatus);
  const list = usePagedList<T>(
    (page) => (scopeId ? load(scopeId, status, page, SCOPED_PAGE_SIZE) : Promise.resolve({ items: [], total: 0, page, pageSize: SCOPED_PAGE_SIZE })),
    [scopeId, status, ...(options.deps ?? [])],
  );
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && options.reloadOnShow) void list.reload();
    shown.current = true;
  });
  return { status, setStatus, list };
}
