import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from './errors';
import { toastError } from '../components/feedback';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PagedList<T> {
  items: T[];
  total: number;
  /** first page loading (show the skeleton) */
  loading: boolean;
  /** a further page loading (show 加载中… in the footer) */
  loadingMore: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  /** start again from page 1, e.g. on pull-down refresh or after a change */
  reload: () => Promise<void>;
}

/**
 * Server-side paging for any `pageOf(item)` action:
 * `const list = usePagedList((page) => api.task.history({ page, pageSize: 20 }), [])`,
 * then `useReachBottom(list.loadMore)` and `<ListFooter hasMore={list.hasMore} … />`.
 */
export function usePagedList<T>(load: (page: number) => Promise<Page<T>>, deps: DependencyList): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError>();
  const seq = useRef(0);
  const busy = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (n: number) => {
    const mine = n === 1 ? ++seq.current : seq.current;
    busy.current = true;
    if (n === 1) setLoading(true);
    else setLoadingMore(true);
    try {
      const res = await loadRef.current(n);
      if (mine !== seq.current) return;
      setItems((prev) => (n === 1 ? res.items : prev.concat(res.items)));
      setTotal(res.total);
      setPage(n);
      setError(undefined);
    } catch (err) {
      if (mine !== seq.current) return;
      const e = err instanceof ApiError ? err : new ApiError('CLIENT_ERROR', '出了点问题，请稍后重试');
      if (n === 1) setError(e);
      else toastError(e);
    } finally {
      if (mine === seq.current) {
        busy.current = false;
        setLoading(false);
        setLoadingMore(false);
      }
    }
  }, []);

  const reload = useCallback(() => fetchPage(1), [fetchPage]);
  const hasMore = page > 0 && items.length < total;
  const loadMore = useCallback(async () => {
    if (busy.current || !hasMore) return;
    await fetchPage(page + 1);
  }, [fetchPage, hasMore, page]);

  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { items, total, loading, loadingMore, error, hasMore, loadMore, reload };
}
