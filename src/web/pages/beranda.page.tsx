import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { REGION_LEVEL_LABEL } from '../../domain/common/region-code.ts';
import {
  api,
  CLIENT_ERROR,
  type ApiError,
  type KorwilData,
  type RegencyData,
  type RegionSearchHitData,
} from '../api.ts';
import { Async, CountGrid } from '../components.tsx';
import { Link, wilayahPath } from '../router.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { KecamatanTable } from './kecamatan-table.tsx';

export function BerandaPage() {
  const regency = useApi((signal) => api.regency(signal));
  useTitle(regency.data?.name ?? 'Beranda');
  return <Async state={regency}>{(data) => <RegencyView regency={data} />}</Async>;
}

function RegencyView({ regency }: { regency: RegencyData }) {
  const manager = can(useMe(), 'korwil.manage');
  return (
    <>
      <h1>{regency.name}</h1>
      <p className="lead">
        Provinsi {regency.provinceName} · kode wilayah {regency.code}
      </p>
      <CountGrid
        items={[
          { label: 'Kecamatan', value: regency.counts.kecamatan },
          { label: 'Desa/Kelurahan', value: regency.counts.desa },
          { label: 'TPS', value: regency.counts.tps },
          { label: 'Pemilih', value: regency.counts.voters },
        ]}
      />
      <RegionSearch />
      <h2>Koordinator Wilayah (Korwil)</h2>
      {regency.korwil.length === 0 && (
        <p>
          Belum ada Korwil.
          {manager && (
            <>
              {' '}
              <Link to="/korwil">Bentuk Korwil</Link> untuk membagi kecamatan.
            </>
          )}
        </p>
      )}
      <div className="cards">
        {regency.korwil.map((k) => (
          <KorwilCard key={k.id} korwil={k} />
        ))}
      </div>
      {regency.unassignedKecamatan.length > 0 && (
        <section className="alert alert-warning" aria-labelledby="tanpa-korwil">
          <h2 id="tanpa-korwil">Kecamatan belum masuk Korwil</h2>
          <p>
            {formatAngka(regency.unassignedKecamatan.length)} kecamatan belum dibagi ke Korwil mana
            pun.
            {manager && (
              <>
                {' '}
                Atur di halaman <Link to="/korwil">Korwil</Link>.
              </>
            )}
          </p>
          <KecamatanTable kecamatan={regency.unassignedKecamatan} />
        </section>
      )}
    </>
  );
}

function KorwilCard({ korwil }: { korwil: KorwilData }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="korwil-card">
      <h3 id={headingId}>{korwil.name}</h3>
      <p className="muted">Ketua: {korwil.chair ?? <em>belum ditetapkan</em>}</p>
      <p className="card-counts">
        {formatAngka(korwil.counts.kecamatan)} kecamatan · {formatAngka(korwil.counts.desa)} desa ·{' '}
        {formatAngka(korwil.counts.tps)} TPS · {formatAngka(korwil.counts.voters)} pemilih
      </p>
      {korwil.kecamatan.length === 0 ? (
        <p className="muted">Belum ada kecamatan.</p>
      ) : (
        <KecamatanTable kecamatan={korwil.kecamatan} />
      )}
    </section>
  );
}

function RegionSearch() {
  const inputId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<RegionSearchHitData[] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(false);

  // Search as the user types (debounced); Enter searches at once.
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      if (q === '') {
        setQuery('');
        setHits(undefined);
        setError(undefined);
      }
      return;
    }
    const timer = setTimeout(() => setQuery(q), 350);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    if (query === '') return;
    const controller = new AbortController();
    setLoading(true);
    void api.searchRegions(query, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoading(false);
      if (result.ok) {
        setHits(result.data);
        setError(undefined);
      } else if (result.error.code !== CLIENT_ERROR.aborted) {
        setHits(undefined);
        setError(result.error);
      }
    });
    return () => controller.abort();
  }, [query]);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q.length < 2) {
      setHits(undefined);
      setError({ code: 'form.invalid', message: 'Ketik minimal 2 huruf atau angka.', field: 'q' });
      return;
    }
    setQuery(q);
  };

  return (
    <section className="search" aria-label="Cari wilayah">
      <form role="search" onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId}>Cari wilayah (nama atau kode wilayah)</label>
        <div className="search-row">
          <input
            id={inputId}
            type="search"
            value={text}
            autoComplete="off"
            placeholder="mis. Sukapura atau 35.13.01"
            onChange={(e) => setText(e.target.value)}
            aria-describedby={error === undefined ? undefined : `${inputId}-error`}
            aria-invalid={error?.field === 'q'}
          />
          <button type="submit" className="button">
            Cari
          </button>
        </div>
      </form>
      {loading && (
        <p className="muted" role="status">
          Mencari…
        </p>
      )}
      {error !== undefined && (
        <p className="field-error" id={`${inputId}-error`} role="alert">
          {error.message}
        </p>
      )}
      {hits !== undefined && !loading && (
        <div aria-live="polite">
          {hits.length === 0 ? (
            <p>Tidak ada wilayah yang cocok dengan “{query}”.</p>
          ) : (
            <ul className="search-hits" aria-label={`Hasil pencarian “${query}”`}>
              {hits.map((hit) => (
                <li key={hit.code}>
                  <Link to={wilayahPath(hit.code)}>{hit.name}</Link>{' '}
                  <span className="muted">
                    {REGION_LEVEL_LABEL[hit.level]} · {hit.path} · {hit.code}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
