import { z } from 'zod';

export const RegionLevel = z.enum(['province', 'regency', 'kecamatan', 'desa']);

export const Counts = z
  .object({
    kecamatan: z.number().int(),
    desa: z.number().int(),
    tps: z.number().int(),
    voters: z.number().int(),
  })
  .meta({ id: 'Counts' });
export type Counts = z.infer<typeof Counts>;

export const KorwilRef = z.object({ id: z.number().int(), name: z.string() });

export const RegionSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    level: RegionLevel,
    korwil: KorwilRef.nullable(),
    counts: Counts,
  })
  .meta({ id: 'RegionSummary' });
export type RegionSummary = z.infer<typeof RegionSummary>;

export const TpsSummary = z.object({
  id: z.number().int(),
  number: z.number().int(),
  label: z.string(),
  voters: z.number().int(),
  address: z.string().nullable(),
  status: z.enum(['aktif', 'nonaktif']),
  retiredReason: z.string().nullable(),
});

export const RegionDetail = z
  .object({
    code: z.string(),
    name: z.string(),
    level: RegionLevel,
    parent: z.object({ code: z.string(), name: z.string() }).nullable(),
    path: z.array(z.object({ code: z.string(), name: z.string(), level: RegionLevel })),
    korwil: KorwilRef.nullable(),
    counts: Counts,
    children: z.array(RegionSummary),
    tps: z.array(TpsSummary),
  })
  .meta({ id: 'RegionDetail' });
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionSearchQuery = z.object({
  q: z.string().trim().min(2, { message: 'Kata kunci minimal 2 huruf' }).max(100),
});

export const RegionSearchHit = z
  .object({
    code: z.string(),
    name: z.string(),
    level: RegionLevel,
    path: z
      .string()
      .meta({ description: 'Names from the kecamatan down, e.g. "Sukapura › Ngadisari"' }),
  })
  .meta({ id: 'RegionSearchHit' });
export type RegionSearchHit = z.infer<typeof RegionSearchHit>;

export const KorwilInput = z
  .object({
    name: z.string().trim().min(2, { message: 'Nama Korwil minimal 2 huruf' }).max(100),
    chair: z.string().trim().max(200).optional(),
    kecamatanCodes: z.array(z.string()).default([]),
  })
  .meta({ id: 'KorwilBody' });
export type KorwilInput = z.infer<typeof KorwilInput>;

export const Korwil = z
  .object({
    id: z.number().int(),
    name: z.string(),
    ordinal: z.number().int(),
    chair: z.string().nullable(),
    counts: Counts,
    kecamatan: z.array(RegionSummary),
  })
  .meta({ id: 'Korwil' });
export type Korwil = z.infer<typeof Korwil>;

export const Regency = z
  .object({
    code: z.string(),
    name: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
    counts: Counts,
    korwil: z.array(Korwil),
    unassignedKecamatan: z.array(RegionSummary),
  })
  .meta({ id: 'Regency' });
export type Regency = z.infer<typeof Regency>;

export const KorwilPatch = z
  .object({
    name: z.string().trim().min(2, { message: 'Nama Korwil minimal 2 huruf' }).max(100).optional(),
    chair: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'KorwilPatch' });
export type KorwilPatch = z.infer<typeof KorwilPatch>;

export const KecamatanKorwilInput = z
  .object({ korwilId: z.number().int().positive() })
  .meta({ id: 'KecamatanKorwilBody' });
