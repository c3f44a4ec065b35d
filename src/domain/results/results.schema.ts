/** API shapes of submitted results, their history, roll-ups and the window. */
import { z } from 'zod';

export const ResultStatus = z.enum(['submitted', 'verified', 'returned']);
export type ResultStatus = z.infer<typeof ResultStatus>;

export const Flag = z.object({ code: z.string(), message: z.string() });
export type Flag = z.infer<typeof Flag>;

export const ResultVersion = z
  .object({
    id: z.number().int(),
    clientId: z.string(),
    version: z.number().int(),
    form: z.unknown().meta({ description: 'The C.Hasil-KWK form as submitted' }),
    reason: z.string().nullable(),
    anomalies: z.array(Flag),
    submittedByName: z.string().nullable(),
    submittedAt: z.string(),
  })
  .meta({ id: 'ResultVersion' });
export type ResultVersion = z.infer<typeof ResultVersion>;

export const ResultsWindow = z
  .object({
    open: z.boolean(),
    votingDay: z.string().nullable(),
    openedEarly: z
      .object({ at: z.string(), by: z.string().nullable(), reason: z.string() })
      .nullable(),
    message: z.string(),
  })
  .meta({ id: 'ResultsWindow' });
export type ResultsWindow = z.infer<typeof ResultsWindow>;

export const TpsContestResult = z
  .object({
    contestId: z.number().int(),
    contestName: z.string(),
    status: ResultStatus.nullable(),
    statusNote: z.string().nullable(),
    statusBy: z.string().nullable(),
    current: ResultVersion.nullable(),
    history: z.array(ResultVersion),
    photos: z.array(
      z.object({
        sha256: z.string(),
        mediaType: z.string(),
        bytes: z.number().int(),
        uploadedBy: z.string().nullable(),
        alsoAtTps: z.array(z.number().int()),
      }),
    ),
  })
  .meta({ id: 'TpsContestResult' });
export type TpsContestResult = z.infer<typeof TpsContestResult>;

export const TpsResults = z
  .object({
    tpsId: z.number().int(),
    label: z.string(),
    desaCode: z.string(),
    desaName: z.string(),
    registeredVoters: z.number().int(),
    window: ResultsWindow,
    contests: z.array(TpsContestResult),
  })
  .meta({ id: 'TpsResults' });
export type TpsResults = z.infer<typeof TpsResults>;

export const SubmissionAccepted = z
  .object({
    duplicate: z
      .boolean()
      .meta({ description: 'true when this client id was already accepted (a resend)' }),
    tpsId: z.number().int(),
    contestId: z.number().int(),
    version: z.number().int(),
    status: ResultStatus,
    anomalies: z.array(Flag),
  })
  .meta({ id: 'SubmissionAccepted' });
export type SubmissionAccepted = z.infer<typeof SubmissionAccepted>;

export const StatusChangeBody = z
  .object({
    version: z
      .number()
      .int()
      .positive()
      .meta({ description: 'The version the verifier looked at' }),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'StatusChangeBody' });
export type StatusChangeBody = z.infer<typeof StatusChangeBody>;

export const OpenEarlyBody = z
  .object({
    reason: z.string().trim().min(5, { message: 'Alasan minimal 5 huruf' }).max(500),
  })
  .meta({ id: 'OpenEarlyBody' });

export const SelectionVotes = z.object({
  selectionId: z.number().int(),
  votes: z.number().int(),
  share: z.number().nullable().meta({ description: 'Share of valid votes, 0..1' }),
});

export const LevelTotals = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['regency', 'korwil', 'kecamatan', 'desa']),
    tpsTotal: z.number().int(),
    reported: z.number().int(),
    verified: z.number().int(),
    registered: z
      .number()
      .int()
      .meta({ description: 'Registered voters (I.A total) of the TPS that reported' }),
    voted: z.number().int(),
    turnout: z.number().nullable().meta({ description: 'voted / registered, 0..1' }),
    valid: z.number().int(),
    invalid: z.number().int(),
    votes: z.array(SelectionVotes),
    leader: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The selection with most votes (null on a tie or no votes)' }),
  })
  .meta({ id: 'LevelTotals' });
export type LevelTotals = z.infer<typeof LevelTotals>;

export const ResultsSummary = z
  .object({
    contest: z.object({
      id: z.number().int(),
      name: z.string(),
      selections: z.array(
        z.object({
          id: z.number().int(),
          label: z.string(),
          ballotNumber: z.number().int().nullable(),
        }),
      ),
    }),
    region: LevelTotals,
    /** The Korwil the region lies in (its kecamatan's); null at regency level or when unassigned. */
    korwilId: z.number().int().nullable(),
    path: z.array(z.object({ code: z.string(), name: z.string() })),
    korwil: z.array(LevelTotals),
    children: z.array(LevelTotals),
    notice: z.string(),
  })
  .meta({ id: 'ResultsSummary' });
export type ResultsSummary = z.infer<typeof ResultsSummary>;

export const AnomalyItem = z
  .object({
    tpsId: z.number().int(),
    tpsLabel: z.string(),
    desaCode: z.string(),
    desaName: z.string(),
    kecamatanName: z.string(),
    version: z.number().int(),
    status: ResultStatus,
    flags: z.array(Flag),
  })
  .meta({ id: 'AnomalyItem' });
export type AnomalyItem = z.infer<typeof AnomalyItem>;

export const SummaryQuery = z.object({
  contestId: z.coerce.number().int().positive().max(2_147_483_647),
  /** A region: regency (default), kecamatan or desa code. */
  code: z.string().max(20).optional(),
  /** Or a Korwil, by id: its totals and its kecamatan's. */
  korwil: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/** A kecamatan code (`35.13.01`): the public desa totals are asked per kecamatan. */
export const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

/** The public desa totals' query: a contest and one of its regency's kecamatan. */
export const PublicKecamatanQuery = z.object({
  contestId: z.coerce.number().int().positive().max(2_147_483_647),
  code: z
    .string()
    .regex(KECAMATAN_CODE, 'Kode kecamatan harus berbentuk 00.00.00.')
    .meta({ description: 'A kecamatan code, e.g. 35.13.01' }),
});

export const PROVISIONAL_NOTICE = 'Hasil sementara, bukan hasil resmi KPU.';

/** The worklist's query: a contest, and optionally a kecamatan or desa within the caller's area. */
export const WorklistQuery = z.object({
  contestId: z.coerce.number().int().positive().max(2_147_483_647),
  code: z
    .string()
    .regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/)
    .optional()
    .meta({ description: 'A kecamatan or desa code to narrow the list to' }),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const WorkTpsItem = z
  .object({
    tpsId: z.number().int(),
    number: z.number().int(),
    label: z.string(),
    desaCode: z.string(),
    desaName: z.string(),
    kecamatanName: z.string(),
    status: ResultStatus.nullable(),
    version: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    statusAt: z.string().nullable(),
  })
  .meta({ id: 'WorkTpsItem' });
export type WorkTpsItem = z.infer<typeof WorkTpsItem>;

/** The TPS of the caller's area for one contest, by what is left to do. */
export const ResultsWorklist = z
  .object({
    contestId: z.number().int(),
    contestName: z.string(),
    area: z.string().meta({ description: 'Where the list covers, e.g. "Kecamatan Sukapura"' }),
    counts: z.object({
      waiting: z.number().int(),
      returned: z.number().int(),
      verified: z.number().int(),
      missing: z.number().int(),
      total: z.number().int(),
    }),
    waiting: z.array(WorkTpsItem).meta({ description: 'Waiting for verification, oldest first' }),
    returned: z.array(WorkTpsItem),
    verified: z.array(WorkTpsItem),
    missing: z.array(WorkTpsItem),
  })
  .meta({ id: 'ResultsWorklist' });
export type ResultsWorklist = z.infer<typeof ResultsWorklist>;
