/** The only SQL of voter data. */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { copyCsv } from '../db/copy.ts';
import { uniqueViolation } from '../http/transaction.ts';
import { domainError, DomainFailure } from '../../domain/common/result.ts';
import { VOTER_COPY_COLUMNS } from './dp4-checked.ts';
import { rowsOf } from '../db/rows.ts';
import {
  cekDptLog,
  coklitHousehold,
  coklitHouseholdPhoto,
  dpsTanggapan,
  region,
  tps,
  voter,
  voterEvent,
  voterImport,
  voterImportRejection,
  voterList,
  voterListEntry,
  voterTpsTally,
} from '../db/schema.ts';
import type { RowRejection } from '../../domain/voters/voters.schema.ts';

export type VoterRow = typeof voter.$inferSelect;
export type VoterInsert = typeof voter.$inferInsert;
export type ImportRow = typeof voterImport.$inferSelect;

/** Desa codes of the regency and its active TPS keyed `desa|number`. */
export async function importTargets(
  db: Db,
  regencyCode: string,
): Promise<{ desa: Set<string>; tps: Map<string, number> }> {
  const desaRows = await db
    .select({ code: region.code })
    .from(region)
    .where(and(eq(region.level, 'desa'), sql`${region.code} like ${`${regencyCode}.%`}`));
  const tpsRows = await db
    .select({ id: tps.id, desaCode: tps.desaCode, number: tps.number })
    .from(tps)
    .where(and(eq(tps.status, 'aktif'), sql`${tps.desaCode} like ${`${regencyCode}.%`}`));
  return {
    desa: new Set(desaRows.map((r) => r.code)),
    tps: new Map(tpsRows.map((r) => [`${r.desaCode}|${String(r.number)}`, r.id])),
  };
}

export async function insertImport(
  db: Db,
  values: typeof voterImport.$inferInsert,
): Promise<number> {
  const rows = await db.insert(voterImport).values(values).returning({ id: voterImport.id });
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('voter_import insert returned no id');
  return id;
}

export async function finishImport(
  db: Db,
  id: number,
  counts: { rowsRead: number; rowsAccepted: number; rowsRejected: number; finishedAt: string },
): Promise<ImportRow> {
  const rows = await db.update(voterImport).set(counts).where(eq(voterImport.id, id)).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('voter_import vanished');
  return row;
}

/**
 * Loads checked DP4 rows (COPY lines of `dp4-checked.ts`) into voter. The
 * caller has rejected every NIK already stored; a NIK stored meanwhile by
 * another transaction (a pemilih baru recorded during the import) refuses
 * the whole import with a clear message, nothing half-written.
 */
export async function copyVoters(db: Db, csv: string): Promise<void> {
  try {
    await copyCsv(db, 'voter', VOTER_COPY_COLUMNS, csv);
  } catch (e) {
    if (uniqueViolation(e) !== null) {
      throw new DomainFailure(
        domainError(
          'conflict',
          'voters.import_conflict',
          'Selama impor berjalan, sebuah NIK dari berkas ini didaftarkan di tempat lain (mis. pemilih baru hasil coklit). Tidak ada yang disimpan; ulangi impor dan baris itu akan dilaporkan sebagai NIK yang sudah terdaftar.',
        ),
      );
    }
    throw e;
  }
}

export async function originsOfNiks(
  db: Db,
  niks: readonly string[],
): Promise<Map<string, { importId: number | null; importLine: number | null }>> {
  if (niks.length === 0) return new Map();
  // One JSON parameter: Drizzle's builder spent longer binding 1,000
  // parameters than the database spent answering.
  const rows = rowsOf<{ nik: string; import_id: number | null; import_line: number | null }>(
    await db.execute(
      sql`select nik, import_id, import_line from voter
          where nik in (select json_array_elements_text(${JSON.stringify(niks)}::json))`,
    ),
  );
  return new Map(rows.map((r) => [r.nik, { importId: r.import_id, importLine: r.import_line }]));
}

export async function insertRejections(
  db: Db,
  importId: number,
  rejections: readonly RowRejection[],
): Promise<void> {
  for (let i = 0; i < rejections.length; i += 2000) {
    const chunk = rejections.slice(i, i + 2000);
    await db.insert(voterImportRejection).values(chunk.map((r) => ({ importId, ...r })));
  }
}

export async function addTallies(
  db: Db,
  deltas: readonly { tpsId: number; key: string; delta: number }[],
): Promise<void> {
  const nonZero = deltas.filter((d) => d.delta !== 0);
  for (let i = 0; i < nonZero.length; i += 2000) {
    await db
      .insert(voterTpsTally)
      .values(
        nonZero.slice(i, i + 2000).map((d) => ({ tpsId: d.tpsId, key: d.key, value: d.delta })),
      )
      .onConflictDoUpdate({
        target: [voterTpsTally.tpsId, voterTpsTally.key],
        set: { value: sql`${voterTpsTally.value} + excluded.value` },
      });
  }
}

/** How progress children are keyed: kecamatan (of a regency or Korwil), desa, or TPS. */
export type TallyChild = 'kecamatan' | 'desa' | 'tps';

/**
 * The tallies of a region summed in SQL per child and key: a few hundred
 * rows whatever the number of voters or TPS. `korwilId` keeps only the
 * kecamatan of one Korwil. Children are `35.13.01` (kecamatan), `35.13.01.2001`
 * (desa) or `tps:<id>`.
 */
export async function tallySums(
  db: Db,
  regionPrefix: string,
  child: TallyChild,
  korwilId: number | null,
): Promise<{ child: string; key: string; value: number }[]> {
  const childExpr =
    child === 'tps'
      ? sql`'tps:' || t.id::text`
      : child === 'desa'
        ? sql`t.desa_code`
        : sql`left(t.desa_code, 8)`;
  const inKorwil =
    korwilId === null
      ? sql``
      : sql`and exists (select 1 from region r where r.code = left(t.desa_code, 8) and r.korwil_id = ${korwilId})`;
  const rows = rowsOf<{ child: string; key: string; value: number | string }>(
    await db.execute(sql`
      select ${childExpr} as child, v.key, sum(v.value) as value
      from voter_tps_tally v join tps t on t.id = v.tps_id
      where t.desa_code like ${`${regionPrefix}%`} ${inKorwil}
      group by 1, 2`),
  );
  return rows.map((r) => ({ child: r.child, key: r.key, value: Number(r.value) }));
}

/** TPS of a region whose list is longer than `max` (the 600 rule), with their number. */
export async function tpsListedOver(
  db: Db,
  regionPrefix: string,
  korwilId: number | null,
  max: number,
): Promise<{ tpsId: number; desaCode: string; number: number; listed: number }[]> {
  const inKorwil =
    korwilId === null
      ? sql``
      : sql`and exists (select 1 from region r where r.code = left(t.desa_code, 8) and r.korwil_id = ${korwilId})`;
  return rowsOf<{ tpsId: number; desaCode: string; number: number; listed: number }>(
    await db.execute(sql`
      select t.id as "tpsId", t.desa_code as "desaCode", t.number, v.value as listed
      from voter_tps_tally v join tps t on t.id = v.tps_id
      where v.key = 'listed' and v.value > ${max} and t.desa_code like ${`${regionPrefix}%`} ${inKorwil}
      order by t.desa_code, t.number`),
  );
}

export async function listImports(db: Db, limit = 50): Promise<ImportRow[]> {
  return db.select().from(voterImport).orderBy(desc(voterImport.id)).limit(limit);
}

export async function findImport(db: Db, id: number): Promise<ImportRow | undefined> {
  return (await db.select().from(voterImport).where(eq(voterImport.id, id)))[0];
}

export async function rejectionsOf(
  db: Db,
  importId: number,
  limit?: number,
): Promise<RowRejection[]> {
  const q = db
    .select({
      line: voterImportRejection.line,
      field: voterImportRejection.field,
      reason: voterImportRejection.reason,
    })
    .from(voterImportRejection)
    .where(eq(voterImportRejection.importId, importId))
    .orderBy(asc(voterImportRejection.line), asc(voterImportRejection.id));
  return limit === undefined ? q : q.limit(limit);
}

/** Rejections in pages (the CSV report streams them). */
export async function rejectionsPage(
  db: Db,
  importId: number,
  afterId: number,
  size: number,
): Promise<(RowRejection & { id: number })[]> {
  return db
    .select({
      id: voterImportRejection.id,
      line: voterImportRejection.line,
      field: voterImportRejection.field,
      reason: voterImportRejection.reason,
    })
    .from(voterImportRejection)
    .where(and(eq(voterImportRejection.importId, importId), gt(voterImportRejection.id, afterId)))
    .orderBy(asc(voterImportRejection.id))
    .limit(size);
}

export async function votersOfTps(db: Db, tpsId: number): Promise<VoterRow[]> {
  return db
    .select()
    .from(voter)
    .where(eq(voter.tpsId, tpsId))
    .orderBy(asc(voter.nkk), asc(voter.id));
}

export async function findVoter(
  db: Db,
  id: number,
  forUpdate = false,
): Promise<VoterRow | undefined> {
  const q = db.select().from(voter).where(eq(voter.id, id));
  return (await (forUpdate ? q.for('update') : q))[0];
}

export async function findVoterByNik(db: Db, nik: string): Promise<VoterRow | undefined> {
  return (await db.select().from(voter).where(eq(voter.nik, nik)))[0];
}

export async function updateVoter(
  db: Db,
  id: number,
  values: Partial<VoterInsert>,
): Promise<VoterRow> {
  const rows = await db.update(voter).set(values).where(eq(voter.id, id)).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('voter vanished');
  return row;
}

export async function insertVoter(db: Db, values: VoterInsert): Promise<VoterRow> {
  const rows = await db.insert(voter).values(values).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('voter insert returned nothing');
  return row;
}

export type EventRow = typeof voterEvent.$inferSelect;

export async function insertEvent(
  db: Db,
  values: typeof voterEvent.$inferInsert,
): Promise<EventRow> {
  const rows = await db.insert(voterEvent).values(values).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('voter_event insert returned nothing');
  return row;
}

export async function findEventByClientId(db: Db, clientId: string): Promise<EventRow | undefined> {
  return (await db.select().from(voterEvent).where(eq(voterEvent.clientId, clientId)))[0];
}

export async function eventsOf(db: Db, voterId: number): Promise<EventRow[]> {
  return db
    .select()
    .from(voterEvent)
    .where(eq(voterEvent.voterId, voterId))
    .orderBy(asc(voterEvent.at), asc(voterEvent.id));
}

/** Coklit records of the region's TPS (for activity flags). */
export async function activityOf(
  db: Db,
  regionPrefix: string,
): Promise<{ officer: string; at: string; household: string }[]> {
  const rows = await db
    .select({ officer: voterEvent.byUsername, at: voterEvent.at, household: voter.nkk })
    .from(voterEvent)
    .innerJoin(voter, eq(voter.id, voterEvent.voterId))
    .where(sql`${voter.desaCode} like ${`${regionPrefix}%`}`);
  return rows.map((r) => ({ officer: r.officer ?? '?', at: r.at, household: r.household }));
}

export async function votersOfDesa(
  db: Db,
  desaCode: string,
): Promise<Pick<VoterRow, 'id' | 'tpsId' | 'sex' | 'coklitStatus' | 'tmsCode'>[]> {
  return db
    .select({
      id: voter.id,
      tpsId: voter.tpsId,
      sex: voter.sex,
      coklitStatus: voter.coklitStatus,
      tmsCode: voter.tmsCode,
    })
    .from(voter)
    .where(eq(voter.desaCode, desaCode));
}

export type ListRow = typeof voterList.$inferSelect;

export async function listsOfDesa(db: Db, desaCode: string): Promise<ListRow[]> {
  return db
    .select()
    .from(voterList)
    .where(eq(voterList.desaCode, desaCode))
    .orderBy(asc(voterList.kind), desc(voterList.version));
}

export async function insertList(
  db: Db,
  values: typeof voterList.$inferInsert,
  entries: readonly { voterId: number; tpsId: number; sex: 'L' | 'P' }[],
): Promise<ListRow> {
  const rows = await db.insert(voterList).values(values).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('voter_list insert returned nothing');
  for (let i = 0; i < entries.length; i += 5000) {
    await db
      .insert(voterListEntry)
      .values(entries.slice(i, i + 5000).map((e) => ({ listId: row.id, ...e })));
  }
  return row;
}

/** The latest list of each desa under a region (for recaps). */
export async function latestLists(
  db: Db,
  kind: 'dps' | 'dpt',
  regionPrefix: string,
): Promise<ListRow[]> {
  const rows = await db
    .select()
    .from(voterList)
    .where(and(eq(voterList.kind, kind), sql`${voterList.desaCode} like ${`${regionPrefix}%`}`))
    .orderBy(asc(voterList.desaCode), desc(voterList.version));
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.desaCode) ? false : (seen.add(r.desaCode), true)));
}

/** Men/women per TPS of the given lists. */
export async function listEntriesByTps(
  db: Db,
  listIds: readonly number[],
): Promise<{ tpsId: number; sex: string; n: number }[]> {
  if (listIds.length === 0) return [];
  return db
    .select({
      tpsId: voterListEntry.tpsId,
      sex: voterListEntry.sex,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(voterListEntry)
    .where(inArray(voterListEntry.listId, [...listIds]))
    .groupBy(voterListEntry.tpsId, voterListEntry.sex);
}

/** Lists (kind, version, desa) a voter appears in. */
export async function listsOfVoter(
  db: Db,
  voterId: number,
): Promise<
  { kind: string; version: number; compiledAt: string; compiledBy: string | null; tpsId: number }[]
> {
  return db
    .select({
      kind: voterList.kind,
      version: voterList.version,
      compiledAt: voterList.compiledAt,
      compiledBy: voterList.compiledBy,
      tpsId: voterListEntry.tpsId,
    })
    .from(voterListEntry)
    .innerJoin(voterList, eq(voterList.id, voterListEntry.listId))
    .where(eq(voterListEntry.voterId, voterId))
    .orderBy(asc(voterList.compiledAt));
}

/** Is the voter in the latest list of this kind of its desa? */
export async function inLatestList(
  db: Db,
  voterId: number,
  desaCode: string,
  kind: 'dps' | 'dpt',
): Promise<{ tpsId: number } | null> {
  const latest = (
    await db
      .select({ id: voterList.id })
      .from(voterList)
      .where(and(eq(voterList.kind, kind), eq(voterList.desaCode, desaCode)))
      .orderBy(desc(voterList.version))
      .limit(1)
  )[0];
  if (latest === undefined) return null;
  const e = (
    await db
      .select({ tpsId: voterListEntry.tpsId })
      .from(voterListEntry)
      .where(and(eq(voterListEntry.listId, latest.id), eq(voterListEntry.voterId, voterId)))
  )[0];
  return e ?? null;
}

export type TanggapanRow = typeof dpsTanggapan.$inferSelect;

export async function tanggapanOfDesa(db: Db, desaCode: string): Promise<TanggapanRow[]> {
  return db
    .select()
    .from(dpsTanggapan)
    .where(eq(dpsTanggapan.desaCode, desaCode))
    .orderBy(asc(dpsTanggapan.id));
}

export async function insertTanggapan(
  db: Db,
  values: typeof dpsTanggapan.$inferInsert,
): Promise<TanggapanRow> {
  const rows = await db.insert(dpsTanggapan).values(values).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('tanggapan insert returned nothing');
  return row;
}

export async function findTanggapan(db: Db, id: number): Promise<TanggapanRow | undefined> {
  return (await db.select().from(dpsTanggapan).where(eq(dpsTanggapan.id, id)))[0];
}

export async function findTanggapanByTrackingCode(
  db: Db,
  code: string,
): Promise<TanggapanRow | undefined> {
  return (await db.select().from(dpsTanggapan).where(eq(dpsTanggapan.trackingCode, code)))[0];
}

export async function resolveTanggapan(
  db: Db,
  id: number,
  values: Partial<typeof dpsTanggapan.$inferInsert>,
): Promise<void> {
  await db.update(dpsTanggapan).set(values).where(eq(dpsTanggapan.id, id));
}

export async function logLookup(db: Db, values: typeof cekDptLog.$inferInsert): Promise<void> {
  await db.insert(cekDptLog).values(values);
}

export async function lookupsSince(db: Db, address: string, since: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(cekDptLog)
    .where(and(eq(cekDptLog.address, address), gt(cekDptLog.at, since)));
  return rows[0]?.n ?? 0;
}

/** Every TPS (active or not) under a region prefix. */
export async function tpsUnder(
  db: Db,
  regionPrefix: string,
): Promise<{ id: number; desaCode: string; number: number }[]> {
  return db
    .select({ id: tps.id, desaCode: tps.desaCode, number: tps.number })
    .from(tps)
    .where(sql`${tps.desaCode} like ${`${regionPrefix}%`}`);
}

// ---------------------------------------------------------------- households

export type HouseholdRow = typeof coklitHousehold.$inferSelect;

/**
 * Locks the TPS row for issuing sticker numbers (`for no key update`: it
 * does not block rows that merely reference the TPS); answers its number and
 * desa. Two records of the same TPS issue numbers one after the other.
 */
export async function lockTpsForStickers(
  db: Db,
  tpsId: number,
): Promise<{ number: number; desaCode: string } | undefined> {
  return (
    await db
      .select({ number: tps.number, desaCode: tps.desaCode })
      .from(tps)
      .where(eq(tps.id, tpsId))
      .for('no key update')
  )[0];
}

export async function findHousehold(
  db: Db,
  tpsId: number,
  nkk: string,
): Promise<HouseholdRow | undefined> {
  return (
    await db
      .select()
      .from(coklitHousehold)
      .where(and(eq(coklitHousehold.tpsId, tpsId), eq(coklitHousehold.nkk, nkk)))
  )[0];
}

export async function findHouseholdById(db: Db, id: number): Promise<HouseholdRow | undefined> {
  return (await db.select().from(coklitHousehold).where(eq(coklitHousehold.id, id)))[0];
}

export async function highestSequence(db: Db, tpsId: number): Promise<number | null> {
  const rows = await db
    .select({ n: sql<number | string | null>`max(${coklitHousehold.sequence})` })
    .from(coklitHousehold)
    .where(eq(coklitHousehold.tpsId, tpsId));
  const n = rows[0]?.n ?? null;
  return n === null ? null : Number(n);
}

export async function insertHousehold(
  db: Db,
  values: typeof coklitHousehold.$inferInsert,
): Promise<HouseholdRow> {
  const rows = await db.insert(coklitHousehold).values(values).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('coklit_household insert returned nothing');
  return row;
}

/** The households of a TPS with how many photos each has. */
export async function householdsOfTps(
  db: Db,
  tpsId: number,
): Promise<(HouseholdRow & { photos: number })[]> {
  const rows = await db
    .select({
      household: coklitHousehold,
      photos:
        // Qualified by hand: inside the subquery a bare "id" would be the photo's.
        sql<number>`(select count(*) from coklit_household_photo p where p.household_id = "coklit_household"."id")`.mapWith(
          Number,
        ),
    })
    .from(coklitHousehold)
    .where(eq(coklitHousehold.tpsId, tpsId))
    .orderBy(asc(coklitHousehold.sequence));
  return rows.map((r) => ({ ...r.household, photos: r.photos }));
}

/** Locks a household row (a photo's count changes once per household). */
export async function lockHousehold(db: Db, id: number): Promise<HouseholdRow | undefined> {
  return (
    await db.select().from(coklitHousehold).where(eq(coklitHousehold.id, id)).for('update')
  )[0];
}

export type HouseholdPhotoRow = typeof coklitHouseholdPhoto.$inferSelect;

/** Stores a photo row; false when this household already has this file. */
export async function insertHouseholdPhoto(
  db: Db,
  values: typeof coklitHouseholdPhoto.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(coklitHouseholdPhoto)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: coklitHouseholdPhoto.id });
  return rows.length > 0;
}

export async function householdPhotoCount(db: Db, householdId: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(coklitHouseholdPhoto)
    .where(eq(coklitHouseholdPhoto.householdId, householdId));
  return rows[0]?.n ?? 0;
}

/** A household's photos, oldest first. */
export async function householdPhotos(db: Db, householdId: number): Promise<HouseholdPhotoRow[]> {
  return db
    .select()
    .from(coklitHouseholdPhoto)
    .where(eq(coklitHouseholdPhoto.householdId, householdId))
    .orderBy(asc(coklitHouseholdPhoto.id));
}

export async function findHouseholdPhoto(
  db: Db,
  householdId: number,
  sha256: string,
): Promise<HouseholdPhotoRow | undefined> {
  return (
    await db
      .select()
      .from(coklitHouseholdPhoto)
      .where(
        and(
          eq(coklitHouseholdPhoto.householdId, householdId),
          eq(coklitHouseholdPhoto.sha256, sha256),
        ),
      )
  )[0];
}

/** Sticker numbers of other households that were given a file with the same hash. */
export async function sameHouseholdPhotoElsewhere(
  db: Db,
  sha256: string,
  householdId: number,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ sticker: coklitHousehold.sticker })
    .from(coklitHouseholdPhoto)
    .innerJoin(coklitHousehold, eq(coklitHousehold.id, coklitHouseholdPhoto.householdId))
    .where(
      and(
        eq(coklitHouseholdPhoto.sha256, sha256),
        sql`${coklitHouseholdPhoto.householdId} <> ${householdId}`,
      ),
    )
    .orderBy(asc(coklitHousehold.sticker));
  return rows.map((r) => r.sticker);
}

/**
 * Photo uses (hash, sticker) of every hash that a household under the
 * region has and that was given to two or more households anywhere.
 */
export async function reusedPhotoUses(
  db: Db,
  regionPrefix: string,
): Promise<{ sha256: string; sticker: string }[]> {
  return rowsOf<{ sha256: string; sticker: string }>(
    await db.execute(sql`
      with reused as (
        select p.sha256 from coklit_household_photo p
        group by p.sha256 having count(distinct p.household_id) > 1
      )
      select distinct p.sha256, h.sticker
      from coklit_household_photo p
      join coklit_household h on h.id = p.household_id
      where p.sha256 in (select sha256 from reused)
        and p.sha256 in (
          select p2.sha256 from coklit_household_photo p2
          join coklit_household h2 on h2.id = p2.household_id
          join tps t on t.id = h2.tps_id
          where t.desa_code like ${`${regionPrefix}%`}
        )
      order by 1, 2`),
  );
}
