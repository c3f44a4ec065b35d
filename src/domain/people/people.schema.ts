/**
 * Payloads of the people feature: the desk's organisation, rosters of the
 * ad hoc bodies, Bimtek and the ASN register. One schema per payload, shared
 * by server, web client and OpenAPI.
 */
import { z } from 'zod';
import { IsoDate, RegionCode } from '../common/error.schema.ts';
import { BODIES, POSITIONS } from './seats.ts';
import { DESK_ROLES } from './organisation.ts';

export const BodyKind = z.enum(BODIES);
export const PositionKind = z.enum(POSITIONS);
export const DeskRoleKind = z.enum(DESK_ROLES);

const Name = z.string().trim().min(1, { message: 'Nama wajib diisi' }).max(200);
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 -]{6,20}$/, { message: 'Nomor telepon tidak sah (angka, boleh diawali +)' });

export const LineErrorBody = z
  .object({
    line: z.number().int().meta({ description: '1-based line of the file' }),
    field: z.string().nullable(),
    code: z.string().meta({ example: 'roster.seats_full' }),
    message: z.string(),
  })
  .meta({ id: 'LineError' });
export type LineErrorBody = z.infer<typeof LineErrorBody>;

export const CsvImportBody = z
  .object({
    csv: z.string().max(3_000_000),
    dryRun: z.boolean().default(false),
  })
  .meta({ id: 'PeopleCsvImportBody' });
export type CsvImportBody = z.input<typeof CsvImportBody>;

export const CsvImportResult = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    errors: z.array(LineErrorBody),
  })
  .meta({ id: 'PeopleCsvImportResult' });
export type CsvImportResult = z.infer<typeof CsvImportResult>;

// ---------------------------------------------------------------- desk

export const DeskPositionBody = z
  .object({
    role: DeskRoleKind,
    name: Name,
    nip: z.string().trim().max(30).optional(),
    office: z.string().trim().min(2).max(200).meta({ description: 'Jabatan and perangkat daerah' }),
    phone: Phone.optional(),
    korwilId: z.number().int().positive().optional(),
    kecamatanCode: RegionCode.optional(),
  })
  .meta({ id: 'DeskPositionBody' });
export type DeskPositionBody = z.input<typeof DeskPositionBody>;

export const DeskPosition = z
  .object({
    id: z.number().int(),
    role: DeskRoleKind,
    roleLabel: z.string(),
    name: z.string(),
    nip: z.string().nullable(),
    office: z.string(),
    phone: z.string().nullable(),
    korwilId: z.number().int().nullable(),
    korwilName: z.string().nullable(),
    kecamatanCode: z.string().nullable(),
    kecamatanName: z.string().nullable(),
  })
  .meta({ id: 'DeskPosition' });
export type DeskPosition = z.infer<typeof DeskPosition>;

export const DeskOrganisation = z
  .object({
    regencyName: z.string().nullable(),
    positions: z.array(DeskPosition),
    korwil: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        kecamatan: z.array(z.object({ code: z.string(), name: z.string() })),
      }),
    ),
    gaps: z.array(
      z.object({
        role: DeskRoleKind,
        korwilId: z.number().int().nullable(),
        kecamatanCode: z.string().nullable(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'DeskOrganisation' });
export type DeskOrganisation = z.infer<typeof DeskOrganisation>;

// ---------------------------------------------------------------- rosters

export const RosterMemberBody = z
  .object({
    body: BodyKind,
    position: PositionKind,
    regionCode: RegionCode.meta({ description: 'Kecamatan (PPK) or desa code' }),
    tpsNumber: z.number().int().positive().max(9999).optional(),
    name: Name,
    nik: z.string().trim().max(30),
    phone: Phone.optional(),
    swornInOn: IsoDate.optional(),
  })
  .meta({ id: 'RosterMemberBody' });
export type RosterMemberBody = z.input<typeof RosterMemberBody>;

export const RosterMember = z
  .object({
    id: z.number().int(),
    body: BodyKind,
    position: PositionKind,
    regionCode: z.string(),
    regionName: z.string(),
    kecamatanCode: z.string(),
    kecamatanName: z.string(),
    tpsId: z.number().int().nullable(),
    tpsNumber: z.number().int().nullable(),
    name: z.string(),
    nikMasked: z.string().meta({ description: 'NIK with the birth date hidden' }),
    phone: z.string().nullable(),
    swornInOn: z.string().nullable(),
    username: z.string().nullable(),
  })
  .meta({ id: 'RosterMember' });
export type RosterMember = z.infer<typeof RosterMember>;

export const RosterQuery = z.object({
  body: BodyKind,
  code: RegionCode.optional().meta({ description: 'Kecamatan or desa; default the regency' }),
});

export const Fill = z.object({ filled: z.number().int(), seats: z.number().int() });

export const RosterCompleteness = z
  .object({
    bodies: z.array(
      z.object({
        body: BodyKind,
        label: z.string(),
        filled: z.number().int(),
        seats: z.number().int(),
        units: z.number().int(),
        unitsComplete: z.number().int(),
        unitsWithoutKetua: z.number().int(),
      }),
    ),
    kecamatan: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        korwilName: z.string().nullable(),
        ppk: Fill,
        pps: Fill,
        kpps: Fill,
        pantarlih: Fill,
      }),
    ),
  })
  .meta({ id: 'RosterCompleteness' });
export type RosterCompleteness = z.infer<typeof RosterCompleteness>;

export const RosterAccountBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{3,50}$/, {
        message:
          'Username hanya huruf kecil, angka, titik, tanda hubung, garis bawah; 3–50 karakter',
      }),
  })
  .meta({ id: 'RosterAccountBody' });

export const RosterAccountCreated = z
  .object({ member: RosterMember, username: z.string(), oneTimePassword: z.string() })
  .meta({ id: 'RosterAccountCreated' });
export type RosterAccountCreated = z.infer<typeof RosterAccountCreated>;

// ---------------------------------------------------------------- bimtek

export const BimtekEventBody = z
  .object({
    name: z.string().trim().min(3).max(300),
    body: BodyKind,
    startsOn: IsoDate,
    endsOn: IsoDate,
    venue: z.string().trim().min(2).max(300),
    organiser: z.string().trim().min(2).max(200).default('KPU Kabupaten'),
  })
  .meta({ id: 'BimtekEventBody' });
export type BimtekEventBody = z.input<typeof BimtekEventBody>;

export const BimtekWaveBody = z
  .object({
    name: z.string().trim().min(2).max(100),
    startsOn: IsoDate,
    endsOn: IsoDate,
    venue: z.string().trim().max(300).optional(),
    korwilIds: z.array(z.number().int().positive()).max(50).default([]),
    kecamatanCodes: z.array(RegionCode).max(100).default([]),
  })
  .meta({
    id: 'BimtekWaveBody',
    description: 'Participants: the body’s members in these kecamatan (and those of these Korwil)',
  });
export type BimtekWaveBody = z.input<typeof BimtekWaveBody>;

export const BimtekSessionBody = z
  .object({
    waveId: z.number().int().positive().optional().meta({ description: 'Omit: every wave' }),
    topic: z.string().trim().min(2).max(300),
    speaker: z.string().trim().min(2).max(200),
    speakerOrganisation: z.string().trim().min(2).max(200),
    external: z.boolean().default(false),
  })
  .meta({ id: 'BimtekSessionBody' });
export type BimtekSessionBody = z.input<typeof BimtekSessionBody>;

export const AttendanceBody = z
  .object({
    day: IsoDate,
    memberIds: z.array(z.number().int().positive()).min(1).max(5000),
    present: z.boolean().default(true),
  })
  .meta({ id: 'AttendanceBody' });
export type AttendanceBody = z.input<typeof AttendanceBody>;

export const AttendanceCodeBody = z
  .object({ day: IsoDate, code: z.string().trim().min(5).max(40) })
  .meta({ id: 'AttendanceCodeBody' });
export type AttendanceCodeBody = z.input<typeof AttendanceCodeBody>;

const Score = z.number().int().min(0).max(100).nullable();
export const ScoresBody = z
  .object({
    scores: z
      .array(z.object({ memberId: z.number().int().positive(), preTest: Score, postTest: Score }))
      .min(1)
      .max(5000),
  })
  .meta({ id: 'ScoresBody' });
export type ScoresBody = z.input<typeof ScoresBody>;

export const RecapLine = z.object({
  invited: z.number().int(),
  trained: z.number().int(),
  partial: z.number().int(),
  absent: z.number().int(),
  preTestMean: z.number().nullable(),
  postTestMean: z.number().nullable(),
});

export const BimtekSession = z.object({
  id: z.number().int(),
  waveId: z.number().int().nullable(),
  topic: z.string(),
  speaker: z.string(),
  speakerOrganisation: z.string(),
  external: z.boolean(),
});

export const BimtekMaterial = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});

export const BimtekWave = z.object({
  id: z.number().int(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  venue: z.string().nullable(),
  kecamatan: z.array(z.object({ code: z.string(), name: z.string() })),
  recap: RecapLine,
});

export const BimtekEventSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    body: BodyKind,
    startsOn: z.string(),
    endsOn: z.string(),
    venue: z.string(),
    organiser: z.string(),
    waves: z.number().int(),
  })
  .meta({ id: 'BimtekEventSummary' });

export const BimtekEvent = z
  .object({
    id: z.number().int(),
    name: z.string(),
    body: BodyKind,
    startsOn: z.string(),
    endsOn: z.string(),
    venue: z.string(),
    organiser: z.string(),
    waves: z.array(BimtekWave),
    sessions: z.array(BimtekSession),
    materials: z.array(BimtekMaterial),
    recap: RecapLine.extend({
      members: z.number().int().meta({ description: 'Members of the body in the roster' }),
      uninvited: z.number().int().meta({ description: 'Members in no wave' }),
    }),
    byKecamatan: z.array(
      RecapLine.extend({ code: z.string(), name: z.string(), members: z.number().int() }),
    ),
  })
  .meta({ id: 'BimtekEvent' });
export type BimtekEvent = z.infer<typeof BimtekEvent>;

export const TrainingStatusKind = z.enum(['lengkap', 'sebagian', 'belum']);

export const WaveParticipant = z.object({
  memberId: z.number().int(),
  name: z.string(),
  position: PositionKind,
  regionName: z.string(),
  kecamatanName: z.string(),
  code: z.string().meta({ description: 'Participant code, shown as a QR code to scan' }),
  presentDays: z.array(z.string()),
  status: TrainingStatusKind,
  preTest: z.number().int().nullable(),
  postTest: z.number().int().nullable(),
});

export const WaveDetail = z
  .object({
    eventId: z.number().int(),
    wave: BimtekWave,
    days: z.array(z.string()),
    participants: z.array(WaveParticipant),
  })
  .meta({ id: 'BimtekWaveDetail' });
export type WaveDetail = z.infer<typeof WaveDetail>;

export const AttendanceResult = z
  .object({ recorded: z.number().int(), recap: RecapLine })
  .meta({ id: 'BimtekAttendanceResult' });

export const UntrainedPerson = z.object({
  memberId: z.number().int(),
  name: z.string(),
  regionName: z.string(),
  kecamatanName: z.string(),
  waveName: z.string().nullable(),
  status: TrainingStatusKind,
});
export type UntrainedPerson = z.infer<typeof UntrainedPerson>;

// ---------------------------------------------------------------- ASN

export const AsnAtTps = z
  .object({
    id: z.number().int(),
    nip: z.string(),
    name: z.string(),
    office: z.string(),
    votedAt: z.string().nullable(),
  })
  .meta({ id: 'AsnAtTps' });

const AsnCount = z.object({ registered: z.number().int(), voted: z.number().int() });
export const AsnRecap = z
  .object({
    total: AsnCount,
    byOffice: z.array(AsnCount.extend({ office: z.string() })),
    byKecamatan: z.array(AsnCount.extend({ code: z.string(), name: z.string() })),
  })
  .meta({ id: 'AsnRecap' });
export type AsnRecap = z.infer<typeof AsnRecap>;
