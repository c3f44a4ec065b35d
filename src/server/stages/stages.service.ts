import { todayWib } from '../../domain/common/dates.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { stagePhase, validateStageDates, type StageKind } from '../../domain/stages/stage.rules.ts';
import type { Stage, StageCalendar, StageInput } from '../../domain/stages/stage.schema.ts';
import type { Db } from '../db/connection.ts';
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
  input: StageInput,
  now = new Date(),
): Promise<Result<Stage>> {
  const dates = validateStageDates(input);
  if (!dates.ok) return dates;
  return inTransaction(db, async (tx) =>
    ok(toStage(await insertStage(tx, values(input)), todayWib(now))),
  );
}

export async function editStage(
  db: Db,
  id: number,
  input: StageInput,
  now = new Date(),
): Promise<Result<Stage>> {
  const dates = validateStageDates(input);
  if (!dates.ok) return dates;
  return inTransaction(db, async (tx) => {
    if ((await findStage(tx, id)) === undefined) return notFound(id);
    return ok(toStage(await updateStage(tx, id, values(input)), todayWib(now)));
  });
}

export async function removeStage(db: Db, id: number): Promise<Result<null>> {
  return inTransaction(db, async (tx) => {
    if ((await findStage(tx, id)) === undefined) return notFound(id);
    await deleteStage(tx, id);
    return ok(null);
  });
}
