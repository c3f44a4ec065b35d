/**
 * Voter data: DP4 imports, voters with their coklit state, the history of
 * every change (voter_event), per-TPS tallies kept in the same transactions,
 * compiled DPS/DPT lists, public comments on the DPS, and the public lookup
 * log. Tables of schema.ts are referenced only inside lazy callbacks (this
 * file is re-exported by schema.ts).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tps } from './schema.ts';

/** One DP4 file read (dry run or real), with its counts. */
export const voterImport = pgTable('voter_import', {
  id: serial('id').primaryKey(),
  fileName: text('file_name').notNull(),
  format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
  dryRun: boolean('dry_run').notNull(),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsAccepted: integer('rows_accepted').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  byUserId: integer('by_user_id'),
  byUsername: text('by_username'),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
});

/** Rejected rows of an import: line, column and reason only (no personal data). */
export const voterImportRejection = pgTable(
  'voter_import_rejection',
  {
    id: serial('id').primaryKey(),
    importId: integer('import_id')
      .notNull()
      .references(() => voterImport.id),
    line: integer('line').notNull(),
    field: text('field').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('voter_import_rejection_import_idx').on(t.importId, t.line)],
);

export const voter = pgTable(
  'voter',
  {
    id: serial('id').primaryKey(),
    nik: text('nik').notNull(),
    nkk: text('nkk').notNull(),
    name: text('name').notNull(),
    birthPlace: text('birth_place').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    marital: text('marital', { enum: ['B', 'S', 'P'] }).notNull(),
    sex: text('sex', { enum: ['L', 'P'] }).notNull(),
    address: text('address').notNull(),
    rt: text('rt').notNull(),
    rw: text('rw').notNull(),
    disability: text('disability'),
    ktpEl: text('ktp_el', { enum: ['S', 'B'] }).notNull(),
    remarks: text('remarks'),
    // Both checked by one key against the TPS (below): one check per row
    // instead of two, and a voter's desa can never differ from its TPS's.
    desaCode: text('desa_code').notNull(),
    tpsId: integer('tps_id').notNull(),
    source: text('source', { enum: ['dp4', 'baru'] }).notNull(),
    importId: integer('import_id').references(() => voterImport.id),
    importLine: integer('import_line'),
    newReason: text('new_reason'),
    coklitStatus: text('coklit_status', { enum: ['MS', 'U', 'TMS'] }),
    tmsCode: integer('tms_code'),
    coklitAt: timestamp('coklit_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('voter_nik_uq').on(t.nik),
    index('voter_tps_idx').on(t.tpsId),
    foreignKey({
      name: 'voter_tps_desa_fk',
      columns: [t.tpsId, t.desaCode],
      foreignColumns: [tps.id, tps.desaCode],
    }),
    check('voter_tms_code', sql`${t.tmsCode} is null or ${t.tmsCode} between 1 and 8`),
  ],
);

/**
 * Every change of a voter after the DP4 row it came from: coklit records
 * (MS, U with old/new values, TMS with code), new voters, unmasking, list
 * compilation. Never updated.
 */
export const voterEvent = pgTable(
  'voter_event',
  {
    id: serial('id').primaryKey(),
    voterId: integer('voter_id')
      .notNull()
      .references(() => voter.id),
    kind: text('kind', { enum: ['MS', 'U', 'TMS', 'BARU'] }).notNull(),
    tmsCode: integer('tms_code'),
    changes: jsonb('changes').notNull(),
    reason: text('reason'),
    tpsId: integer('tps_id').notNull(),
    /** The household visit this record belongs to (null before households existed). */
    householdId: integer('household_id').references(() => coklitHousehold.id),
    /** The household's sticker number (server-issued; free text typed by the officer before). */
    sticker: text('sticker'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    clientId: text('client_id'),
    byUserId: integer('by_user_id'),
    byUsername: text('by_username'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    index('voter_event_voter_idx').on(t.voterId),
    index('voter_event_tps_at_idx').on(t.tpsId, t.at),
    uniqueIndex('voter_event_client_uq').on(t.clientId),
  ],
);

/**
 * A household (one NKK on the list of one TPS) visited during coklit, with
 * the sticker number the server issued at its first record
 * (`domain/voters/household.ts`: `<desa code>/<TPS no>/<sequence>`).
 * Created in the transaction of that first record; later records of the
 * same household reuse it.
 */
export const coklitHousehold = pgTable(
  'coklit_household',
  {
    id: serial('id').primaryKey(),
    tpsId: integer('tps_id')
      .notNull()
      .references(() => tps.id),
    nkk: text('nkk').notNull(),
    sequence: integer('sequence').notNull(),
    sticker: text('sticker').notNull(),
    firstVisitAt: timestamp('first_visit_at', { withTimezone: true, mode: 'string' }).notNull(),
    byUserId: integer('by_user_id'),
    byUsername: text('by_username'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
  },
  (t) => [
    uniqueIndex('coklit_household_tps_nkk_uq').on(t.tpsId, t.nkk),
    uniqueIndex('coklit_household_tps_seq_uq').on(t.tpsId, t.sequence),
    uniqueIndex('coklit_household_sticker_uq').on(t.sticker),
  ],
);

/** Photos of a household visit (the house with its sticker); the same file for two households is flagged. */
export const coklitHouseholdPhoto = pgTable(
  'coklit_household_photo',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => coklitHousehold.id),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    uniqueIndex('coklit_household_photo_uq').on(t.householdId, t.sha256),
    index('coklit_household_photo_sha_idx').on(t.sha256),
  ],
);

/**
 * Counts per TPS (keys from `domain/voters/tally.ts`), changed in the same
 * transaction as each import and coklit record, so regency-wide progress
 * reads a few thousand rows instead of every voter.
 */
export const voterTpsTally = pgTable(
  'voter_tps_tally',
  {
    tpsId: integer('tps_id').notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tpsId, t.key] })],
);

/** A compiled list (DPS or DPT) of one desa; each compilation is a new version. */
export const voterList = pgTable(
  'voter_list',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['dps', 'dpt'] }).notNull(),
    desaCode: text('desa_code').notNull(),
    version: integer('version').notNull(),
    men: integer('men').notNull(),
    women: integer('women').notNull(),
    total: integer('total').notNull(),
    compiledBy: text('compiled_by'),
    compiledAt: timestamp('compiled_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('voter_list_version_uq').on(t.kind, t.desaCode, t.version)],
);

export const voterListEntry = pgTable(
  'voter_list_entry',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => voterList.id),
    voterId: integer('voter_id')
      .notNull()
      .references(() => voter.id),
    tpsId: integer('tps_id').notNull(),
    sex: text('sex', { enum: ['L', 'P'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.voterId] }),
    index('voter_list_entry_voter_idx').on(t.voterId),
  ],
);

/**
 * Public comments (tanggapan masyarakat) on a desa's DPS: recorded by the PPS
 * (`source = 'pps'`) or sent by anyone on the public page (`'publik'`, with
 * a tracking code), and resolved by the PPS.
 */
export const dpsTanggapan = pgTable(
  'dps_tanggapan',
  {
    id: serial('id').primaryKey(),
    desaCode: text('desa_code').notNull(),
    voterId: integer('voter_id').references(() => voter.id),
    kind: text('kind', {
      enum: ['tidak_memenuhi_syarat', 'belum_terdaftar', 'perbaikan_data'],
    }).notNull(),
    description: text('description').notNull(),
    submitterName: text('submitter_name'),
    /** How to reach the submitter (public comments; seen by the officers only). */
    submitterContact: text('submitter_contact'),
    source: text('source', { enum: ['pps', 'publik'] })
      .notNull()
      .default('pps'),
    /** Public comments only: the code the submitter follows it with. */
    trackingCode: text('tracking_code'),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
    status: text('status', { enum: ['terbuka', 'diterima', 'ditolak'] }).notNull(),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('dps_tanggapan_desa_idx').on(t.desaCode),
    uniqueIndex('dps_tanggapan_tracking_uq').on(t.trackingCode),
  ],
);

/** Every public "cek DPT" lookup: masked NIK, found or not, from which address. */
export const cekDptLog = pgTable(
  'cek_dpt_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    address: text('address').notNull(),
    maskedNik: text('masked_nik').notNull(),
    found: boolean('found').notNull(),
  },
  (t) => [index('cek_dpt_log_address_at_idx').on(t.address, t.at)],
);
