import { useEffect } from 'react';
import { api, type ContestData, type TpsDetailData, type TpsResultsData } from '../api.ts';
import { Async, CountGrid } from '../components.tsx';
import { TPS_STATUS_LABEL } from '../labels.ts';
import { hasilTpsPath, Link, wilayahPath } from '../router.tsx';
import { contestShort, statusLabel } from '../results.ts';
import { canOn, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

/** One TPS, for the KPPS and Pantarlih who work there (and anyone who may read it). */
export function TpsPage({ id }: { id: number }) {
  const tps = useApi((signal) => api.tps(id, signal), String(id));
  useTitle(tps.data?.label ?? 'TPS');
  return <Async state={tps}>{(data) => <TpsView tps={data} />}</Async>;
}

function TpsView({ tps }: { tps: TpsDetailData }) {
  const me = useMe();
  // The desa page is linked only for those who may open it (a KPPS may not).
  const desaReadable = canOn(me, 'registry.read', { regionCode: tps.desaCode, korwilId: null });
  const target = { regionCode: tps.desaCode, korwilId: null, tpsId: tps.id };
  const resultsReadable = canOn(me, 'result.read', target);
  const canSubmit = canOn(me, 'result.submit', target);
  const desaLabel =
    tps.desaName === null
      ? `Desa/kelurahan kode ${tps.desaCode}`
      : `Desa/kelurahan ${tps.desaName}`;
  return (
    <>
      <p className="overline">TPS · nomor {tps.number}</p>
      <h1>{tps.label}</h1>
      <p className="lead">
        {desaReadable ? <Link to={wilayahPath(tps.desaCode)}>{desaLabel}</Link> : desaLabel}
        {tps.kecamatanName !== null && <>, Kecamatan {tps.kecamatanName}</>}
      </p>
      <CountGrid items={[{ label: 'Pemilih', value: tps.voters }]} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${tps.status}`}>{TPS_STATUS_LABEL[tps.status]}</span>
            {tps.retiredReason !== null && <span className="muted"> {tps.retiredReason}</span>}
          </dd>
        </div>
        <div>
          <dt>Alamat</dt>
          <dd>{tps.address ?? <span className="muted">belum diisi</span>}</dd>
        </div>
      </dl>
      {resultsReadable && <ResultsSection tpsId={tps.id} canSubmit={canSubmit} />}
      <p className="muted small">
        Data TPS diubah oleh PPS desa atau operator KPU. Bila ada yang keliru, sampaikan kepada
        mereka.
      </p>
    </>
  );
}

/** One row per contest held at the TPS: its C.Hasil status and the way to fill it in. */
function ResultsSection({ tpsId, canSubmit }: { tpsId: number; canSubmit: boolean }) {
  const results = useApi((signal) => api.tpsResults(tpsId, signal), String(tpsId));
  const contests = useApi((signal) => api.contests(signal));
  // Fetch the entry page's code ahead, so opening the form works on a weak signal too.
  useEffect(() => {
    if (canSubmit) void import('./hasil-tps.page.tsx');
  }, [canSubmit]);
  return (
    <section aria-labelledby="hasil-tps">
      <h2 id="hasil-tps">Hasil penghitungan suara (C.Hasil-KWK)</h2>
      <Async state={results}>
        {(data) => <ResultRows data={data} kinds={contests.data ?? []} canSubmit={canSubmit} />}
      </Async>
    </section>
  );
}

function ResultRows({
  data,
  kinds,
  canSubmit,
}: {
  data: TpsResultsData;
  kinds: readonly ContestData[];
  canSubmit: boolean;
}) {
  if (data.contests.length === 0) {
    return <p className="muted">Belum ada pemilihan yang diselenggarakan di TPS ini.</p>;
  }
  return (
    <>
      {!data.window.open && canSubmit && (
        <p className="alert alert-warning">{data.window.message}</p>
      )}
      <ul className="result-rows" aria-label="C.Hasil per pemilihan">
        {data.contests.map((c) => {
          const short = contestShort(
            kinds.find((k) => k.id === c.contestId),
            c.contestName,
          );
          const action =
            !canSubmit || !data.window.open
              ? 'Lihat C.Hasil'
              : c.current === null
                ? 'Isi C.Hasil'
                : 'Koreksi C.Hasil';
          return (
            <li key={c.contestId} className="result-row">
              <div className="result-row-text">
                <strong>{c.contestName}</strong>
                <span>
                  <span className={`badge badge-result-${c.status ?? 'none'}`}>
                    {statusLabel(c.status)}
                  </span>
                  {c.current !== null && (
                    <span className="muted small"> versi {c.current.version}</span>
                  )}
                </span>
              </div>
              <Link
                to={hasilTpsPath(data.tpsId, c.contestId)}
                className={action === 'Isi C.Hasil' ? 'button button-primary' : 'button'}
              >
                {action}
                <span className="visually-hidden"> {short}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
