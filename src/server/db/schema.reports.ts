/**
 * The desk's generated reports (laporan harian / mingguan): the PDF itself is
 * kept with its number, so a printed and signed report can be found again.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const deskReport = pgTable(
  'desk_report',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['harian', 'mingguan'] }).notNull(),
    /** The day reported on, or the last day of the week. */
    periodDate: date('period_date', { mode: 'string' }).notNull(),
    year: integer('year').notNull(),
    /** Sequence within the year and kind (the number printed on the report). */
    sequence: integer('sequence').notNull(),
    trigger: text('trigger', { enum: ['jadwal', 'permintaan'] }).notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    generatedBy: text('generated_by'),
    hasData: boolean('has_data').notNull(),
    pdf: bytea('pdf').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [
    uniqueIndex('desk_report_number_uq').on(t.kind, t.year, t.sequence),
    // The scheduler's claim: one scheduled report per kind and day, whichever server gets there first.
    uniqueIndex('desk_report_scheduled_uq')
      .on(t.kind, t.periodDate)
      .where(sql`${t.trigger} = 'jadwal'`),
    index('desk_report_period_idx').on(t.periodDate),
  ],
);

/** The last number given per kind and year; incremented under its row lock. */
export const deskReportSequence = pgTable(
  'desk_report_sequence',
  {
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('desk_report_sequence_pk').on(t.kind, t.year)],
);
