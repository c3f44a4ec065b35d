/**
 * The Bupati's dashboard: one screen saying where the election stands and
 * what is at risk. Every tile drills down to its page; the daily report is
 * one click away as a PDF.
 */
import type { ReactNode } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { formatPersen } from '../../domain/dashboard/dashboard.ts';
import { api, downloads, type DashboardData } from '../api.ts';
import { Async, Forbidden } from '../components.tsx';
import { formatWaktuWib } from '../labels.ts';
import { Link } from '../router.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { BarChart, ColumnChart } from './charts.tsx';

function Tile({
  id,
  title,
  link,
  lines,
  children,
}: {
  id: string;
  title: string;
  link: string;
  lines: readonly string[];
  children?: ReactNode;
}) {
  return (
    <section className="card dash-tile" data-testid={`tile-${id}`} aria-labelledby={`judul-${id}`}>
      <div className="card-head">
        <h2 id={`judul-${id}`}>
          <Link to={link}>{title}</Link>
        </h2>
      </div>
      {lines.map((l) => (
        <p key={l} className="dash-line">
          {l}
        </p>
      ))}
      {children}
    </section>
  );
}

function Risks({ d }: { d: DashboardData }) {
  return (
    <section className="panel" aria-labelledby="judul-risiko" data-testid="risks">
      <h2 id="judul-risiko">Yang perlu diwaspadai</h2>
      {d.risks.length === 0 ? (
        <p>Tidak ada hal yang perlu diwaspadai saat ini.</p>
      ) : (
        <ul className="risk-list">
          {d.risks.map((r) => (
            <li key={r.text} className={`risk risk-${r.level}`}>
              <span className={`badge badge-risk-${r.level}`}>
                {r.level === 'tinggi' ? 'Tinggi' : 'Sedang'}
              </span>{' '}
              <Link to={r.link}>{r.text}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Dashboard({ d }: { d: DashboardData }) {
  const p = d.problems;
  const r = d.results;
  return (
    <>
      <p className="lead">
        Keadaan Pilkada {d.regencyName} per {formatWaktuWib(d.generatedAt)} WIB.
      </p>
      <p className="actions">
        <a className="button button-primary" href={downloads.reportPdf('harian')} download>
          Unduh laporan harian (PDF)
        </a>{' '}
        <a className="button" href={downloads.reportPdf('mingguan')} download>
          Laporan mingguan (PDF)
        </a>{' '}
        <Link to="/laporan">Semua laporan</Link>
      </p>
      <Risks d={d} />
      <div className="cards">
        <Tile id="tahapan" title="Tahapan" link={d.stages.link} lines={d.stages.lines} />
        {d.coklit !== null && (
          <Tile id="coklit" title="Coklit" link={d.coklit.link} lines={d.coklit.lines}>
            {d.coklit.byKecamatan.length > 0 && (
              <BarChart
                title="Kemajuan coklit per kecamatan"
                rows={d.coklit.byKecamatan}
                series={['Dicoklit']}
                max={1}
                percent
                testId="chart-coklit"
              />
            )}
          </Tile>
        )}
        {d.rosters !== null && (
          <Tile
            id="badan-adhoc"
            title="Badan adhoc"
            link={d.rosters.link}
            lines={d.rosters.lines}
          />
        )}
        {d.bimtek !== null && (
          <Tile id="bimtek" title="Bimtek" link={d.bimtek.link} lines={[]}>
            <ul className="dash-list">
              {d.bimtek.events.length === 0 && <li>{d.bimtek.lines[0]}</li>}
              {d.bimtek.events.map((e) => (
                <li key={e.id}>
                  <Link to={e.link}>{e.name}</Link>:{' '}
                  {e.members === 0
                    ? 'daftar anggota belum diisi, peserta belum dapat dihitung.'
                    : `${formatAngka(e.trained)} dari ${formatAngka(e.members)} anggota hadir penuh (${formatPersen(e.trained / e.members)}), ${formatAngka(e.partial)} sebagian, ${formatAngka(e.absent)} tidak hadir.`}
                </li>
              ))}
            </ul>
          </Tile>
        )}
        {p !== null && (
          <Tile id="masalah" title="Masalah lapangan" link={p.link} lines={p.lines}>
            {p.open > 0 && (
              <>
                <dl className="counts">
                  {p.bySeverity.map((s) => (
                    <div key={s.severity} className="count">
                      <dt>{s.label}</dt>
                      <dd>{formatAngka(s.open)}</dd>
                    </div>
                  ))}
                </dl>
                <table className="table">
                  <caption>Masalah terbuka per Korwil</caption>
                  <thead>
                    <tr>
                      <th scope="col">Korwil</th>
                      <th scope="col">Terbuka</th>
                      <th scope="col">Terlambat</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.byKorwil.map((k) => (
                      <tr key={k.name}>
                        <th scope="row">{k.name}</th>
                        <td>{formatAngka(k.open)}</td>
                        <td>{formatAngka(k.overdue)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {p.overdueItems.length > 0 && (
              <>
                <h3>Melewati batas waktu</h3>
                <ul className="dash-list" data-testid="overdue">
                  {p.overdueItems.slice(0, 8).map((o) => (
                    <li key={o.id}>
                      <Link to={o.link}>{o.title}</Link> — {o.place}, terlambat{' '}
                      {formatAngka(o.hoursLate)} jam
                    </li>
                  ))}
                </ul>
              </>
            )}
            {p.state === 'ada' && (
              <ColumnChart
                title="Laporan masalah per hari (dilaporkan / ditutup)"
                rows={p.trend.map((t) => ({
                  label: t.day.slice(8, 10),
                  values: [t.reported, t.closed],
                }))}
                series={['Dilaporkan', 'Ditutup']}
                testId="chart-masalah"
              />
            )}
          </Tile>
        )}
        {r !== null && (
          <Tile id="hasil" title="Hasil penghitungan suara" link={r.link} lines={r.lines}>
            {r.state === 'ada' &&
              r.contests.map((c) => (
                <div key={c.id}>
                  <h3>{c.name}</h3>
                  <p>
                    Hasil diterima {formatAngka(c.reported)}/{formatAngka(c.tpsTotal)} TPS,
                    terverifikasi {formatAngka(c.verified)}.
                  </p>
                  <ul className="dash-list">
                    {c.selections.map((s) => (
                      <li key={s.label}>
                        {s.label}: {formatAngka(s.votes)}
                        {s.share === null ? '' : ` (${formatPersen(s.share)})`}
                      </li>
                    ))}
                  </ul>
                  {c.byKecamatan.length > 0 && (
                    <BarChart
                      title={`Perolehan per kecamatan — ${c.name}`}
                      rows={c.byKecamatan}
                      series={c.selections.map((s) => s.label)}
                      max={1}
                      percent
                      testId={`chart-hasil-${String(c.id)}`}
                    />
                  )}
                </div>
              ))}
          </Tile>
        )}
      </div>
      <h2>Unduh rekap (Excel)</h2>
      <ul className="dash-list">
        {d.coklit !== null && (
          <li>
            <a href={downloads.coklitXlsx()} download>
              Kemajuan coklit per desa
            </a>
          </li>
        )}
        {d.rosters !== null && (
          <li>
            <a href={downloads.rostersXlsx()} download>
              Kelengkapan badan adhoc per kecamatan
            </a>
          </li>
        )}
        {d.bimtek?.events.map((e) => (
          <li key={e.id}>
            <a href={downloads.bimtekXlsx(e.id)} download>
              Kehadiran {e.name}
            </a>
          </li>
        ))}
        {p !== null && (
          <li>
            <a href={downloads.problemsXlsx()} download>
              Daftar masalah lapangan
            </a>
          </li>
        )}
        {r !== null && (
          <li>
            Hasil per tingkat: <Link to="/hasil">halaman Hasil</Link> (Excel per wilayah)
          </li>
        )}
      </ul>
    </>
  );
}

export function DasborPage() {
  useTitle('Dasbor Bupati');
  const me = useMe();
  const board = useApi((signal) => api.dashboard(signal));
  if (!can(me, 'dashboard.read'))
    return (
      <>
        <h1>Dasbor Bupati</h1>
        <Forbidden message="Dasbor untuk Bupati dan pimpinan Desk Pilkada." />
      </>
    );
  return (
    <>
      <h1>Dasbor Bupati</h1>
      <Async state={board}>{(d) => <Dashboard d={d} />}</Async>
    </>
  );
}
