/**
 * Field problems (lapor cepat part 2): reports, their history, comments,
 * referrals to other agencies with status updates, photos, and the per-address
 * throttle of the public form.
 */
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { appUser, region, tps } from './schema.ts';

export const problem = pgTable(
  'problem',
  {
    id: serial('id').primaryKey(),
    trackingCode: text('tracking_code').notNull(),
    source: text('source', { enum: ['petugas', 'publik'] }).notNull(),
    category: text('category').notNull(),
    severity: text('severity', { enum: ['rendah', 'sedang', 'tinggi', 'darurat'] }).notNull(),
    status: text('status', {
      enum: ['baru', 'diterima', 'ditangani', 'diteruskan', 'selesai', 'ditolak', 'digabung'],
    })
      .notNull()
      .default('baru'),
    kecamatanCode: text('kecamatan_code')
      .notNull()
      .references(() => region.code),
    desaCode: text('desa_code').references(() => region.code),
    tpsId: integer('tps_id').references(() => tps.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    description: text('description').notNull(),
    people: text('people'),
    /** ASN (name, NIP, office, violation) or ethics (body, role, principle) details. */
    details: jsonb('details'),
    reporterUserId: integer('reporter_user_id').references(() => appUser.id),
    reporterName: text('reporter_name'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    reporterAddress: text('reporter_address'),
    assigneeUserId: integer('assignee_user_id').references(() => appUser.id),
    currentAgency: text('current_agency'),
    mergedIntoId: integer('merged_into_id'),
    resolution: text('resolution'),
    rejectionReason: text('rejection_reason'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The reporting device's id of the report (offline queue): one report per client id. */
    clientId: text('client_id'),
  },
  (t) => [
    uniqueIndex('problem_tracking_uq').on(t.trackingCode),
    uniqueIndex('problem_client_uq').on(t.clientId),
    index('problem_status_idx').on(t.status),
    index('problem_place_idx').on(t.kecamatanCode, t.category),
  ],
);

/** Every transition, assignment, referral and merge: who and when. */
export const problemEvent = pgTable(
  'problem_event',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problem.id),
    kind: text('kind', {
      enum: ['dilaporkan', 'status', 'penugasan', 'rujukan', 'gabung'],
    }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_event_problem_idx').on(t.problemId)],
);

export const problemComment = pgTable(
  'problem_comment',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problem.id),
    body: text('body').notNull(),
    authorUserId: integer('author_user_id'),
    authorName: text('author_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_comment_problem_idx').on(t.problemId)],
);

/** A hand-over to another agency, with its reference number. */
export const problemReferral = pgTable(
  'problem_referral',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problem.id),
    agency: text('agency').notNull(),
    agencyName: text('agency_name'),
    referredOn: date('referred_on', { mode: 'string' }).notNull(),
    referenceNumber: text('reference_number'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_referral_problem_idx').on(t.problemId)],
);

/** What the agency later said about a referral. */
export const problemReferralUpdate = pgTable(
  'problem_referral_update',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id')
      .notNull()
      .references(() => problemReferral.id),
    status: text('status', { enum: ['diproses', 'selesai', 'dikembalikan'] }).notNull(),
    note: text('note').notNull(),
    referenceNumber: text('reference_number'),
    by: text('by'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_referral_update_idx').on(t.referralId)],
);

export const problemPhoto = pgTable(
  'problem_photo',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problem.id),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('problem_photo_uq').on(t.problemId, t.sha256)],
);

/** Public submissions per client address, for rate limiting. */
export const problemPublicThrottle = pgTable('problem_public_throttle', {
  address: text('address').primaryKey(),
  count: integer('count').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
});
