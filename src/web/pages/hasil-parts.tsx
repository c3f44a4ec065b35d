/** Pieces shared by the results dashboard and the public provisional totals. */
import { useEffect, useId, useState } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import type { ContestData, LevelTotalsData, ResultsSummaryData } from '../api.ts';
import { Link } from '../router.tsx';
import {
  colourStyle,
  contestShort,
  formatJamWib,
  formatPersen,
  selectionColour,
  selectionShort,
  shareOf,
  type Selection,
} from '../results.ts';

/** One link per contest; the current one is marked. */
export function ContestTabs({
  contests,
  currentId,
  hrefOf,
}: {
  contests: readonly ContestData[];
  currentId: number;
  hrefOf: (contestId: number) => string;
}) {
  if (contests.length < 2) return null;
  return (
    <nav aria-label="Pemilihan" className="tabs">
      <ul>
        {contests.map((c) => (
          <li key={c.id}>
            <Link to={hrefOf(c.id)} aria-current={c.id === currentId ? 'page' : undefined}>
              {contestShort(c)}
              <span className="visually-hidden"> ({c.name})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The label every results page carries. */
export function ProvisionalLabel({ text }: { text: string }) {
  return (
    <p className="provisional" data-testid="provisional-label">
      <strong>{text.replace(/\.$/, '')}</strong>
      <span className="small">
        {' '}
        Angka dari C.Hasil-KWK yang dikirim KPPS. Hasil resmi adalah rekapitulasi berjenjang oleh
        KPU.
      </span>
    </p>
  );
}

/** TPS reported, verified, turnout, valid and invalid votes. */
export function SummaryTiles({ totals }: { totals: LevelTotalsData }) {
  const castTotal = totals.valid + totals.invalid;
  const tiles = [
    {
      label: 'Hasil diterima',
      value: `${formatAngka(totals.reported)}/${formatAngka(totals.tpsTotal)}`,
      note: formatPersen(shareOf(totals.reported, totals.tpsTotal)),
    },
    {
      label: 'Terverifikasi',
      value: formatAngka(totals.verified),
      note:
        totals.reported === 0
          ? 'belum ada hasil diterima'
          : `${formatPersen(shareOf(totals.verified, totals.reported))} dari yang diterima`,
    },
    {
      label: 'Partisipasi',
      value: formatPersen(totals.turnout),
      note: `${formatAngka(totals.voted)} dari ${formatAngka(totals.registered)} pemilih`,
    },
    {
      label: 'Suara sah',
      value: formatAngka(totals.valid),
      note: formatPersen(shareOf(totals.valid, castTotal)),
    },
    {
      label: 'Suara tidak sah',
      value: formatAngka(totals.invalid),
      note: formatPersen(shareOf(totals.invalid, castTotal)),
    },
  ];
  return (
    <dl className="counts tiles" aria-label={`Ringkasan ${totals.name}`}>
      {tiles.map((t) => (
        <div key={t.label} className="count" data-testid={`tile-${t.label}`}>
          <dt>{t.label}</dt>
          <dd>
            {t.value}
            <span className="count-note">{t.note}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Each selection's votes and share of the valid votes, with a bar. */
export function SelectionBars({
  selections,
  totals,
}: {
  selections: readonly Selection[];
  totals: LevelTotalsData;
}) {
  return (
    <ol className="selection-bars" aria-label={`Perolehan suara ${totals.name}`}>
      {selections.map((s) => {
        const v = totals.votes.find((x) => x.selectionId === s.id);
        const share = v?.share ?? null;
        const leader = totals.leader === s.id;
        return (
          <li
            key={s.id}
            className={leader ? 'selection selection-leader' : 'selection'}
            style={colourStyle(selectionColour(selections, s.id))}
            data-testid="selection-votes"
          >
            <div className="selection-head">
              <span className="swatch" aria-hidden="true" />
              <span className="selection-label">
                {s.label}
                {leader && <span className="badge badge-leader">unggul</span>}
              </span>
              <span className="selection-votes">
                <strong>{formatAngka(v?.votes ?? 0)}</strong>{' '}
                <span className="muted">{formatPersen(share)}</span>
              </span>
            </div>
            <div className="bar" aria-hidden="true">
              <div className="bar-fill" style={{ width: `${String((share ?? 0) * 100)}%` }} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Who leads a region, in words: "Paslon 01 unggul (52,3 %)", "Seri", "Belum ada suara". */
export function leaderText(selections: readonly Selection[], t: LevelTotalsData): string {
  if (t.valid === 0) return 'Belum ada suara';
  if (t.leader === null) return 'Seri';
  const share = t.votes.find((v) => v.selectionId === t.leader)?.share ?? null;
  return `${selectionShort(selections.find((s) => s.id === t.leader))} unggul (${formatPersen(share)})`;
}

/** A table of regions (Korwil, kecamatan): progress, turnout, each selection, the leader. */
export function TotalsTable({
  summary,
  rows,
  caption,
  firstHeader,
  linkOf,
}: {
  summary: ResultsSummaryData;
  rows: readonly LevelTotalsData[];
  caption: string;
  firstHeader: string;
  linkOf?: (row: LevelTotalsData) => string | undefined;
}) {
  const selections = summary.contest.selections;
  const captionId = useId();
  return (
    <>
      <h3 id={captionId} className="table-title">
        {caption}
      </h3>
      {/* Focusable so keyboard users can scroll the wide table on a phone (axe: scrollable-region-focusable). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="table totals-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{firstHeader}</th>
              <th scope="col" className="num">
                Hasil diterima
              </th>
              <th scope="col" className="num">
                Partisipasi
              </th>
              {selections.map((s) => (
                <th key={s.id} scope="col" className="num">
                  {selectionShort(s)}
                </th>
              ))}
              <th scope="col">Unggul</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const to = linkOf?.(r);
              return (
                <tr key={r.code}>
                  <th scope="row">{to === undefined ? r.name : <Link to={to}>{r.name}</Link>}</th>
                  <td className="num">
                    {formatAngka(r.reported)}/{formatAngka(r.tpsTotal)}
                  </td>
                  <td className="num">{formatPersen(r.turnout)}</td>
                  {selections.map((s) => {
                    const v = r.votes.find((x) => x.selectionId === s.id);
                    return (
                      <td key={s.id} className="num">
                        {formatAngka(v?.votes ?? 0)}
                        <span className="block small muted">{formatPersen(v?.share ?? null)}</span>
                      </td>
                    );
                  })}
                  <td className="col-leader">{leaderText(selections, r)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** "Diperbarui 14.05.09 WIB", from the moment `data` last changed. */
export function useUpdatedAt(data: unknown): Date | undefined {
  const [at, setAt] = useState<Date | undefined>(undefined);
  useEffect(() => {
    if (data !== undefined) setAt(new Date());
  }, [data]);
  return at;
}

export function UpdatedAt({ at }: { at: Date | undefined }) {
  if (at === undefined) return null;
  return <span data-testid="updated-at">Diperbarui {formatJamWib(at)} WIB</span>;
}
