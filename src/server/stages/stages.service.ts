import { todayWib } from '../../domain/common/dates.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { stagePhase, validateStageDates, type StageKind } from '../../domain/stages/stage.rules.ts';
import type { Stage, StageCalendar, StageInput } from '../../domain/stages/stage.schema.ts';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite } from '../auth/guard.ts';
import { inTransaction } from '../http/transaction.ts';
import {
  allStages,
  deleteStage,
  findStage,
  insertStage,
  updateStage,
  type StageRow,
} from './stages.repository.ts';

function toStage(row: StageRow, today: string): Stage {
  return {
    id: row.id,
    kind: row.kind as StageKind,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    notes: row.notes,
    phase: stagePhase(row, today),
  };
}

const notFound = (id: number) =>
  err(
    domainError('not_found', 'stage.not_found', `Tahapan dengan id ${String(id)} tidak ditemukan.`),
  );

export async function getCalendar(db: Db, now: Date = new Date()): Promise<StageCalendar> {
  const today = todayWib(now);
  return { today, stages: (await allStages(db)).map((r) => toStage(r, today)) };
}

/** The stored stage of a kind (the first by date), e.g. the coklit window. */
export async function findStageByKind(db: Db, kind: StageKind): Promise<StageRow | undefined> {
  return (await allStages(db)).find((s) => s.kind === kind);
}

function values(input: StageInput): Omit<StageRow, 'id'> {
  return {
    kind: input.kind,
    name: input.name,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    notes: input.notes ?? null,
  };
}

export async function createStage(
  db: Db,
  actor: Actor,
  input: StageInput,
  now = new Date(),
): Promise<Result<Stage>> {
  const what = { action: 'stage.create', targetType: 'stage' };
  const access = await authorizeWrite(db, actor, 'stage.manage', undefined, what);
  if (!access.ok) return access;
  const dates = validateStageDates(input);
  if (!dates.ok) return dates;
  return inTransaction(db, async (tx) => {
    const row = await insertStage(tx, values(input));
    await auditWrite(tx, access.value, { ...what, targetId: row.id }, { after: row });
    return ok(toStage(row, todayWib(now)));
  });
}

export async function editStage(
  db: Db,
  actor: Actor,
  id: number,
  input: StageInput,
  now = new Date(),
): Promise<Result<Stage>> {
  const what = { action: 'stage.update', targetType: 'stage', targetId: id };
  const access = await authorizeWrite(db, actor, 'stage.manage', undefined, what);
  if (!access.ok) return access;
  const dates = validateStageDates(input);
  if (!dates.ok) return dates;
  return inTransaction(db, async (tx) => {
    const before = await findStage(tx, id);
    if (before === undefined) return notFound(id);
    const row = await updateStage(tx, id, values(input));
    await auditWrite(tx, access.value, what, { before, after: row });
    return ok(toStage(row, todayWib(now)));
  });
}

export async function removeStage(db: Db, actor: Actor, id: number): Promise<Result<null>> {
  const what = { action: 'stage.delete', targetType: 'stage', targetId: id };
  const access = await authorizeWrite(db, actor, 'stage.manage', undefined, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    const before = await findStage(tx, id);
    if (before === undefined) return notFound(id);
    await deleteStage(tx, id);
    await auditWrite(tx, access.value, what, { before });
    return ok(null);
  });
}
