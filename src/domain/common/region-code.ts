/**
 * Kemendagri region codes: province `35`, regency `35.13`,
 * kecamatan `35.13.01`, desa/kelurahan `35.13.01.2001`.
 */
export type RegionLevel = 'province' | 'regency' | 'kecamatan' | 'desa';

const PATTERNS: readonly [RegionLevel, RegExp][] = [
  ['province', /^\d{2}$/],
  ['regency', /^\d{2}\.\d{2}$/],
  ['kecamatan', /^\d{2}\.\d{2}\.\d{2}$/],
  ['desa', /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/],
];

/** The level a code belongs to, or null when it is not a well-formed code. */
export function regionLevel(code: string): RegionLevel | null {
  for (const [level, pattern] of PATTERNS) {
    if (pattern.test(code)) return level;
  }
  return null;
}

export function isRegencyCode(code: string): boolean {
  return regionLevel(code) === 'regency';
}

/** The parent's code (`35.13.01.2001` → `35.13.01`), or null for a province. */
export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** True when `code` is `ancestor` itself or lies below it. */
export function isWithin(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

export const REGION_LEVEL_LABEL: Record<RegionLevel, string> = {
  province: 'Provinsi',
  regency: 'Kabupaten/Kota',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
};
