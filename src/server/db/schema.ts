/**
 * The one Drizzle schema for both engines (PGlite and PostgreSQL 15).
 * `npm run db:generate` turns changes here into SQL migrations in `drizzle/`.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Installation-wide settings (regency code, TPS voter limit, ...). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

export const korwil = pgTable('korwil', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  ordinal: integer('ordinal').notNull(),
  chair: text('chair'),
});

/** Province, regency, kecamatan and desa rows, keyed by Kemendagri code. */
export const region = pgTable(
  'region',
  {
    code: text('code').primaryKey(),
    level: text('level', { enum: ['province', 'regency', 'kecamatan', 'desa'] }).notNull(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    korwilId: integer('korwil_id').references(() => korwil.id, { onDelete: 'set null' }),
  },
  (t) => [index('region_parent_idx').on(t.parentCode), index('region_korwil_idx').on(t.korwilId)],
);

export const tps = pgTable(
  'tps',
  {
    id: serial('id').primaryKey(),
    desaCode: text('desa_code')
      .notNull()
      .references(() => region.code),
    number: integer('number').notNull(),
    voters: integer('voters').notNull(),
    address: text('address'),
    status: text('status', { enum: ['aktif', 'nonaktif'] })
      .notNull()
      .default('aktif'),
    retiredReason: text('retired_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tps_active_number_uq')
      .on(t.desaCode, t.number)
      .where(sql`${t.status} = 'aktif'`),
    // Target of voter's (tps_id, desa_code) key: a voter's desa is its TPS's desa.
    unique('tps_id_desa_uq').on(t.id, t.desaCode),
    check('tps_voters_nonnegative', sql`${t.voters} >= 0`),
    check('tps_number_positive', sql`${t.number} > 0`),
  ],
);

export const contest = pgTable('contest', {
  id: serial('id').primaryKey(),
  kind: text('kind', { enum: ['gubernur', 'bupati', 'walikota'] }).notNull(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull(),
  votingDay: date('voting_day', { mode: 'string' }).notNull(),
});

export const candidatePair = pgTable(
  'candidate_pair',
  {
    id: serial('id').primaryKey(),
    contestId: integer('contest_id')
      .notNull()
      .references(() => contest.id, { onDelete: 'cascade' }),
    ballotNumber: integer('ballot_number'),
    headName: text('head_name').notNull(),
    deputyName: text('deputy_name'),
    isKolomKosong: boolean('is_kolom_kosong').notNull().default(false),
  },
  (t) => [
    uniqueIndex('pair_ballot_number_uq').on(t.contestId, t.ballotNumber),
    check(
      'pair_number_or_kolom_kosong',
      sql`(${t.isKolomKosong} and ${t.ballotNumber} is null) or (not ${t.isKolomKosong} and ${t.ballotNumber} is not null)`,
    ),
  ],
);

export const stage = pgTable(
  'stage',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    notes: text('notes'),
  },
  (t) => [check('stage_end_not_before_start', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** A person who signs in. Passwords are argon2id hashes; never stored in clear. */
export const appUser = pgTable('app_user', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  disabled: boolean('disabled').notNull().default(false),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A role held by a user over a scope: `regency` (code), `korwil` (id),
 * `kecamatan` / `desa` (code) or `tps` (id). A person may hold several.
 */
export const userRole = pgTable(
  'user_role',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    scopeKind: text('scope_kind', {
      enum: ['regency', 'korwil', 'kecamatan', 'desa', 'tps'],
    }).notNull(),
    scopeRef: text('scope_ref').notNull(),
  },
  (t) => [uniqueIndex('user_role_uq').on(t.userId, t.role, t.scopeKind, t.scopeRef)],
);

/** Sign-in sessions; the cookie carries a random token, only its sha-256 is stored. */
export const session = pgTable(
  'session',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    csrfToken: text('csrf_token').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    address: text('address'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Failed sign-ins per client address, for rate limiting. */
export const signInThrottle = pgTable('sign_in_throttle', {
  address: text('address').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/**
 * Append-only audit trail, written in the same transaction as the change.
 * Each row carries the hash of the previous one (`prev_hash`) and its own
 * (`hash`, over its content and `prev_hash`), so an altered or removed row
 * breaks the chain (`desk-pilkada audit verify`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorUsername: text('actor_username'),
    role: text('role'),
    scope: text('scope'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['ok', 'denied'] }).notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    address: text('address'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_action_idx').on(t.action), index('audit_actor_idx').on(t.actorUserId)],
);

/**
 * The head of the audit chain: one row holding the last appended row's hash.
 * An append locks it by updating it (`update … returning last_hash`), which
 * in one statement serialises appenders and reads the hash the previous
 * appender committed; the rows and the new head are written together.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey(),
    lastHash: text('last_hash').notNull(),
  },
  (t) => [check('audit_head_single_row', sql`${t.id} = 1`)],
);

/**
 * Every version of a TPS's C.Hasil-KWK for one contest. Nothing is
 * overwritten: a correction is a new version with its reason.
 */
export const resultSubmission = pgTable(
  'result_submission',
  {
    id: serial('id').primaryKey(),
    clientId: text('client_id').notNull().unique(),
    tpsId: integer('tps_id')
      .notNull()
      .references(() => tps.id),
    contestId: integer('contest_id')
      .notNull()
      .references(() => contest.id),
    version: integer('version').notNull(),
    form: jsonb('form').notNull(),
    registered: integer('registered').notNull(),
    voted: integer('voted').notNull(),
    valid: integer('valid').notNull(),
    invalid: integer('invalid').notNull(),
    reason: text('reason'),
    anomalies: jsonb('anomalies').notNull(),
    submittedBy: integer('submitted_by'),
    submittedByName: text('submitted_by_name'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('result_version_uq').on(t.tpsId, t.contestId, t.version)],
);

/** The current version of each TPS × contest and where it stands (submitted → verified / returned). */
export const resultCurrent = pgTable(
  'result_current',
  {
    tpsId: integer('tps_id')
      .notNull()
      .references(() => tps.id),
    contestId: integer('contest_id')
      .notNull()
      .references(() => contest.id),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => resultSubmission.id),
    version: integer('version').notNull(),
    status: text('status', { enum: ['submitted', 'verified', 'returned'] }).notNull(),
    statusNote: text('status_note'),
    statusBy: text('status_by'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    wasVerified: boolean('was_verified').notNull().default(false),
  },
  (t) => [uniqueIndex('result_current_pk').on(t.tpsId, t.contestId)],
);

/**
 * Running totals per contest × desa, one row each, kept in the same statement
 * as each submission (old current version subtracted, new one added):
 * registered (I.A total of the TPS that reported), voted, valid, invalid,
 * TPS reported and verified, and `votes` (selection id → votes). Votes per
 * selection of each version are in its form (`form.votes`), and `turnouts`
 * (TPS id → [registered, voted] of each reported TPS's current version: the
 * desa's pattern the `anomaly.far_from_desa` flag compares a new form with,
 * read by primary key instead of from every TPS of the desa).
 * `desk-pilkada results verify` recomputes the totals from the leaves.
 */
export const resultDesaTotal = pgTable(
  'result_desa_total',
  {
    contestId: integer('contest_id').notNull(),
    desaCode: text('desa_code').notNull(),
    registered: integer('registered').notNull(),
    voted: integer('voted').notNull(),
    valid: integer('valid').notNull(),
    invalid: integer('invalid').notNull(),
    reported: integer('reported').notNull(),
    verified: integer('verified').notNull(),
    votes: jsonb('votes').$type<Record<string, number>>().notNull(),
    turnouts: jsonb('turnouts')
      .$type<Record<string, [number, number]>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.desaCode] })],
);

/** Photos of the signed form; the same file for two TPS is flagged. */
export const resultPhoto = pgTable(
  'result_photo',
  {
    id: serial('id').primaryKey(),
    tpsId: integer('tps_id')
      .notNull()
      .references(() => tps.id),
    contestId: integer('contest_id')
      .notNull()
      .references(() => contest.id),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('result_photo_uq').on(t.tpsId, t.contestId, t.sha256),
    index('result_photo_sha_idx').on(t.sha256),
  ],
);
export * from './schema.problems.ts';
export * from './schema.people.ts';
export * from './schema.voters.ts';
export * from './schema.news.ts';
export * from './schema.reports.ts';
