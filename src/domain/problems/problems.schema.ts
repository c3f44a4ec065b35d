/** API shapes of field problems: intake, workflow, referrals, listings, summary. */
import { z } from 'zod';
import { IsoDate, RegionCode } from '../common/error.schema.ts';
import {
  ACTIONS,
  AGENCIES,
  ASN_VIOLATIONS,
  ETHICS_PRINCIPLES,
  ORGANISER_BODIES,
  SEVERITIES,
  STATUSES,
} from './problems.ts';

export const Severity = z.enum(SEVERITIES);
export const Status = z.enum(STATUSES);
export const Action = z.enum(ACTIONS);
export const Agency = z.enum(AGENCIES);

const Text = (max: number) => z.string().trim().min(1).max(max);
const Id = z.number().int().positive().max(2_147_483_647);

/**
 * The ASN reported. Citizens rarely know a NIP: name, office and NIP are
 * each optional (the report's description may be all that is known of the
 * person); a NIP given must be one (18 digits).
 */
export const AsnDetails = z
  .object({
    name: Text(200).optional(),
    nip: z
      .string()
      .trim()
      .regex(/^\d{18}$/, { message: 'NIP harus 18 angka (boleh dikosongkan bila tidak tahu)' })
      .optional(),
    office: Text(200).optional(),
    violation: z.enum(ASN_VIOLATIONS),
  })
  .meta({ id: 'ProblemAsnDetails' });
export type AsnDetails = z.infer<typeof AsnDetails>;

export const EthicsDetails = z
  .object({
    body: z.enum(ORGANISER_BODIES),
    role: Text(200),
    principle: z.enum(ETHICS_PRINCIPLES),
  })
  .meta({ id: 'ProblemEthicsDetails' });
export type EthicsDetails = z.infer<typeof EthicsDetails>;

const reportFields = {
  category: z.string().min(1).max(40),
  severity: Severity,
  kecamatanCode: RegionCode,
  desaCode: RegionCode.optional(),
  tpsId: Id.optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  description: Text(4000),
  asn: AsnDetails.optional(),
  ethics: EthicsDetails.optional(),
};

export const ProblemReportBody = z
  .object({
    ...reportFields,
    people: z.string().trim().max(2000).optional(),
    /**
     * Made by the device once per report (an offline queue resends it): a
     * report with a client id already taken answers the first one again.
     */
    clientId: z.string().min(8).max(100).optional(),
  })
  .meta({ id: 'ProblemReportBody' });
export type ProblemReportBody = z.infer<typeof ProblemReportBody>;

export const PublicProblemBody = z
  .object({
    ...reportFields,
    contactName: z.string().trim().max(200).optional(),
    contactPhone: z.string().trim().max(40).optional(),
    /** Honeypot: hidden from people, filled by bots. Must stay empty. */
    website: z.string().max(500).optional(),
  })
  .meta({ id: 'PublicProblemBody' });
export type PublicProblemBody = z.infer<typeof PublicProblemBody>;

export const TransitionBody = z
  .object({
    action: Action,
    note: z.string().trim().max(4000).optional(),
    agency: Agency.optional(),
    agencyName: z.string().trim().max(200).optional(),
    referenceNumber: z.string().trim().max(100).optional(),
    referredOn: IsoDate.optional(),
    mergeIntoId: Id.optional(),
  })
  .meta({ id: 'ProblemTransitionBody' });
export type TransitionBody = z.infer<typeof TransitionBody>;

export const AssignBody = z
  .object({ username: z.string().trim().min(1).max(100).nullable() })
  .meta({ id: 'ProblemAssignBody' });
export type AssignBody = z.infer<typeof AssignBody>;

/** One account a problem may be assigned to (it may handle problems where this one lies). */
export const ProblemAssignee = z
  .object({
    username: z.string(),
    fullName: z.string(),
    /** The role (and its place) that lets the account take it: "Koordinator Korwil · Korwil I". */
    roleLabel: z.string(),
  })
  .meta({ id: 'ProblemAssignee' });
export type ProblemAssignee = z.infer<typeof ProblemAssignee>;

export const CommentBody = z.object({ body: Text(4000) }).meta({ id: 'ProblemCommentBody' });
export type CommentBody = z.infer<typeof CommentBody>;

export const REFERRAL_STATUSES = ['diproses', 'selesai', 'dikembalikan'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export const REFERRAL_STATUS_LABEL: Record<(typeof REFERRAL_STATUSES)[number], string> = {
  diproses: 'Diproses instansi',
  selesai: 'Selesai di instansi',
  dikembalikan: 'Dikembalikan',
};

export const ReferralUpdateBody = z
  .object({
    status: ReferralStatus,
    note: Text(4000),
    referenceNumber: z.string().trim().max(100).optional(),
  })
  .meta({ id: 'ProblemReferralUpdateBody' });
export type ReferralUpdateBody = z.infer<typeof ReferralUpdateBody>;

export const ProblemListQuery = z.object({
  korwilId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  kecamatanCode: RegionCode.optional(),
  category: z.string().max(40).optional(),
  severity: Severity.optional(),
  status: z.union([Status, z.literal('terbuka')]).optional(),
  overdue: z.enum(['ya']).optional(),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;

const Overdue = z.object({
  kind: z.enum(['respond', 'settle']),
  dueAt: z.string(),
  hoursLate: z.number().int(),
});

export const ProblemListItem = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    source: z.enum(['petugas', 'publik']),
    category: z.string(),
    categoryLabel: z.string(),
    severity: Severity,
    status: Status,
    kecamatanCode: z.string(),
    kecamatanName: z.string(),
    desaCode: z.string().nullable(),
    desaName: z.string().nullable(),
    tpsId: z.number().int().nullable(),
    tpsNumber: z.number().int().nullable(),
    korwilId: z.number().int().nullable(),
    korwilName: z.string().nullable(),
    occurredAt: z.string(),
    reportedAt: z.string(),
    updatedAt: z.string(),
    description: z.string(),
    reporterName: z.string().nullable(),
    assigneeName: z.string().nullable(),
    currentAgency: Agency.nullable(),
    overdue: Overdue.nullable(),
  })
  .meta({ id: 'ProblemListItem' });
export type ProblemListItem = z.infer<typeof ProblemListItem>;

export const ProblemReferral = z
  .object({
    id: z.number().int(),
    agency: Agency,
    agencyName: z.string().nullable(),
    referredOn: z.string(),
    referenceNumber: z.string().nullable(),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    updates: z.array(
      z.object({
        status: ReferralStatus,
        note: z.string(),
        referenceNumber: z.string().nullable(),
        by: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'ProblemReferral' });
export type ProblemReferral = z.infer<typeof ProblemReferral>;

export const ProblemHistoryEntry = z.object({
  kind: z.enum(['dilaporkan', 'status', 'penugasan', 'rujukan', 'gabung']),
  fromStatus: Status.nullable(),
  toStatus: Status.nullable(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

export const ProblemDetail = ProblemListItem.extend({
  people: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  asn: AsnDetails.nullable(),
  ethics: EthicsDetails.nullable(),
  resolution: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  mergedFrom: z.array(z.number().int()),
  history: z.array(ProblemHistoryEntry),
  comments: z.array(z.object({ body: z.string(), by: z.string().nullable(), at: z.string() })),
  referrals: z.array(ProblemReferral),
  photos: z.array(
    z.object({
      sha256: z.string(),
      mediaType: z.string(),
      bytes: z.number().int(),
      uploadedBy: z.string().nullable(),
    }),
  ),
  duplicates: z.array(ProblemListItem),
}).meta({ id: 'ProblemDetail' });
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const ProblemCreated = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    duplicates: z.array(ProblemListItem),
    /** True when this answers a resend of a report already taken (same client id). */
    resent: z.boolean(),
  })
  .meta({ id: 'ProblemCreated' });
export type ProblemCreated = z.infer<typeof ProblemCreated>;

export const PublicProblemCreated = z
  .object({ trackingCode: z.string() })
  .meta({ id: 'PublicProblemCreated' });

export const TrackingStatus = z
  .object({
    trackingCode: z.string(),
    status: Status,
    statusLabel: z.string(),
    reportedAt: z.string(),
    updatedAt: z.string(),
    /** Each step in plain words, from the report being sent; never who did it. */
    steps: z.array(z.object({ at: z.string(), text: z.string() })),
    /** Where the case was referred, when, and what the agency said (no internal notes). */
    referrals: z.array(
      z.object({
        agency: z.string(),
        referredOn: z.string(),
        updates: z.array(z.object({ at: z.string(), text: z.string() })),
      }),
    ),
    /** How it was settled, or why it could not be followed up; null while open. */
    closingNote: z.string().nullable(),
  })
  .meta({ id: 'ProblemTrackingStatus' });
export type TrackingStatus = z.infer<typeof TrackingStatus>;

export const ProblemTrend = z
  .object({
    days: z.array(
      z.object({ day: z.string(), reported: z.number().int(), closed: z.number().int() }),
    ),
  })
  .meta({ id: 'ProblemTrend' });
export type ProblemTrend = z.infer<typeof ProblemTrend>;

export const BupatiSummary = z
  .object({
    generatedAt: z.string(),
    open: z.number().int(),
    settled: z.number().int(),
    rejected: z.number().int(),
    withAgency: z.number().int(),
    overdue: z.number().int(),
    urgentOpen: z.number().int(),
    byAgency: z.array(z.object({ agency: Agency, label: z.string(), count: z.number().int() })),
    byCategory: z.array(
      z.object({
        category: z.string(),
        label: z.string(),
        open: z.number().int(),
        settled: z.number().int(),
      }),
    ),
    lines: z.array(z.string()),
  })
  .meta({ id: 'ProblemBupatiSummary' });
export type BupatiSummary = z.infer<typeof BupatiSummary>;

const TargetSchema = z.object({
  respondHours: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  settleHours: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
});

export const ProblemConfig = z
  .object({
    categories: z
      .array(z.object({ code: z.string(), label: z.string().trim().max(80) }))
      .min(1)
      .max(50),
    targets: z.object({
      rendah: TargetSchema,
      sedang: TargetSchema,
      tinggi: TargetSchema,
      darurat: TargetSchema,
    }),
  })
  .meta({ id: 'ProblemConfig' });
export type ProblemConfig = z.infer<typeof ProblemConfig>;

export const ProblemConfigBody = ProblemConfig.meta({ id: 'ProblemConfigBody' });

/** Where a report may be placed: kecamatan → desa → TPS (TPS only for signed-in reporters). */
export const ProblemPlaces = z
  .object({
    kecamatan: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        desa: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            tps: z.array(z.object({ id: z.number().int(), number: z.number().int() })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ProblemPlaces' });
export type ProblemPlaces = z.infer<typeof ProblemPlaces>;
