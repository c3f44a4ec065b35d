import { formatAngka } from '../../domain/common/format.ts';
import { api, type TpsData } from '../api.ts';
import { Async, CountGrid } from '../components.tsx';
import { TPS_STATUS_LABEL } from '../labels.ts';
import { Link, wilayahPath } from '../router.tsx';
import { canOn, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

/** One TPS, for the KPPS and Pantarlih who work there (and anyone who may read it). */
export function TpsPage({ id }: { id: number }) {
  const tps = useApi((signal) => api.tps(id, signal), String(id));
  useTitle(tps.data?.label ?? 'TPS');
  return <Async state={tps}>{(data) => <TpsView tps={data} />}</Async>;
}

function TpsView({ tps }: { tps: TpsData }) {
  const me = useMe();
  // The desa page is linked only for those who may open it (a KPPS may not).
  const desaReadable = canOn(me, 'registry.read', { regionCode: tps.desaCode, korwilId: null });
  return (
    <>
      <p className="overline">TPS · nomor {tps.number}</p>
      <h1>{tps.label}</h1>
      <p className="lead">
        Desa/kelurahan{' '}
        {desaReadable ? (
          <Link to={wilayahPath(tps.desaCode)}>kode {tps.desaCode}</Link>
        ) : (
          <>kode {tps.desaCode}</>
        )}
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
        <div>
          <dt>Jumlah pemilih</dt>
          <dd>{formatAngka(tps.voters)} orang</dd>
        </div>
      </dl>
      <p className="muted small">
        Data TPS diubah oleh PPS desa atau operator KPU. Bila ada yang keliru, sampaikan kepada
        mereka.
      </p>
    </>
  );
}
