import { formatAngka } from '../../domain/common/format.ts';
import { REGION_LEVEL_LABEL } from '../../domain/common/region-code.ts';
import { api, type RegionDetailData } from '../api.ts';
import { Async, CountGrid, type CountItem } from '../components.tsx';
import { Link, wilayahPath } from '../router.tsx';
import { can, canEverywhere, canOn, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { TpsSection } from './tps-section.tsx';

export function WilayahPage({ code }: { code: string }) {
  const region = useApi((signal) => api.region(code, signal), code);
  useTitle(region.data?.name ?? `Wilayah ${code}`);
  return (
    <Async state={region}>{(data) => <RegionView region={data} onChanged={region.reload} />}</Async>
  );
}

function countsFor(region: RegionDetailData): CountItem[] {
  const c = region.counts;
  const items: CountItem[] = [];
  if (region.level === 'province' || region.level === 'regency') {
    items.push({ label: 'Kecamatan', value: c.kecamatan });
  }
  if (region.level !== 'desa') items.push({ label: 'Desa/Kelurahan', value: c.desa });
  items.push({ label: 'TPS', value: c.tps }, { label: 'Pemilih', value: c.voters });
  return items;
}

function RegionView({ region, onChanged }: { region: RegionDetailData; onChanged: () => void }) {
  const me = useMe();
  const korwilId = region.korwil?.id ?? null;
  const canSeeKorwil = can(me, 'korwil.manage') || me.grants.some((g) => g.role === 'korwil');
  return (
    <>
      <Breadcrumb region={region} />
      <p className="overline">
        {REGION_LEVEL_LABEL[region.level]} · kode {region.code}
      </p>
      <h1>{region.name}</h1>
      {region.korwil !== null && (
        <p className="lead">
          Bagian dari{' '}
          {canSeeKorwil ? <Link to="/korwil">{region.korwil.name}</Link> : region.korwil.name}
        </p>
      )}
      {region.level === 'kecamatan' && region.korwil === null && (
        <p className="alert alert-warning">
          Kecamatan ini belum termasuk Korwil mana pun.
          {can(me, 'korwil.manage') && (
            <>
              {' '}
              Atur di halaman <Link to="/korwil">Korwil</Link>.
            </>
          )}
        </p>
      )}
      <CountGrid items={countsFor(region)} />
      {region.level === 'desa' ? (
        <TpsSection
          desaCode={region.code}
          desaName={region.name}
          tps={region.tps}
          canManage={canOn(me, 'tps.manage', { regionCode: region.code, korwilId })}
          onChanged={onChanged}
        />
      ) : (
        <ChildrenTable region={region} />
      )}
    </>
  );
}

/** The way up; only the levels the person may open are links. */
function Breadcrumb({ region }: { region: RegionDetailData }) {
  const me = useMe();
  const ancestors = region.path.filter((p) => p.code !== region.code);
  const korwilId = region.korwil?.id ?? null;
  const readable = (p: RegionDetailData['path'][number]) =>
    p.level !== 'province' &&
    canOn(me, 'registry.read', {
      regionCode: p.code,
      korwilId: p.level === 'kecamatan' ? korwilId : null,
    });
  return (
    <nav aria-label="Jejak wilayah" className="breadcrumb">
      <ol>
        {canEverywhere(me, 'registry.read') && (
          <li>
            <Link to="/">Beranda</Link>
          </li>
        )}
        {ancestors.map((p) => (
          <li key={p.code}>
            {readable(p) ? <Link to={wilayahPath(p.code)}>{p.name}</Link> : <span>{p.name}</span>}
          </li>
        ))}
        <li aria-current="page">{region.name}</li>
      </ol>
    </nav>
  );
}

function ChildrenTable({ region }: { region: RegionDetailData }) {
  const childLevel = region.children[0]?.level;
  if (childLevel === undefined) {
    return <p className="muted">Wilayah ini belum memiliki wilayah bawahan.</p>;
  }
  const showDesa = childLevel === 'kecamatan' || childLevel === 'regency';
  const showKorwil = childLevel === 'kecamatan';
  const label = REGION_LEVEL_LABEL[childLevel];
  return (
    <section aria-labelledby="daftar-bawahan">
      <h2 id="daftar-bawahan">Daftar {label.toLowerCase()}</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col">Kode</th>
              {showKorwil && <th scope="col">Korwil</th>}
              {showDesa && (
                <th scope="col" className="num">
                  Desa
                </th>
              )}
              <th scope="col" className="num">
                TPS
              </th>
              <th scope="col" className="num">
                Pemilih
              </th>
            </tr>
          </thead>
          <tbody>
            {region.children.map((child) => (
              <tr key={child.code}>
                <th scope="row">
                  <Link to={wilayahPath(child.code)}>{child.name}</Link>
                </th>
                <td className="code">{child.code}</td>
                {showKorwil && <td>{child.korwil?.name ?? <em className="warn">belum ada</em>}</td>}
                {showDesa && <td className="num">{formatAngka(child.counts.desa)}</td>}
                <td className="num">{formatAngka(child.counts.tps)}</td>
                <td className="num">{formatAngka(child.counts.voters)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
