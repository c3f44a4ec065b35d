/**
 * The verification worklist: for one contest, the TPS of the caller's area
 * (the PPK's kecamatan, the PPS's desa, the Korwil's kecamatan, the whole
 * regency for the desk) waiting for verification — the oldest sent first —
 * returned to the KPPS, verified, and not yet sent, with counts. It follows
 * the results stream, so a new C.Hasil appears without a reload. Opening a
 * TPS from here and verifying it moves on to the next one waiting.
 */
import { useState, type ReactNode } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import type { WorkGroup } from '../../domain/results/worklist.ts';
import { api, type ContestData, type ResultsWorklistData, type WorkTpsItemData } from '../api.ts';
import { Async } from '../components.tsx';
import { formatWaktuWib } from '../labels.ts';
import { Link, useSearchParam, verifikasiPath } from '../router.tsx';
import { contestShort, defaultContest, fromWorklistPath } from '../results.ts';
import { useResultStream, useThrottle, type LiveState } from '../results-live.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import './verifikasi.css';

const GROUP_TITLE: Record<WorkGroup, string> = {
  waiting: 'Menunggu verifikasi',
  returned: 'Dikembalikan ke KPPS',
  verified: 'Terverifikasi',
  missing: 'Belum masuk',
};

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Menghubungkan…',
  live: 'Langsung',
  reconnecting: 'Terputus, menyambung ulang…',
};

export function VerifikasiPage() {
  useTitle('Verifikasi C.Hasil');
  const contests = useApi((signal) => api.contests(signal));
  const asked = Number(useSearchParam('pemilihan') ?? '');
  return (
    <Async state={contests}>
      {(list) => {
        const contest = defaultContest(list, Number.isInteger(asked) ? asked : undefined);
        if (contest === undefined) {
          return <p className="muted">Belum ada pemilihan yang terdaftar.</p>;
        }
        return <Worklist key={contest.id} contests={list} contest={contest} />;
      }}
    </Async>
  );
}

function Worklist({
  contests,
  contest,
}: {
  contests: readonly ContestData[];
  contest: ContestData;
}) {
  const state = useApi(
    (signal) => api.resultsWorklist(contest.id, undefined, signal),
    String(contest.id),
  );
  const done = useSearchParam('selesai');
  const refetch = useThrottle(state.reload);
  const live = useResultStream((event) => {
    if (event === null || event.contestId === contest.id) refetch();
  });
  return (
    <>
      <p className="overline">Verifikasi C.Hasil · {contestShort(contest)}</p>
      <h1>Daftar verifikasi C.Hasil</h1>
      {state.data !== undefined && (
        <p className="lead">
          {state.data.area} · {state.data.contestName}
        </p>
      )}
      <p className="live-bar">
        <span className={`live-dot live-${live}`} aria-hidden="true" />
        <span data-testid="live-state">{LIVE_TEXT[live]}</span>
      </p>
      {contests.length > 1 && (
        <nav aria-label="Pemilihan" className="tabs">
          <ul>
            {contests.map((c) => (
              <li key={c.id}>
                <Link
                  to={verifikasiPath(c.id)}
                  aria-current={c.id === contest.id ? 'page' : undefined}
                >
                  {contestShort(c, c.name)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {done !== null && (
        <p className="notice" role="status">
          {done} sudah ditangani.
        </p>
      )}
      <Async state={state}>{(data) => <Groups data={data} contestId={contest.id} />}</Async>
    </>
  );
}

function Groups({ data, contestId }: { data: ResultsWorklistData; contestId: number }) {
  const c = data.counts;
  const first = data.waiting[0];
  return (
    <>
      <ul className="work-counts" aria-label="Jumlah TPS" data-testid="work-counts">
        {(['waiting', 'returned', 'verified', 'missing'] as const).map((g) => (
          <li key={g} className={`work-count work-${g}`}>
            <span className="work-count-n">{formatAngka(c[g])}</span> {GROUP_TITLE[g]}
          </li>
        ))}
        <li className="work-count">
          <span className="work-count-n">{formatAngka(c.total)}</span> TPS seluruhnya
        </li>
      </ul>
      {first !== undefined && (
        <p>
          <Link className="button button-primary" to={fromWorklistPath(first.tpsId, contestId)}>
            Mulai dari yang terlama menunggu
          </Link>
        </p>
      )}
      <Group
        group="waiting"
        items={data.waiting}
        contestId={contestId}
        empty="Tidak ada C.Hasil yang menunggu verifikasi."
        detail={(t) =>
          t.submittedAt === null
            ? null
            : `dikirim ${formatWaktuWib(t.submittedAt)} WIB · versi ${String(t.version ?? 1)}`
        }
      />
      <Group
        group="returned"
        items={data.returned}
        contestId={contestId}
        empty="Tidak ada C.Hasil yang dikembalikan."
        detail={(t) =>
          t.statusAt === null ? null : `dikembalikan ${formatWaktuWib(t.statusAt)} WIB`
        }
      />
      <Folded group="verified" items={data.verified} contestId={contestId} />
      <Folded group="missing" items={data.missing} contestId={contestId} />
    </>
  );
}

function TpsLink({ t, contestId }: { t: WorkTpsItemData; contestId: number }) {
  return (
    <Link to={fromWorklistPath(t.tpsId, contestId)}>
      {t.label} {t.desaName}
    </Link>
  );
}

function Group({
  group,
  items,
  contestId,
  empty,
  detail,
}: {
  group: WorkGroup;
  items: readonly WorkTpsItemData[];
  contestId: number;
  empty: string;
  detail: (t: WorkTpsItemData) => string | null;
}) {
  const id = `kelompok-${group}`;
  return (
    <section aria-labelledby={id} className="work-group" data-testid={`work-${group}`}>
      <h2 id={id}>
        {GROUP_TITLE[group]} ({formatAngka(items.length)})
      </h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol className="work-list" aria-label={GROUP_TITLE[group]}>
          {items.map((t) => {
            const d = detail(t);
            return (
              <li key={t.tpsId}>
                <TpsLink t={t} contestId={contestId} />
                <span className="muted small"> · Kec. {t.kecamatanName}</span>
                {d !== null && <span className="small"> · {d}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** Long groups (verified, not yet sent) folded; their links drawn only when opened. */
function Folded({
  group,
  items,
  contestId,
}: {
  group: WorkGroup;
  items: readonly WorkTpsItemData[];
  contestId: number;
}) {
  const [open, setOpen] = useState(false);
  let body: ReactNode = null;
  if (open) {
    body =
      items.length === 0 ? (
        <p className="muted">Tidak ada.</p>
      ) : (
        <ul className="work-list work-list-plain" aria-label={GROUP_TITLE[group]}>
          {items.map((t) => (
            <li key={t.tpsId}>
              <TpsLink t={t} contestId={contestId} />
            </li>
          ))}
        </ul>
      );
  }
  return (
    <details
      className="details work-group"
      data-testid={`work-${group}`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        {GROUP_TITLE[group]} ({formatAngka(items.length)})
      </summary>
      {body}
    </details>
  );
}
