/**
 * Kemendagri codes and names of Indonesia's regions, from the `idn-area-data`
 * package (all 514 regencies/cities with their kecamatan and desa).
 */
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';

export interface AreaRegency {
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly kecamatan: readonly { code: string; name: string }[];
  readonly desa: readonly { code: string; kecamatanCode: string; name: string }[];
}

const ACRONYMS = new Set(['DKI', 'DI']);

/** `KABUPATEN PROBOLINGGO` → `Kabupaten Probolinggo`; acronyms like DKI stay upper case. */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(/(\s+|-|\/)/)
    .map((w) =>
      ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join('');
}

// The package's own row types are conditional generics; these are the plain CSV rows.
interface AreaTables {
  readonly provinces: readonly { code: string; name: string }[];
  readonly regencies: readonly { code: string; province_code: string; name: string }[];
  readonly districts: readonly { code: string; regency_code: string; name: string }[];
  readonly villages: readonly { code: string; district_code: string; name: string }[];
}

let tables: Promise<AreaTables> | undefined;

/** The package's CSVs, parsed once per process. */
function areaTables(): Promise<AreaTables> {
  tables ??= (async (): Promise<AreaTables> => ({
    provinces: await getProvinces(),
    regencies: await getRegencies(),
    districts: await getDistricts(),
    villages: await getVillages(),
  }))();
  return tables;
}

export async function listRegencies(): Promise<{ code: string; name: string }[]> {
  return (await areaTables()).regencies.map((r) => ({ code: r.code, name: titleCase(r.name) }));
}

/** The regency with its kecamatan and desa, or null when the code is unknown. */
export async function loadRegency(code: string): Promise<AreaRegency | null> {
  const { provinces, regencies, districts, villages } = await areaTables();
  const regency = regencies.find((r) => r.code === code);
  if (regency === undefined) return null;
  const province = provinces.find((p) => p.code === regency.province_code);
  const kecamatan = districts
    .filter((d) => d.regency_code === code)
    .map((d) => ({ code: d.code, name: d.name }));
  const kecCodes = new Set(kecamatan.map((k) => k.code));
  const desa = villages
    .filter((v) => kecCodes.has(v.district_code))
    .map((v) => ({ code: v.code, kecamatanCode: v.district_code, name: v.name }));
  return {
    code,
    name: titleCase(regency.name),
    provinceCode: regency.province_code,
    provinceName: titleCase(province?.name ?? regency.province_code),
    kecamatan,
    desa,
  };
}
