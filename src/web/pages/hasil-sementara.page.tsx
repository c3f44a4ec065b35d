/**
 * Provisional totals for everyone, without signing in: the regency and its
 * kecamatan, per contest. Refetched every minute while the tab is visible
 * (the live stream is for signed-in readers).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { api, type ContestData } from '../api.ts';
import { Async } from '../components.tsx';
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

export function HasilSementaraPage() {
  useTitle('Hasil sementara');
  const contests = useApi((signal) => api.contests(signal));
  const asked = Number(new URLSearchParams(useSearch()).get('pemilihan') ?? '');
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
            <PublicContest key={contest.id} contests={list} contest={contest} />
          );
        }}
      </Async>
    </>
  );
}

function PublicContest({
  contests,
  contest,
}: {
  contests: readonly ContestData[];
  contest: ContestData;
}) {
  const summary = useApi((signal) => api.publicResults(contest.id, signal), String(contest.id));
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
            {data.children.length > 0 && (
              <TotalsTable
                summary={data}
                rows={data.children}
                caption={`Per kecamatan di ${data.region.name}`}
                firstHeader="Kecamatan"
              />
            )}
          </section>
        )}
      </Async>
    </>
  );
}
