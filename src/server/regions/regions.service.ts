import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { regionLevel } from '../../domain/common/region-code.ts';
import type {
  Korwil,
  Regency,
  RegionDetail,
  RegionSearchHit,
} from '../../domain/regions/region.schema.ts';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { canRead, regionTarget } from '../auth/guard.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import { listTpsOfDesa } from '../tps/tps.service.ts';
import { RegionTree } from './region-tree.ts';
import { allKorwil, allRegions, desaStats, searchRegions } from './regions.repository.ts';

export async function loadTree(db: Db): Promise<RegionTree> {
  const [rows, korwil, stats] = await Promise.all([allRegions(db), allKorwil(db), desaStats(db)]);
  return new RegionTree(rows, korwil, stats);
}

const notInitialised = () =>
  err(
    domainError(
      'not_found',
      'registry.not_initialised',
      'Kabupaten belum diinisialisasi. Jalankan: desk-pilkada init --regency <kode>.',
    ),
  );

export function korwilOf(tree: RegionTree, regencyCode: string): Korwil[] {
  return [...tree.korwilById.values()]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((k) => ({
      id: k.id,
      name: k.name,
      ordinal: k.ordinal,
      chair: k.chair,
      counts: tree.korwilCounts(k.id, regencyCode),
      kecamatan: tree
        .kecamatanOf(regencyCode)
        .filter((r) => r.korwilId === k.id)
        .map((r) => tree.summary(r)),
    }));
}

export async function getRegency(db: Db, actor: Actor): Promise<Result<Regency>> {
  const regency = await getRegencySetting(db);
  if (regency === null) return notInitialised();
  const allowed = canRead(actor, 'registry.read', await regionTarget(db, regency.code));
  if (!allowed.ok) return allowed;
  const tree = await loadTree(db);
  return ok({
    code: regency.code,
    name: regency.name,
    provinceCode: regency.provinceCode,
    provinceName: regency.provinceName,
    counts: tree.countsOf(regency.code),
    korwil: korwilOf(tree, regency.code),
    unassignedKecamatan: tree
      .kecamatanOf(regency.code)
      .filter((r) => r.korwilId === null)
      .map((r) => tree.summary(r)),
  });
}

export async function getRegion(db: Db, actor: Actor, code: string): Promise<Result<RegionDetail>> {
  const notFound = err(
    domainError('not_found', 'region.not_found', `Wilayah dengan kode ${code} tidak ditemukan.`),
  );
  if (regionLevel(code) === null) {
    return err(
      domainError(
        'invalid',
        'region.invalid_code',
        `Kode wilayah "${code}" tidak sah (contoh: 35.13, 35.13.01, 35.13.01.2001).`,
        'code',
      ),
    );
  }
  const allowed = canRead(actor, 'registry.read', await regionTarget(db, code));
  if (!allowed.ok) return allowed;
  const tree = await loadTree(db);
  const row = tree.byCode.get(code);
  if (row === undefined) return notFound;
  const parent = row.parentCode === null ? undefined : tree.byCode.get(row.parentCode);
  return ok({
    code: row.code,
    name: row.name,
    level: row.level,
    parent: parent === undefined ? null : { code: parent.code, name: parent.name },
    path: tree.pathOf(code).map((r) => ({ code: r.code, name: r.name, level: r.level })),
    korwil: tree.korwilRef(row),
    counts: tree.countsOf(code),
    children: tree.childrenOf(code).map((c) => tree.summary(c)),
    tps:
      row.level === 'desa'
        ? (await listTpsOfDesa(db, code)).map((t) => ({
            id: t.id,
            number: t.number,
            label: t.label,
            voters: t.voters,
            address: t.address,
            status: t.status,
            retiredReason: t.retiredReason,
          }))
        : [],
  });
}

export async function search(db: Db, actor: Actor, q: string): Promise<Result<RegionSearchHit[]>> {
  const anything = canRead(actor, 'registry.read', undefined);
  if (!anything.ok && anything.error.kind === 'unauthorized') return anything;
  const tree = await loadTree(db);
  // Only what the caller may read: a PPS finds its own desa, not the neighbours'.
  const rows = (await searchRegions(db, q, 200))
    .filter((r) => {
      const kec = r.level === 'desa' ? r.parentCode : r.code;
      const korwilId = kec === null ? null : (tree.byCode.get(kec)?.korwilId ?? null);
      return canRead(actor, 'registry.read', { regionCode: r.code, korwilId }).ok;
    })
    .slice(0, 30);
  return ok(
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      path: [...tree.pathOf(r.code).filter((p) => p.level === 'kecamatan'), r]
        .map((p) => p.name)
        .join(' › '),
    })),
  );
}
