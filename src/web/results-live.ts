/**
 * Live results in the browser: the results stream (Server-Sent Events from
 * `/api/results/stream`, only events in the caller's scope) and a throttle,
 * so pages refetch when something changed, never by polling. Used by the
 * results dashboard and the PPK's worklist.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { RESULTS_STREAM_PATH } from './api.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface ResultEventData {
  contestId: number;
  desaCode: string;
}

function isResultEvent(v: unknown): v is ResultEventData {
  return (
    typeof v === 'object' &&
    v !== null &&
    'contestId' in v &&
    typeof v.contestId === 'number' &&
    'desaCode' in v &&
    typeof v.desaCode === 'string'
  );
}

/**
 * Listens to the results stream; `onChange` is called for each event, and
 * with `null` after a reconnection (events may have been missed meanwhile).
 * EventSource reconnects by itself after a dropped connection; when the
 * server refused it outright (closed), a new one is opened after a pause
 * that grows to a minute.
 */
export function useResultStream(onChange: (event: ResultEventData | null) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const callback = useRef(onChange);
  useLayoutEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause = 3_000;
    let missed = false;
    let stopped = false;
    const connect = () => {
      if (stopped) return;
      const es = new EventSource(RESULTS_STREAM_PATH);
      source = es;
      es.onopen = () => {
        setState('live');
        pause = 3_000;
        if (missed) callback.current(null);
        missed = false;
      };
      es.addEventListener('result', (event) => {
        let data: unknown;
        try {
          data = JSON.parse(String((event as MessageEvent<unknown>).data));
        } catch {
          return;
        }
        if (isResultEvent(data)) callback.current(data);
      });
      es.onerror = () => {
        missed = true;
        setState('reconnecting');
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(connect, pause);
          pause = Math.min(pause * 2, 60_000);
          // Refetching also finds out whether the session has ended.
          callback.current(null);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return state;
}

/** Calls `run` at most once a second: the first call waits out the rest of the second. */
export function useThrottle(run: () => void, everyMs = 1_000): () => void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const runRef = useRef(run);
  useLayoutEffect(() => {
    runRef.current = run;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    const wait = Math.max(0, everyMs - (Date.now() - last.current));
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      runRef.current();
    }, wait);
  }, [everyMs]);
}
