import { formatAngka } from '../../domain/common/format.ts';
import type { RegencyData } from '../api.ts';
import { Link, wilayahPath } from '../router.tsx';

type KecamatanSummary = RegencyData['unassignedKecamatan'][number];

/** Kecamatan with their desa, TPS and voter counts, each linking to its page. */
export function KecamatanTable({
  kecamatan,
  caption,
}: {
  kecamatan: readonly KecamatanSummary[];
  caption?: string;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Kecamatan</th>
            <th scope="col" className="num">
              Desa
            </th>
            <th scope="col" className="num">
              TPS
            </th>
            <th scope="col" className="num">
              Pemilih
            </th>
          </tr>
        </thead>
        <tbody>
          {kecamatan.map((k) => (
            <tr key={k.code}>
              <th scope="row">
                <Link to={wilayahPath(k.code)}>{k.name}</Link>
              </th>
              <td className="num">{formatAngka(k.counts.desa)}</td>
              <td className="num">{formatAngka(k.counts.tps)}</td>
              <td className="num">{formatAngka(k.counts.voters)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
