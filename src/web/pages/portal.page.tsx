/**
 * The public home (no sign-in): latest news, where the stage calendar
 * stands, the cek DPT lookup, provisional results once counting has begun,
 * and how to report a problem. Loaded lazily; each part fetches its own data.
 */
import { formatAngka, formatTanggal } from '../../domain/common/format.ts';
import { api, type ContestData, type StageCalendarData } from '../api.ts';
import { Async } from '../components.tsx';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { NewsCards } from './berita.page.tsx';
import { CekDptForm } from './cek-dpt.page.tsx';

export function PortalPage() {
  const settings = useApi((signal) => api.settings(signal));
  const name = settings.data?.regencyName ?? null;
  useTitle(name === null ? 'Pilkada' : `Pilkada ${name}`);
  return (
    <>
      <h1>{name === null ? 'Pilkada' : `Pilkada ${name}`}</h1>
      <p className="lead">
        Informasi untuk masyarakat dari Desk Pilkada: berita, jadwal tahapan, cek DPT, hasil
        sementara, dan cara melaporkan masalah.
      </p>
      <LatestNews />
      <StagesNow />
      <section aria-labelledby="portal-cek-dpt" className="portal-section">
        <h2 id="portal-cek-dpt">Cek DPT</h2>
        <p>
          Periksa apakah Anda terdaftar sebagai pemilih dan di TPS mana: NIK (16 digit) dan
          sedikitnya 3 huruf pertama nama seperti di KTP-el.
        </p>
        <CekDptForm idPrefix="portal-cek" />
        <p>
          Ada warga yang tidak memenuhi syarat, belum terdaftar, atau datanya salah di DPS desa
          Anda? <Link to="/tanggapan-dps">Kirim tanggapan atas DPS</Link> (tanpa perlu masuk).
        </p>
      </section>
      <ProvisionalResults />
      <section aria-labelledby="portal-lapor" className="portal-section">
        <h2 id="portal-lapor">Lapor masalah</h2>
        <ol>
          <li>
            Buka <Link to="/lapor">formulir lapor masalah</Link> (tanpa perlu masuk).
          </li>
          <li>Pilih kecamatan dan desa, jenis masalah, lalu ceritakan apa yang terjadi.</li>
          <li>
            Simpan kode laporan yang diberikan, lalu <Link to="/lapor/lacak">lacak laporan</Link>{' '}
            untuk melihat tindak lanjutnya.
          </li>
        </ol>
      </section>
    </>
  );
}

function LatestNews() {
  const news = useApi((signal) => api.publicNews(3, signal));
  return (
    <section aria-labelledby="portal-berita" className="portal-section">
      <h2 id="portal-berita">Berita terbaru</h2>
      <Async state={news}>{(items) => <NewsCards items={items} headingLevel={3} />}</Async>
      <p>
        <Link to="/berita">Semua berita</Link>
      </p>
    </section>
  );
}

function StagesNow() {
  const calendar = useApi((signal) => api.stages(signal));
  return (
    <section aria-labelledby="portal-tahapan" className="portal-section">
      <h2 id="portal-tahapan">Jadwal tahapan</h2>
      <Async state={calendar}>{(data) => <StageSummary calendar={data} />}</Async>
      <p>
        <Link to="/tahapan">Seluruh jadwal tahapan</Link>
      </p>
    </section>
  );
}

/** Where we stand: the running stages, else the next ones, else the last. */
function StageSummary({ calendar }: { calendar: StageCalendarData }) {
  const stages = [...calendar.stages].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const running = stages.filter((s) => s.phase === 'berlangsung');
  const next = stages.filter((s) => s.phase === 'akan_datang').slice(0, 3);
  const done = stages.filter((s) => s.phase === 'selesai');
  const range = (a: string, b: string) =>
    a === b ? formatTanggal(a) : `${formatTanggal(a)} – ${formatTanggal(b)}`;
  const list = (title: string, items: typeof stages) =>
    items.length === 0 ? null : (
      <>
        <h3>{title}</h3>
        <ul className="portal-stages" aria-label={title}>
          {items.map((s) => (
            <li key={s.id} data-testid="portal-stage">
              <strong>{s.name}</strong>
              <br />
              <span className="muted small">{range(s.startsOn, s.endsOn)}</span>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <>
      <p>Hari ini (WIB): {formatTanggal(calendar.today)}.</p>
      {stages.length === 0 && <p className="muted">Jadwal tahapan belum diumumkan.</p>}
      {list('Sedang berlangsung', running)}
      {list('Berikutnya', next)}
      {running.length === 0 && next.length === 0 && list('Tahapan terakhir', done.slice(-1))}
      <p className="muted small">
        {formatAngka(done.length)} dari {formatAngka(stages.length)} tahapan telah selesai.
      </p>
    </>
  );
}

function ProvisionalResults() {
  const contests = useApi((signal) => api.contests(signal));
  return (
    <section aria-labelledby="portal-hasil" className="portal-section">
      <h2 id="portal-hasil">Hasil sementara</h2>
      <Async state={contests}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">Belum ada pemilihan.</p>
          ) : (
            <ul className="plain">
              {list.map((c) => (
                <ContestProgress key={c.id} contest={c} />
              ))}
            </ul>
          )
        }
      </Async>
      <p>
        <Link to="/hasil-sementara">Hasil sementara lengkap</Link>
      </p>
    </section>
  );
}

function ContestProgress({ contest }: { contest: ContestData }) {
  const summary = useApi((signal) => api.publicResults(contest.id, signal), String(contest.id));
  const data = summary.data;
  if (data === undefined) return null;
  const region = data.region;
  if (region.reported === 0) {
    return (
      <li>
        <strong>{contest.name}</strong>: belum ada hasil; pemungutan suara{' '}
        {formatTanggal(contest.votingDay)}.
      </li>
    );
  }
  const labelOf = new Map(data.contest.selections.map((s) => [s.id, s.label]));
  return (
    <li data-testid="portal-result">
      <strong>{contest.name}</strong>: hasil diterima dari {formatAngka(region.reported)} dari{' '}
      {formatAngka(region.tpsTotal)} TPS (sementara).
      <ul>
        {region.votes.map((v) => (
          <li key={v.selectionId}>
            {labelOf.get(v.selectionId) ?? '—'}: {formatAngka(v.votes)} suara
            {v.share === null ? '' : ` (${(v.share * 100).toFixed(1).replace('.', ',')}%)`}
          </li>
        ))}
      </ul>
    </li>
  );
}
