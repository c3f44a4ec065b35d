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
  serial,
  text,
  timestamp,
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
