import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CLIENT_ERROR, type ApiError, type ApiResult } from './api.ts';

export interface Loaded<T> {
  /** Last good data (kept while reloading, so the page does not flash). */
  data: T | undefined;
  /** Last failure, cleared by the next success. */
  error: ApiError | undefined;
  loading: boolean;
  /** Fetch again (after a change, or from a "Coba lagi" button). */
  reload: () => void;
}

/**
 * Loads data for a page. `key` identifies what is loaded (e.g. the region
 * code): when it changes the old data is dropped; in-flight requests are
 * aborted on change and on unmount.
 */
export function useApi<T>(
  fetcher: (signal: AbortSignal) => Promise<ApiResult<T>>,
  key = '',
): Loaded<T> {
  const [state, setState] = useState<{
    key: string;
    data: T | undefined;
    error: ApiError | undefined;
    loading: boolean;
  }>({ key, data: undefined, error: undefined, loading: true });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);
  // Layout effects run before effects, so the load below sees the latest fetcher.
  useLayoutEffect(() => {
    fetcherRef.current = fetcher;
  });

  useEffect(() => {
    const controller = new AbortController();
    setState((s) =>
      s.key === key
        ? { ...s, loading: true }
        : { key, data: undefined, error: undefined, loading: true },
    );
    void fetcherRef.current(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) {
        setState({ key, data: result.data, error: undefined, loading: false });
      } else if (result.error.code !== CLIENT_ERROR.aborted) {
        setState((s) => ({ ...s, key, error: result.error, loading: false }));
      }
    });
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // Never hand out data that belongs to a previous key.
  if (state.key !== key) return { data: undefined, error: undefined, loading: true, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
