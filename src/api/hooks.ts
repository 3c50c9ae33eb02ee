import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { toastError, toastSuccess } from '../components/feedback';
import { ApiError } from './errors';
import { newRequestId } from './requestId';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** true until the first answer (or while reloading after an error) — show a skeleton */
  loading: boolean;
  /** true while a reload runs over data already shown — keep the data on screen */
  refreshing: boolean;
  /** run the query again; resolves when done (never rejects), e.g. for pull-down refresh */
  reload: () => Promise<void>;
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('CLIENT_ERROR', '出了点问题，请稍后重试', err instanceof Error ? err.message : err);
}

/**
 * Load data when the page opens and whenever `deps` change:
 * `const { data, error, loading, reload } = useQuery(() => api.points.balance(), [])`.
 * Answers to an older request are dropped, so fast changes of `deps` can't show stale data.
 */
export function useQuery<T>(load: () => Promise<T>, deps: DependencyList): QueryState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setBusy(true);
    try {
      const value = await loadRef.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(undefined);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(asApiError(err));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, []);

  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => () => {
    seq.current++; // unmounted: ignore answers still in flight
  }, []);

  return { data, error, loading: busy && (data === undefined || error !== undefined), refreshing: busy && data !== undefined, reload };
}

export interface ActionOptions<R> {
  /** toast shown after success, e.g. '已提交' */
  success?: string;
  onSuccess?: (result: R) => void;
  /**
   * A creating action whose page leaves after success: stay `done` (and ignore taps) from then
   * on, so a second tap while the page closes cannot create a second thing.
   */
  once?: boolean;
}


/**
 * One `requestId` per form, kept while the page lives: `const rid = useRequestId()`, send
 * `rid.current`, call `rid.renew()` after a success when the same form creates another thing.
 */
export function useRequestId(): { current: string; renew: () => void } {
  const [current, setCurrent] = useState(newRequestId);
  const renew = useCallback(() => setCurrent(newRequestId()), []);
  return { current, renew };
}

/**
 * Wrap a write: `const submit = useAction((v) => api.report.submit(v), { success: '已提交' })`,
 * then `submit.run(v)`. Ignores taps while one is running (no double submit), shows the server's
 * Chinese message as a toast on failure, and resolves to the result or `undefined` on failure.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>, options: ActionOptions<R> = {}) {
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError>();
  const running = useRef(false);
  const finished = useRef(false);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const optRef = useRef(options);
  optRef.current = options;

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current || finished.current) return undefined;
    running.current = true;
    setLoading(true);
    setError(undefined);
    try {
      const result = await fnRef.current(...args);
      if (optRef.current.once && result != null) { finished.current = true; setDone(true); } // null: nothing was sent (form error)
      if (optRef.current.success) toastSuccess(optRef.current.success);
      optRef.current.onSuccess?.(result);
      return result;
    } catch (err) {
      const e = asApiError(err);
      setError(e);
      toastError(e);
      return undefined;
    } finally {
      running.current = false;
      setLoading(false);
    }
  }, []);

  /** `busy`: disable the button (running, or done for a `once` action) */
  return { run, loading, error, done, busy: loading || done };
}

/** Same as useAction; the name many people reach for. */
export const useMutation = useAction;
