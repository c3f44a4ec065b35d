/**
 * Provisional totals for everyone, without signing in: the regency and its
 * kecamatan, per contest; a kecamatan opens to its desa (`&kecamatan=<code>`). Live from the public stream (the server's snapshot,
 * pushed on each change); also refetched every minute while the tab is
 * visible, in case the stream is refused or cut.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api, type ContestData, type ResultsSummaryData } from '../api.ts';
import { Async } from '../components.tsx';
import { Link } from '../router.tsx';
import { useSearch } from '../router.tsx';
import { contestShort, defaultContest, PROVISIONAL_TEXT } from '../results.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import {
  ContestTabs,
  ProvisionalLabel,
  SelectionBars,
  SummaryTiles,
  TotalsTable,
  UpdatedAt,
  useUpdatedAt,
} from './hasil-parts.tsx';

const REFRESH_MS = 60_000;

/**
 * The public totals pushed by `/api/public/results/stream` (one `results`
 * event with the whole summary at once and on each change). EventSource
 * reconnects by itself; a stream the server refused (too many readers) is
 * retried after a pause growing to a minute, the minute refresh standing in.
 */
function usePublicStream(contestId: number, onSummary: (s: ResultsSummaryData) => void): void {
  const callback = useRef(onSummary);
  useLayoutEffect(() => {
    callback.current = onSummary;
  });
  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause = 5_000;
    let stopped = false;
    const connect = () => {
      if (stopped || typeof EventSource === 'undefined') return;
      const es = new EventSource(`/api/public/results/stream?contestId=${String(contestId)}`);
      source = es;
      es.onopen = () => {
        pause = 5_000;
      };
      es.addEventListener('results', (event) => {
        try {
          const summary = JSON.parse(String((event as MessageEvent<unknown>).data)) as
            ResultsSummaryData | undefined;
          if (summary?.contest.id === contestId) callback.current(summary);
        } catch {
          // A broken event: the next one (or the minute refresh) repairs the page.
        }
      });
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(connect, pause);
          pause = Math.min(pause * 2, 60_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [contestId]);
}

export function HasilSementaraPage() {
  useTitle('Hasil sementara');
  const contests = useApi((signal) => api.contests(signal));
  const search = new URLSearchParams(useSearch());
  const asked = Number(search.get('pemilihan') ?? '');
  const kecamatan = search.get('kecamatan') ?? undefined;
  return (
    <>
      <h1>Hasil sementara</h1>
      <ProvisionalLabel text={PROVISIONAL_TEXT} />
      <Async state={contests}>
        {(list) => {
          const contest = defaultContest(list, Number.isInteger(asked) ? asked : undefined);
          return contest === undefined ? (
            <p className="muted">Belum ada pemilihan.</p>
          ) : (
            <PublicContest
              key={contest.id}
              contests={list}
              contest={contest}
              kecamatan={kecamatan}
            />
          );
        }}
      </Async>
    </>
  );
}

/** One kecamatan's desa totals; refetched when the kecamatan's own totals change (`stamp`). */
function PublicKecamatan({
  contest,
  code,
  stamp,
  backHref,
}: {
  contest: ContestData;
  code: string;
  stamp: string;
  backHref: string;
}) {
  const desa = useApi(
    (signal) => api.publicKecamatan(contest.id, code, signal),
    `${String(contest.id)}:${code}:${stamp}`,
  );
  return (
    <section aria-labelledby="hasil-kecamatan" className="public-kecamatan">
      <p>
        <Link to={backHref}>← Semua kecamatan</Link>
      </p>
      <Async state={desa}>
        {(data) => (
          <>
            <h3 id="hasil-kecamatan">Kecamatan {data.region.name}</h3>
            <SummaryTiles totals={data.region} />
            <SelectionBars selections={data.contest.selections} totals={data.region} />
            <TotalsTable
              summary={data}
              rows={data.children}
              caption={`Per desa di Kecamatan ${data.region.name}`}
              firstHeader="Desa/Kelurahan"
            />
          </>
        )}
      </Async>
    </section>
  );
}

function PublicContest({
  contests,
  contest,
  kecamatan,
}: {
  contests: readonly ContestData[];
  contest: ContestData;
  kecamatan: string | undefined;
}) {
  const fetched = useApi((signal) => api.publicResults(contest.id, signal), String(contest.id));
  // The last summary received, from the stream or a (re)fetch, whichever came later.
  const [latest, setLatest] = useState<ResultsSummaryData | undefined>(undefined);
  useEffect(() => {
    if (fetched.data !== undefined) setLatest(fetched.data);
  }, [fetched.data]);
  usePublicStream(contest.id, setLatest);
  const summary = latest === undefined ? fetched : { ...fetched, data: latest, error: undefined };
  const updatedAt = useUpdatedAt(summary.data);
  const reloadRef = useRef(summary.reload);
  useLayoutEffect(() => {
    reloadRef.current = summary.reload;
  });

  // Every minute while the page is visible; at once when it becomes visible after a minute away.
  useEffect(() => {
    let last = Date.now();
    const refresh = () => {
      last = Date.now();
      reloadRef.current();
    };
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - last >= REFRESH_MS) refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  return (
    <>
      <ContestTabs
        contests={contests}
        currentId={contest.id}
        hrefOf={(id) => `/hasil-sementara?pemilihan=${String(id)}`}
      />
      <Async state={summary}>
        {(data) => (
          <section aria-labelledby="hasil-publik">
            <h2 id="hasil-publik">
              {contestShort(contest)}: {data.region.name}
            </h2>
            <p className="muted small">
              {contest.name} · <UpdatedAt at={updatedAt} />
            </p>
            <SummaryTiles totals={data.region} />
            <h3>Perolehan suara</h3>
            <SelectionBars selections={data.contest.selections} totals={data.region} />
            {kecamatan !== undefined && (
              <PublicKecamatan
                contest={contest}
                code={kecamatan}
                stamp={JSON.stringify(data.children.find((c) => c.code === kecamatan) ?? null)}
                backHref={`/hasil-sementara?pemilihan=${String(contest.id)}`}
              />
            )}
            {data.children.length > 0 && (
              <TotalsTable
                summary={data}
                rows={data.children}
                caption={`Per kecamatan di ${data.region.name}`}
                firstHeader="Kecamatan"
                linkOf={(row) =>
                  `/hasil-sementara?pemilihan=${String(contest.id)}&kecamatan=${row.code}`
                }
              />
            )}
          </section>
        )}
      </Async>
    </>
  );
}
