/**
 * People: the desk's organisation, rosters of the ad hoc bodies, Bimtek and
 * the ASN register. Tables of `schema.ts` are referenced only inside lazy
 * callbacks (schema.ts re-exports this file).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { appUser, korwil, region, tps } from './schema.ts';

/** A seat of the desk held by a person; ketua/sekretaris once, a Korwil chair per Korwil, a pembina per kecamatan. */
export const deskPosition = pgTable(
  'desk_position',
  {
    id: serial('id').primaryKey(),
    role: text('role', {
      enum: ['ketua', 'sekretaris', 'ketua_korwil', 'anggota', 'pembina'],
    }).notNull(),
    name: text('name').notNull(),
    nip: text('nip'),
    office: text('office').notNull(),
    phone: text('phone'),
    korwilId: integer('korwil_id').references(() => korwil.id, { onDelete: 'cascade' }),
    kecamatanCode: text('kecamatan_code').references(() => region.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('desk_position_single_uq')
      .on(t.role)
      .where(sql`${t.role} in ('ketua', 'sekretaris')`),
    uniqueIndex('desk_position_korwil_uq')
      .on(t.korwilId)
      .where(sql`${t.role} = 'ketua_korwil'`),
    uniqueIndex('desk_position_pembina_uq')
      .on(t.kecamatanCode)
      .where(sql`${t.role} = 'pembina'`),
  ],
);

/** A member of PPK, PPS, KPPS or Pantarlih; seats are checked by the service under a lock. */
export const adhocMember = pgTable(
  'adhoc_member',
  {
    id: serial('id').primaryKey(),
    body: text('body', { enum: ['ppk', 'pps', 'kpps', 'pantarlih'] }).notNull(),
    position: text('position', { enum: ['ketua', 'anggota'] }).notNull(),
    /** Kecamatan (PPK) or desa code. */
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    kecamatanCode: text('kecamatan_code').notNull(),
    tpsId: integer('tps_id').references(() => tps.id),
    name: text('name').notNull(),
    nik: text('nik').notNull(),
    phone: text('phone'),
    swornInOn: date('sworn_in_on', { mode: 'string' }),
    userId: integer('user_id').references(() => appUser.id),
    /** Random part of the participant code shown as a QR code at a Bimtek. */
    codeToken: text('code_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('adhoc_member_nik_uq').on(t.body, t.nik),
    index('adhoc_member_unit_idx').on(t.body, t.regionCode),
    index('adhoc_member_kecamatan_idx').on(t.body, t.kecamatanCode),
    uniqueIndex('adhoc_member_ketua_region_uq')
      .on(t.body, t.regionCode)
      .where(sql`${t.position} = 'ketua' and ${t.tpsId} is null`),
    uniqueIndex('adhoc_member_ketua_tps_uq')
      .on(t.body, t.tpsId)
      .where(sql`${t.position} = 'ketua' and ${t.tpsId} is not null`),
  ],
);

export const bimtekEvent = pgTable('bimtek_event', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  body: text('body', { enum: ['ppk', 'pps', 'kpps', 'pantarlih'] }).notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  venue: text('venue').notNull(),
  organiser: text('organiser').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const bimtekWave = pgTable(
  'bimtek_wave',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => bimtekEvent.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    venue: text('venue'),
  },
  (t) => [index('bimtek_wave_event_idx').on(t.eventId)],
);

/** Which kecamatan's members a wave is for; a kecamatan is in at most one wave of an event. */
export const bimtekWaveKecamatan = pgTable(
  'bimtek_wave_kecamatan',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => bimtekWave.id, { onDelete: 'cascade' }),
    eventId: integer('event_id')
      .notNull()
      .references(() => bimtekEvent.id, { onDelete: 'cascade' }),
    kecamatanCode: text('kecamatan_code')
      .notNull()
      .references(() => region.code),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.kecamatanCode] }),
    uniqueIndex('bimtek_wave_kecamatan_event_uq').on(t.eventId, t.kecamatanCode),
  ],
);

export const bimtekSession = pgTable('bimtek_session', {
  id: serial('id').primaryKey(),
  eventId: integer('event_id')
    .notNull()
    .references(() => bimtekEvent.id, { onDelete: 'cascade' }),
  waveId: integer('wave_id').references(() => bimtekWave.id, { onDelete: 'cascade' }),
  topic: text('topic').notNull(),
  speaker: text('speaker').notNull(),
  speakerOrganisation: text('speaker_organisation').notNull(),
  external: boolean('external').notNull().default(false),
});

export const bimtekMaterial = pgTable(
  'bimtek_material',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => bimtekEvent.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bimtek_material_uq').on(t.eventId, t.sha256)],
);

/** One row per participant present on a day of a wave. */
export const bimtekAttendance = pgTable(
  'bimtek_attendance',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => bimtekWave.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => adhocMember.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    method: text('method', { enum: ['daftar', 'kode'] }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.memberId, t.day] })],
);

export const bimtekScore = pgTable(
  'bimtek_score',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => bimtekWave.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => adhocMember.id, { onDelete: 'cascade' }),
    preTest: integer('pre_test'),
    postTest: integer('post_test'),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.memberId] })],
);

/** A civil servant and the TPS where they vote; `voted_at` set on voting day by the KPPS. */
export const asn = pgTable(
  'asn',
  {
    id: serial('id').primaryKey(),
    nip: text('nip').notNull().unique(),
    name: text('name').notNull(),
    office: text('office').notNull(),
    phone: text('phone'),
    tpsId: integer('tps_id')
      .notNull()
      .references(() => tps.id),
    votedAt: timestamp('voted_at', { withTimezone: true }),
  },
  (t) => [index('asn_tps_idx').on(t.tpsId), index('asn_office_idx').on(t.office)],
);
