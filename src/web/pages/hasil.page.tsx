/**
 * The desk's results dashboard: totals of a contest at the regency, a
 * kecamatan or a desa, the Korwil, a grid of the regions below coloured by
 * leader or by progress, and the anomaly list. Live: a Server-Sent Events
 * stream says when results change, and the page refetches (at most once a
 * second); it never polls.
 */
import { useId, useState, type ReactNode, type SubmitEvent } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import {
  api,
  type AnomalyItemData,
  type ContestData,
  type LevelTotalsData,
  type MeData,
  type ResultsSummaryData,
  type SummaryAtData,
  summaryAtQuery,
} from '../api.ts';
import { Async, BusyButton, Field, FormStatus, useForm } from '../components.tsx';
import { hasilPath, hasilTpsPath, Link, useSearch, wilayahPath } from '../router.tsx';
import {
  colourStyle,
  contestShort,
  defaultContest,
  formatPersen,
  RESULT_STATUS_LABEL,
  selectionColour,
  selectionShort,
  shareOf,
  type Selection,
} from '../results.ts';
import { can, canEverywhere, canOn, useMe } from '../session.ts';
import { useApi, type Loaded } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { useResultStream, useThrottle, type LiveState } from '../results-live.ts';
import {
  ContestTabs,
  leaderText,
  ProvisionalLabel,
  SelectionBars,
  SummaryTiles,
  TotalsTable,
  UpdatedAt,
  useUpdatedAt,
} from './hasil-parts.tsx';

const LEVEL_LABEL: Record<LevelTotalsData['level'], string> = {
  regency: 'Kabupaten',
  korwil: 'Korwil',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
};

/**
 * Where the dashboard opens for this person: the regency for regency-wide
 * readers, otherwise their own Korwil, kecamatan or desa.
 */
function homeAt(me: MeData): SummaryAtData {
  if (canEverywhere(me, 'result.read')) return {};
  const own = me.grants.find(
    (g) =>
      (g.scopeKind === 'korwil' || g.scopeKind === 'kecamatan' || g.scopeKind === 'desa') &&
      g.role !== 'pantarlih',
  );
  if (own === undefined) return {};
  return own.scopeKind === 'korwil' ? { korwil: Number(own.scopeRef) } : { code: own.scopeRef };
}

/** The level asked for in the address (`kode` or `korwil`), if any. */
function askedAt(params: URLSearchParams): SummaryAtData | undefined {
  const code = params.get('kode') ?? '';
  if (code !== '') return { code };
  const korwil = Number(params.get('korwil') ?? '');
  return Number.isInteger(korwil) && korwil > 0 ? { korwil } : undefined;
}

export function HasilPage() {
  const contests = useApi((signal) => api.contests(signal));
  const params = new URLSearchParams(useSearch());
  const asked = Number(params.get('pemilihan') ?? '');
  return (
    <Async state={contests}>
      {(list) => (
        <Dashboard
          contests={list}
          asked={Number.isInteger(asked) && asked > 0 ? asked : undefined}
          askedLevel={askedAt(params)}
        />
      )}
    </Async>
  );
}

function Dashboard({
  contests,
  asked,
  askedLevel,
}: {
  contests: readonly ContestData[];
  asked: number | undefined;
  askedLevel: SummaryAtData | undefined;
}) {
  const me = useMe();
  const contest = defaultContest(contests, asked);
  useTitle(contest === undefined ? 'Hasil' : `Hasil ${contestShort(contest)}`);
  if (contest === undefined) {
    return (
      <>
        <h1>Hasil penghitungan suara</h1>
        <p className="muted">Belum ada pemilihan.</p>
      </>
    );
  }
  const at = askedLevel ?? homeAt(me);
  return <ContestDashboard key={contest.id} contests={contests} contest={contest} at={at} />;
}

function ContestDashboard({
  contests,
  contest,
  at,
}: {
  contests: readonly ContestData[];
  contest: ContestData;
  at: SummaryAtData;
}) {
  const summary = useApi(
    (signal) => api.resultsSummary(contest.id, at, signal),
    `${String(contest.id)}:${summaryAtQuery(at)}`,
  );
  const anomalies = useApi((signal) => api.anomalies(contest.id, signal), String(contest.id));
  const updatedAt = useUpdatedAt(summary.data);
  const refetch = useThrottle(() => {
    summary.reload();
    anomalies.reload();
  });
  const live = useResultStream((event) => {
    if (event === null) {
      refetch();
      return;
    }
    if (event.contestId !== contest.id) return;
    const code = at.code;
    if (code !== undefined && event.desaCode !== code && !event.desaCode.startsWith(`${code}.`)) {
      return;
    }
    if (at.korwil !== undefined) {
      // A Korwil's page: only its kecamatan (the children of the summary) matter.
      const kecamatan = summary.data?.children ?? [];
      if (!kecamatan.some((k) => event.desaCode.startsWith(`${k.code}.`))) return;
    }
    refetch();
  });

  const tabs = (
    <ContestTabs
      contests={contests}
      currentId={contest.id}
      hrefOf={(id) => hasilPath(id, at.code, at.korwil)}
    />
  );
  return (
    <Async state={summary}>
      {(data) => (
        <SummaryView
          summary={data}
          contest={contest}
          tabs={tabs}
          live={live}
          updatedAt={updatedAt}
          anomalies={anomalies}
        />
      )}
    </Async>
  );
}

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Menghubungkan…',
  live: 'Langsung',
  reconnecting: 'Terputus, menyambung ulang…',
};

function SummaryView({
  summary,
  contest,
  tabs,
  live,
  updatedAt,
  anomalies,
}: {
  summary: ResultsSummaryData;
  contest: ContestData;
  tabs: ReactNode;
  live: LiveState;
  updatedAt: Date | undefined;
  anomalies: Loaded<AnomalyItemData[]>;
}) {
  const me = useMe();
  const region = summary.region;
  const selections = summary.contest.selections;
  const here = (code: string) => hasilPath(contest.id, code);
  const regencyCode = summary.path[0]?.code ?? region.code;
  // Everything below the regency on this page lies in the summary's Korwil.
  const readable = (code: string) =>
    canOn(me, 'result.read', {
      regionCode: code,
      korwilId: code === regencyCode ? null : summary.korwilId,
    });
  const korwilPage = (row: LevelTotalsData) =>
    canOn(me, 'result.read', { regionCode: regencyCode, korwilId: Number(row.code) })
      ? hasilPath(contest.id, undefined, Number(row.code))
      : undefined;
  const level = region.level === 'korwil' ? `&korwil=${region.code}` : `&code=${region.code}`;
  return (
    <>
      <nav aria-label="Jejak wilayah" className="breadcrumb">
        <ol>
          {summary.path.map((p) => (
            <li key={p.code}>
              {readable(p.code) ? <Link to={here(p.code)}>{p.name}</Link> : <span>{p.name}</span>}
            </li>
          ))}
          <li aria-current="page">{region.name}</li>
        </ol>
      </nav>
      <p className="overline">
        Hasil {contestShort(contest)} · {LEVEL_LABEL[region.level]}
      </p>
      <h1>{region.name}</h1>
      <p className="live-bar">
        <span className={`live-dot live-${live}`} aria-hidden="true" />
        <span data-testid="live-state">{LIVE_TEXT[live]}</span>
        <span aria-hidden="true"> · </span>
        <UpdatedAt at={updatedAt} />
      </p>
      {tabs}
      <ProvisionalLabel text={summary.notice} />

      <SummaryTiles totals={region} />
      <h2>Perolehan suara</h2>
      <SelectionBars selections={selections} totals={region} />

      {summary.korwil.length > 0 && (
        <section aria-labelledby="hasil-korwil">
          <h2 id="hasil-korwil">Korwil</h2>
          <TotalsTable
            summary={summary}
            rows={summary.korwil}
            caption="Jumlah per Korwil"
            firstHeader="Korwil"
            linkOf={korwilPage}
          />
        </section>
      )}

      {summary.children.length > 0 && (
        <ChildrenGrid
          summary={summary}
          linkOf={(child) => (readable(child.code) ? here(child.code) : undefined)}
        />
      )}
      {region.level === 'desa' &&
        canOn(me, 'registry.read', { regionCode: region.code, korwilId: summary.korwilId }) && (
          <p>
            <Link to={wilayahPath(region.code)} className="button">
              Daftar TPS {region.name}
            </Link>
          </p>
        )}

      <p className="actions">
        <span>Unduh rekap {region.name}: </span>
        <a
          className="button"
          href={`/api/results/export?contestId=${String(contest.id)}${level}&format=xlsx`}
          download
        >
          Excel (XLSX)
        </a>{' '}
        <a
          className="button"
          href={`/api/results/export?contestId=${String(contest.id)}${level}&format=csv`}
          download
        >
          CSV
        </a>
      </p>

      <AnomalyList contestId={contest.id} region={region} anomalies={anomalies} />
      {can(me, 'result.window') && <WindowPanel />}
    </>
  );
}

type ColourBy = 'leader' | 'progress';

const PROGRESS_STEPS = [
  { min: 0, label: 'Belum ada' },
  { min: 0.000001, label: 'Di bawah 25 %' },
  { min: 0.25, label: '25–49 %' },
  { min: 0.5, label: '50–74 %' },
  { min: 0.75, label: '75–99 %' },
  { min: 1, label: 'Lengkap' },
] as const;

function progressStep(reported: number, total: number): number {
  const share = shareOf(reported, total) ?? 0;
  let step = 0;
  PROGRESS_STEPS.forEach((s, i) => {
    if (share >= s.min) step = i;
  });
  return step;
}

/** The regions below: one tile each, coloured by who leads or by how many TPS reported. */
function ChildrenGrid({
  summary,
  linkOf,
}: {
  summary: ResultsSummaryData;
  linkOf: (child: LevelTotalsData) => string | undefined;
}) {
  const [by, setBy] = useState<ColourBy>('leader');
  const name = useId();
  const selections = summary.contest.selections;
  const childLevel = summary.children[0]?.level ?? 'kecamatan';
  const title = childLevel === 'desa' ? 'Desa/kelurahan' : 'Kecamatan';
  return (
    <section aria-labelledby="hasil-bawahan">
      <h2 id="hasil-bawahan">
        {title} di {summary.region.name}
      </h2>
      <fieldset className="toggle">
        <legend>Warnai menurut</legend>
        <label>
          <input
            type="radio"
            name={name}
            checked={by === 'leader'}
            onChange={() => setBy('leader')}
          />{' '}
          Yang unggul
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={by === 'progress'}
            onChange={() => setBy('progress')}
          />{' '}
          Hasil diterima
        </label>
      </fieldset>
      <Legend by={by} selections={selections} />
      <ul className="region-grid" aria-label={`${title} di ${summary.region.name}`}>
        {summary.children.map((child) => {
          const to = linkOf(child);
          const step = progressStep(child.reported, child.tpsTotal);
          const leader = child.valid > 0 ? child.leader : null;
          const className =
            by === 'leader'
              ? leader === null
                ? `region-tile tile-none${child.valid > 0 ? ' tile-tie' : ''}`
                : 'region-tile tile-leader'
              : `region-tile tile-progress-${String(step)}`;
          const style =
            by === 'leader' && leader !== null
              ? colourStyle(selectionColour(selections, leader))
              : undefined;
          const body = (
            <>
              <span className="tile-name">{child.name}</span>
              <span className="tile-line">{leaderText(selections, child)}</span>
              <span className="tile-line">
                {formatAngka(child.reported)}/{formatAngka(child.tpsTotal)} TPS ·{' '}
                {formatPersen(shareOf(child.reported, child.tpsTotal))}
              </span>
            </>
          );
          return (
            <li key={child.code} className={className} style={style} data-testid="region-tile">
              {to === undefined ? <div>{body}</div> : <Link to={to}>{body}</Link>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Legend({ by, selections }: { by: ColourBy; selections: readonly Selection[] }) {
  if (by === 'leader') {
    return (
      <ul className="legend" aria-label="Keterangan warna">
        {selections.map((s) => (
          <li key={s.id} style={colourStyle(selectionColour(selections, s.id))}>
            <span className="swatch" aria-hidden="true" /> {selectionShort(s)} unggul
            <span className="visually-hidden"> ({s.label})</span>
          </li>
        ))}
        <li>
          <span className="swatch swatch-none" aria-hidden="true" /> Belum ada suara atau seri
        </li>
      </ul>
    );
  }
  return (
    <ul className="legend" aria-label="Keterangan warna">
      {PROGRESS_STEPS.map((s, i) => (
        <li key={s.label}>
          <span className={`swatch tile-progress-${String(i)}`} aria-hidden="true" /> {s.label}
        </li>
      ))}
    </ul>
  );
}

function AnomalyList({
  contestId,
  region,
  anomalies,
}: {
  contestId: number;
  region: LevelTotalsData;
  anomalies: Loaded<AnomalyItemData[]>;
}) {
  return (
    <section aria-labelledby="hasil-anomali">
      <h2 id="hasil-anomali">Anomali di {region.name}</h2>
      <Async state={anomalies}>
        {(items) => {
          const inRegion =
            region.level === 'regency'
              ? items
              : items.filter((a) => a.desaCode.startsWith(region.code));
          if (inRegion.length === 0) {
            return <p className="muted">Tidak ada hasil yang ditandai.</p>;
          }
          return (
            <ul className="anomalies" aria-label={`Anomali di ${region.name}`}>
              {inRegion.map((a) => (
                <li key={`${String(a.tpsId)}:${String(a.version)}`} className="anomaly">
                  <p>
                    <Link to={hasilTpsPath(a.tpsId, contestId)}>
                      {a.tpsLabel} {a.desaName}
                    </Link>{' '}
                    <span className="muted">
                      · Kec. {a.kecamatanName} · versi {a.version} · {RESULT_STATUS_LABEL[a.status]}
                    </span>
                  </p>
                  <ul className="flags-inline">
                    {a.flags.map((f) => (
                      <li key={f.code}>{f.message}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </section>
  );
}

/** Admins: whether results are accepted now, and opening early for a rehearsal. */
function WindowPanel() {
  const win = useApi((signal) => api.resultsWindow(signal));
  const form = useForm(['reason'] as const);
  const [reason, setReason] = useState('');
  if (win.data === undefined || win.data.open) return null;
  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (reason.trim().length < 5) {
      form.fail('reason', 'Tuliskan alasan membuka lebih awal (minimal 5 huruf).');
      return;
    }
    await form.submit(
      () => api.openResultsEarly(reason.trim()),
      (data) => {
        win.reload();
        return data.message;
      },
    );
  };
  return (
    <form className="panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Gladi">
      <h2>Penerimaan hasil</h2>
      <p>{win.data.message}</p>
      <Field
        id={form.idOf('reason')}
        label="Alasan membuka lebih awal (gladi)"
        error={form.errorOf('reason')}
      >
        {(a11y) => (
          <input {...a11y} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Membuka…">
        Buka lebih awal
      </BusyButton>
    </form>
  );
}
