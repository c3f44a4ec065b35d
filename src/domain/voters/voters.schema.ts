/** API shapes of voter data: imports, the TPS list, coklit, progress, DPS/DPT, cek DPT. */
import { z } from 'zod';
import { IsoDate, RegionCode } from '../common/error.schema.ts';
import { CHANGEABLE_FIELDS, NEW_VOTER_REASON, TMS_CODES } from './coklit.ts';

export const RowRejection = z.object({
  line: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type RowRejection = z.infer<typeof RowRejection>;

export const ImportSummary = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    dryRun: z.boolean(),
    rowsRead: z.number().int(),
    rowsAccepted: z.number().int(),
    rowsRejected: z.number().int(),
    byUsername: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    /** The first rejections (the full list is the CSV report). */
    rejections: z.array(RowRejection),
  })
  .meta({ id: 'VoterImportSummary' });
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportQuery = z.object({
  fileName: z.string().min(1).max(200),
  dryRun: z.enum(['true', 'false']).default('false'),
});

export const TmsCodeSchema = z.union(TMS_CODES.map((c) => z.literal(c)));

/**
 * The coded voter fields, one form for every payload that carries them (a U's
 * changes and a pemilih baru): choices are one of their codes, the birth date
 * an ISO date.
 */
const VoterCodedFields = {
  birthDate: IsoDate,
  marital: z.enum(['B', 'S', 'P']),
  sex: z.enum(['L', 'P']),
  ktpEl: z.enum(['S', 'B']),
};

export const VoterView = z
  .object({
    id: z.number().int(),
    nik: z.string().meta({ description: 'Masked (351301********0001) unless unmasked' }),
    nkk: z.string(),
    name: z.string(),
    birthPlace: z.string(),
    birthDate: z.string(),
    marital: VoterCodedFields.marital,
    sex: VoterCodedFields.sex,
    address: z.string(),
    rt: z.string(),
    rw: z.string(),
    disability: z.string().nullable(),
    ktpEl: VoterCodedFields.ktpEl,
    remarks: z.string().nullable(),
    desaCode: z.string(),
    tpsId: z.number().int(),
    source: z.enum(['dp4', 'baru']),
    coklitStatus: z.enum(['MS', 'U', 'TMS']).nullable(),
    tmsCode: z.number().int().nullable(),
    coklitAt: z.string().nullable(),
  })
  .meta({ id: 'Voter' });
export type VoterView = z.infer<typeof VoterView>;

/** A household visit: one NKK at one TPS, with the sticker number the server issued. */
export const HouseholdView = z
  .object({
    id: z.number().int(),
    tpsId: z.number().int(),
    nkk: z.string().meta({ description: 'Masked like a NIK' }),
    sticker: z
      .string()
      .meta({ description: '<desa code>/<TPS no>/<sequence>, e.g. 35.13.01.2001/001/0007' }),
    firstVisitAt: z.string(),
    byUsername: z.string().nullable(),
    photos: z.number().int(),
  })
  .meta({ id: 'CoklitHousehold' });
export type HouseholdView = z.infer<typeof HouseholdView>;

export const TpsVoterList = z
  .object({
    tps: z.object({
      id: z.number().int(),
      number: z.number().int(),
      desaCode: z.string(),
      desaName: z.string(),
    }),
    /** Other active TPS of the desa (targets of a TMS-8 remap). */
    desaTps: z.array(z.object({ id: z.number().int(), number: z.number().int() })),
    voters: z.array(VoterView),
    /** Households of this TPS visited so far, with their sticker numbers. */
    households: z.array(HouseholdView),
    canRecord: z.boolean(),
    /** May add a photo of a household visit here (the Pantarlih, PPS, PPK, KPU). */
    canAddPhoto: z.boolean(),
  })
  .meta({ id: 'TpsVoterList' });
export type TpsVoterList = z.infer<typeof TpsVoterList>;

/**
 * What comes with every coklit record. The sticker number is issued by the
 * server (a `sticker` field of older clients' queued records is ignored).
 */
const Evidence = {
  clientId: z.string().min(8).max(100).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  reason: z.string().trim().max(500).optional(),
};

/**
 * The fields a U may change, each in its own form: choices (sex, marital
 * status, KTP-el) are one of their codes, the birth date an ISO date; the
 * rules of each value are in `checkVoterField`.
 */
const VoterFields = {
  nkk: z.string().max(16),
  name: z.string().max(100),
  birthPlace: z.string().max(100),
  birthDate: VoterCodedFields.birthDate,
  marital: VoterCodedFields.marital,
  sex: VoterCodedFields.sex,
  address: z.string().max(200),
  rt: z.string().max(3),
  rw: z.string().max(3),
  disability: z.string().max(20),
  ktpEl: VoterCodedFields.ktpEl,
  remarks: z.string().max(200),
} satisfies Record<(typeof CHANGEABLE_FIELDS)[number], z.ZodType>;

export const CoklitChanges = z.object(VoterFields).partial().strict().meta({ id: 'CoklitChanges' });

export const CoklitBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('MS'), ...Evidence }),
    z.object({
      kind: z.literal('U'),
      changes: CoklitChanges,
      ...Evidence,
    }),
    z.object({
      kind: z.literal('TMS'),
      code: TmsCodeSchema,
      newTpsId: z.number().int().positive().optional(),
      ...Evidence,
    }),
  ])
  .meta({ id: 'CoklitBody' });
export type CoklitBody = z.infer<typeof CoklitBody>;

/** A pemilih baru: every field a U may change, with the NIK; the optional ones default to ''. */
const NewVoterFields = z.object({
  ...VoterFields,
  nik: z.string().max(16),
  disability: VoterFields.disability.default(''),
  remarks: VoterFields.remarks.default(''),
});

export const NewVoterBody = z
  .object({
    voter: NewVoterFields,
    ...Evidence,
    reason: z.enum(Object.keys(NEW_VOTER_REASON) as [keyof typeof NEW_VOTER_REASON]),
  })
  .meta({ id: 'NewVoterBody' });
export type NewVoterBody = z.infer<typeof NewVoterBody>;

export const CoklitAccepted = z
  .object({
    voter: VoterView,
    eventId: z.number().int(),
    duplicate: z.boolean(),
    /** The household visit of this record and its sticker number (null for records before households). */
    household: HouseholdView.nullable(),
    /** This record was the household's first: the sticker number was issued now. */
    newHousehold: z.boolean(),
  })
  .meta({ id: 'CoklitAccepted' });
export type CoklitAccepted = z.infer<typeof CoklitAccepted>;

export const CoklitWindow = z
  .object({
    open: z.boolean(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    reopened: z
      .object({ at: z.string(), by: z.string().nullable(), reason: z.string(), until: z.string() })
      .nullable(),
    message: z.string(),
  })
  .meta({ id: 'CoklitWindow' });
export type CoklitWindow = z.infer<typeof CoklitWindow>;

export const ReopenBody = z
  .object({ reason: z.string().trim().min(5).max(500), until: IsoDate })
  .meta({ id: 'CoklitReopenBody' });

export const UnmaskBody = z
  .object({ reason: z.string().trim().min(5).max(500) })
  .meta({ id: 'UnmaskBody' });
export const Unmasked = z
  .object({ id: z.number().int(), nik: z.string(), nkk: z.string() })
  .meta({ id: 'UnmaskedVoter' });

export const LineageEntry = z.object({
  at: z.string(),
  kind: z.string(),
  label: z.string(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(
    z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() }),
  ),
  evidence: z.string().nullable(),
});
export const Lineage = z
  .object({ voter: VoterView, entries: z.array(LineageEntry) })
  .meta({ id: 'VoterLineage' });
export type Lineage = z.infer<typeof Lineage>;

export const ProgressCounts = z.object({
  dp4: z.number().int(),
  visited: z.number().int(),
  visitedPct: z.number(),
  ms: z.number().int(),
  u: z.number().int(),
  tms: z.record(z.string(), z.number().int()),
  baru: z.number().int(),
  listed: z.number().int(),
  listedMen: z.number().int(),
  listedWomen: z.number().int(),
  /** Households visited (sticker numbers issued). */
  households: z.number().int(),
  /** Households with at least one photo of the visit. */
  householdsWithPhoto: z.number().int(),
});
export type ProgressCounts = z.infer<typeof ProgressCounts>;

export const ProgressRow = z.object({
  code: z.string(),
  name: z.string(),
  counts: ProgressCounts,
});

export const Progress = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    counts: ProgressCounts,
    children: z.array(ProgressRow),
    flags: z.array(z.object({ code: z.string(), message: z.string() })),
    /** Each Pantarlih's coklit work (desa and kecamatan; empty above). */
    officers: z.array(
      z.object({
        officer: z.string(),
        records: z.number().int(),
        households: z.number().int(),
        firstAt: z.string(),
        lastAt: z.string(),
        busiest: z.number().int(),
        flagged: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'VoterProgress' });
export type Progress = z.infer<typeof Progress>;

export const HouseholdPhotoAccepted = z
  .object({
    sha256: z.string(),
    bytes: z.number().int(),
    /** Sticker numbers of other households given the same file (flagged). */
    alsoAtHouseholds: z.array(z.string()),
  })
  .meta({ id: 'HouseholdPhotoAccepted' });
export type HouseholdPhotoAccepted = z.infer<typeof HouseholdPhotoAccepted>;

/** A photo of a household visit, listed for viewing (the file is at its own route). */
export const HouseholdPhotoItem = z
  .object({
    sha256: z.string(),
    mediaType: z.string(),
    bytes: z.number().int(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'HouseholdPhotoItem' });
export type HouseholdPhotoItem = z.infer<typeof HouseholdPhotoItem>;

export const ProgressQuery = z.object({
  code: z.string().regex(/^(\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?|korwil:\d+)$/),
});

export const VoterListSummary = z
  .object({
    id: z.number().int(),
    kind: z.enum(['dps', 'dpt']),
    desaCode: z.string(),
    version: z.number().int(),
    men: z.number().int(),
    women: z.number().int(),
    total: z.number().int(),
    compiledBy: z.string().nullable(),
    compiledAt: z.string(),
  })
  .meta({ id: 'VoterListSummary' });
export type VoterListSummary = z.infer<typeof VoterListSummary>;

export const ListKindParams = z.object({ code: RegionCode, kind: z.enum(['dps', 'dpt']) });

export const DesaLists = z
  .object({
    desaCode: z.string(),
    desaName: z.string(),
    lists: z.array(VoterListSummary),
    tanggapan: z.array(
      z.object({
        id: z.number().int(),
        kind: z.string(),
        description: z.string(),
        submitterName: z.string().nullable(),
        submitterContact: z.string().nullable(),
        /** Recorded by the PPS, or sent on the public page. */
        source: z.enum(['pps', 'publik']),
        voterId: z.number().int().nullable(),
        status: z.enum(['terbuka', 'diterima', 'ditolak']),
        resolution: z.string().nullable(),
        recordedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'DesaVoterLists' });
export type DesaLists = z.infer<typeof DesaLists>;

export const TanggapanBody = z
  .object({
    desaCode: RegionCode,
    voterId: z.number().int().positive().optional(),
    kind: z.enum(['tidak_memenuhi_syarat', 'belum_terdaftar', 'perbaikan_data']),
    description: z.string().trim().min(5).max(1000),
    submitterName: z.string().trim().max(100).optional(),
  })
  .meta({ id: 'TanggapanBody' });

export const TANGGAPAN_KINDS = [
  'tidak_memenuhi_syarat',
  'belum_terdaftar',
  'perbaikan_data',
] as const;
export const TANGGAPAN_KIND_LABEL: Record<(typeof TANGGAPAN_KINDS)[number], string> = {
  tidak_memenuhi_syarat: 'Ada yang tidak memenuhi syarat di DPS',
  belum_terdaftar: 'Belum terdaftar di DPS',
  perbaikan_data: 'Perbaikan data',
};
export const TANGGAPAN_STATUS_LABEL: Record<'terbuka' | 'diterima' | 'ditolak', string> = {
  terbuka: 'Sedang diperiksa PPS',
  diterima: 'Diterima PPS',
  ditolak: 'Ditolak PPS',
};

/** A comment on a desa's DPS from anyone, without an account. */
export const PublicTanggapanBody = z
  .object({
    desaCode: RegionCode,
    kind: z.enum(TANGGAPAN_KINDS),
    description: z.string().trim().min(10).max(1000),
    submitterName: z.string().trim().max(100).optional(),
    submitterContact: z.string().trim().max(100).optional(),
    /** Honeypot: hidden from people, filled by bots. Must stay empty. */
    website: z.string().max(500).optional(),
  })
  .meta({ id: 'PublicTanggapanBody' });
export type PublicTanggapanBody = z.infer<typeof PublicTanggapanBody>;

export const PublicTanggapanCreated = z
  .object({ trackingCode: z.string() })
  .meta({ id: 'PublicTanggapanCreated' });

/** What the public lookup shows: the status and the resolution, nothing else. */
export const TanggapanTracking = z
  .object({
    trackingCode: z.string(),
    status: z.enum(['terbuka', 'diterima', 'ditolak']),
    statusLabel: z.string(),
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'TanggapanTracking' });
export type TanggapanTracking = z.infer<typeof TanggapanTracking>;

export const ResolveTanggapanBody = z
  .object({
    status: z.enum(['diterima', 'ditolak']),
    resolution: z.string().trim().min(5).max(1000),
  })
  .meta({ id: 'ResolveTanggapanBody' });

export const RecapRow = z.object({
  code: z.string(),
  name: z.string(),
  tps: z.number().int(),
  men: z.number().int(),
  women: z.number().int(),
  total: z.number().int(),
});
export const Recap = z
  .object({
    kind: z.enum(['dps', 'dpt']),
    code: z.string(),
    name: z.string(),
    rows: z.array(RecapRow),
    total: RecapRow,
  })
  .meta({ id: 'VoterRecap' });
export type Recap = z.infer<typeof Recap>;
export const RecapQuery = z.object({
  code: RegionCode,
  kind: z.enum(['dps', 'dpt']),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export const CekDptBody = z
  .object({
    nik: z.string().regex(/^\d{16}$/, { message: 'NIK harus 16 digit angka.' }),
    name: z.string().trim().min(3, { message: 'Isi sedikitnya 3 huruf pertama nama.' }).max(100),
  })
  .meta({ id: 'CekDptBody' });
export const CekDptAnswer = z
  .object({
    found: z.boolean(),
    nik: z.string(),
    desaName: z.string().nullable(),
    kecamatanName: z.string().nullable(),
    tps: z.string().nullable(),
    list: z.enum(['dpt', 'dps', 'daftar_pemilih']).nullable(),
    message: z.string(),
  })
  .meta({ id: 'CekDptAnswer' });
export type CekDptAnswer = z.infer<typeof CekDptAnswer>;
