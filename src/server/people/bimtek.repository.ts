import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import {
  bimtekAttendance,
  bimtekEvent,
  bimtekMaterial,
  bimtekScore,
  bimtekSession,
  bimtekWave,
  bimtekWaveKecamatan,
} from '../db/schema.ts';

export type EventRow = typeof bimtekEvent.$inferSelect;
export type WaveRow = typeof bimtekWave.$inferSelect;
export type SessionRow = typeof bimtekSession.$inferSelect;
export type MaterialRow = typeof bimtekMaterial.$inferSelect;

export async function listEvents(db: Db): Promise<(EventRow & { waves: number })[]> {
  return db
    .select({
      id: bimtekEvent.id,
      name: bimtekEvent.name,
      body: bimtekEvent.body,
      startsOn: bimtekEvent.startsOn,
      endsOn: bimtekEvent.endsOn,
      venue: bimtekEvent.venue,
      organiser: bimtekEvent.organiser,
      createdAt: bimtekEvent.createdAt,
      waves:
        sql<number>`(select count(*) from ${bimtekWave} where ${bimtekWave.eventId} = ${bimtekEvent.id})`.mapWith(
          Number,
        ),
    })
    .from(bimtekEvent)
    .orderBy(desc(bimtekEvent.startsOn), desc(bimtekEvent.id));
}

export async function findEvent(db: Db, id: number): Promise<EventRow | undefined> {
  return (await db.select().from(bimtekEvent).where(eq(bimtekEvent.id, id)))[0];
}

export async function insertEvent(db: Db, row: typeof bimtekEvent.$inferInsert): Promise<EventRow> {
  const [out] = await db.insert(bimtekEvent).values(row).returning();
  if (out === undefined) throw new Error('insert into bimtek_event returned no row');
  return out;
}

export async function wavesOf(db: Db, eventId: number): Promise<WaveRow[]> {
  return db
    .select()
    .from(bimtekWave)
    .where(eq(bimtekWave.eventId, eventId))
    .orderBy(asc(bimtekWave.startsOn), asc(bimtekWave.id));
}

export async function findWave(db: Db, id: number): Promise<WaveRow | undefined> {
  return (await db.select().from(bimtekWave).where(eq(bimtekWave.id, id)))[0];
}

export async function insertWave(
  db: Db,
  row: typeof bimtekWave.$inferInsert,
  kecamatanCodes: readonly string[],
): Promise<WaveRow> {
  const [out] = await db.insert(bimtekWave).values(row).returning();
  if (out === undefined) throw new Error('insert into bimtek_wave returned no row');
  await db.insert(bimtekWaveKecamatan).values(
    kecamatanCodes.map((kecamatanCode) => ({
      waveId: out.id,
      eventId: row.eventId,
      kecamatanCode,
    })),
  );
  return out;
}

/** Kecamatan of every wave of an event. */
export async function waveKecamatan(
  db: Db,
  eventId: number,
): Promise<{ waveId: number; kecamatanCode: string }[]> {
  return db
    .select({
      waveId: bimtekWaveKecamatan.waveId,
      kecamatanCode: bimtekWaveKecamatan.kecamatanCode,
    })
    .from(bimtekWaveKecamatan)
    .where(eq(bimtekWaveKecamatan.eventId, eventId))
    .orderBy(asc(bimtekWaveKecamatan.kecamatanCode));
}

export async function sessionsOf(db: Db, eventId: number): Promise<SessionRow[]> {
  return db
    .select()
    .from(bimtekSession)
    .where(eq(bimtekSession.eventId, eventId))
    .orderBy(asc(bimtekSession.id));
}

export async function insertSession(
  db: Db,
  row: typeof bimtekSession.$inferInsert,
): Promise<SessionRow> {
  const [out] = await db.insert(bimtekSession).values(row).returning();
  if (out === undefined) throw new Error('insert into bimtek_session returned no row');
  return out;
}

export async function materialsOf(db: Db, eventId: number): Promise<MaterialRow[]> {
  return db
    .select()
    .from(bimtekMaterial)
    .where(eq(bimtekMaterial.eventId, eventId))
    .orderBy(asc(bimtekMaterial.id));
}

export async function findMaterial(db: Db, id: number): Promise<MaterialRow | undefined> {
  return (await db.select().from(bimtekMaterial).where(eq(bimtekMaterial.id, id)))[0];
}

/** Inserts a material; the same file twice for one event keeps the first. */
export async function insertMaterial(
  db: Db,
  row: typeof bimtekMaterial.$inferInsert,
): Promise<{ row: MaterialRow; created: boolean }> {
  const [out] = await db.insert(bimtekMaterial).values(row).onConflictDoNothing().returning();
  if (out !== undefined) return { row: out, created: true };
  const [existing] = await db
    .select()
    .from(bimtekMaterial)
    .where(and(eq(bimtekMaterial.eventId, row.eventId), eq(bimtekMaterial.sha256, row.sha256)));
  if (existing === undefined) throw new Error('material neither inserted nor found');
  return { row: existing, created: false };
}

export async function attendanceOf(
  db: Db,
  waveIds: readonly number[],
): Promise<{ waveId: number; memberId: number; day: string }[]> {
  if (waveIds.length === 0) return [];
  return db
    .select({
      waveId: bimtekAttendance.waveId,
      memberId: bimtekAttendance.memberId,
      day: bimtekAttendance.day,
    })
    .from(bimtekAttendance)
    .where(inArray(bimtekAttendance.waveId, [...waveIds]));
}

export async function markPresent(
  db: Db,
  waveId: number,
  day: string,
  memberIds: readonly number[],
  method: 'daftar' | 'kode',
): Promise<number> {
  let n = 0;
  const BATCH = 1000;
  for (let i = 0; i < memberIds.length; i += BATCH) {
    const out = await db
      .insert(bimtekAttendance)
      .values(memberIds.slice(i, i + BATCH).map((memberId) => ({ waveId, memberId, day, method })))
      .onConflictDoNothing()
      .returning({ memberId: bimtekAttendance.memberId });
    n += out.length;
  }
  return n;
}

export async function markAbsent(
  db: Db,
  waveId: number,
  day: string,
  memberIds: readonly number[],
): Promise<number> {
  const out = await db
    .delete(bimtekAttendance)
    .where(
      and(
        eq(bimtekAttendance.waveId, waveId),
        eq(bimtekAttendance.day, day),
        inArray(bimtekAttendance.memberId, [...memberIds]),
      ),
    )
    .returning({ memberId: bimtekAttendance.memberId });
  return out.length;
}

export async function scoresOf(
  db: Db,
  waveIds: readonly number[],
): Promise<
  { waveId: number; memberId: number; preTest: number | null; postTest: number | null }[]
> {
  if (waveIds.length === 0) return [];
  return db
    .select()
    .from(bimtekScore)
    .where(inArray(bimtekScore.waveId, [...waveIds]));
}

export async function upsertScores(
  db: Db,
  waveId: number,
  scores: readonly { memberId: number; preTest: number | null; postTest: number | null }[],
): Promise<void> {
  const BATCH = 1000;
  for (let i = 0; i < scores.length; i += BATCH) {
    await db
      .insert(bimtekScore)
      .values(scores.slice(i, i + BATCH).map((s) => ({ waveId, ...s })))
      .onConflictDoUpdate({
        target: [bimtekScore.waveId, bimtekScore.memberId],
        set: { preTest: sql`excluded.pre_test`, postTest: sql`excluded.post_test` },
      });
  }
}
