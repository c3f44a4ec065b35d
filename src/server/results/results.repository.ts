import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { ANOMALY_THRESHOLDS } from '../../domain/results/anomalies.ts';
import type { Db } from '../db/connection.ts';
import { executePrepared, renderQuery, type RenderedQuery } from '../db/prepared.ts';
import { rowsOf } from '../db/rows.ts';
import { auditCasCtes, auditInsertCte, type ChainedAudit } from '../audit/audit.service.ts';
import {
  resultCurrent,
  resultDesaTotal,
  resultPhoto,
  resultSubmission,
  tps,
} from '../db/schema.ts';
import {
  otherTurnouts,
  turnoutMap,
  type DesaTotalDelta,
  type DesaTotalRow,
  type DesaTurnouts,
} from './results.rollup.ts';

export type SubmissionRow = typeof resultSubmission.$inferSelect;
export type CurrentRow = typeof resultCurrent.$inferSelect;
export type PhotoRow = typeof resultPhoto.$inferSelect;

export async function findByClientId(db: Db, clientId: string): Promise<SubmissionRow | undefined> {
  return (
    await db.select().from(resultSubmission).where(eq(resultSubmission.clientId, clientId))
  )[0];
}

export async function findCurrent(
  db: Db,
  tpsId: number,
  contestId: number,
): Promise<CurrentRow | undefined> {
  return (
    await db
      .select()
      .from(resultCurrent)
      .where(and(eq(resultCurrent.tpsId, tpsId), eq(resultCurrent.contestId, contestId)))
  )[0];
}

export async function findSubmission(db: Db, id: number): Promise<SubmissionRow | undefined> {
  return (await db.select().from(resultSubmission).where(eq(resultSubmission.id, id)))[0];
}

export async function historyOf(
  db: Db,
  tpsId: number,
  contestId: number,
): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(resultSubmission)
    .where(and(eq(resultSubmission.tpsId, tpsId), eq(resultSubmission.contestId, contestId)))
    .orderBy(desc(resultSubmission.version));
}

export async function upsertCurrent(db: Db, row: CurrentRow): Promise<void> {
  await db
    .insert(resultCurrent)
    .values(row)
    .onConflictDoUpdate({
      target: [resultCurrent.tpsId, resultCurrent.contestId],
      set: {
        submissionId: row.submissionId,
        version: row.version,
        status: row.status,
        statusNote: row.statusNote,
        statusBy: row.statusBy,
        statusAt: row.statusAt,
        wasVerified: row.wasVerified,
      },
    });
}

/**
 * An insert into `result_desa_total` that adds each row of `rows` (a JSON
 * array of `DesaTotalDelta`) to its desa's totals, and puts its turnouts in
 * place of those stored for the same TPS, rows in key order (so two writers
 * lock shared rows in the same order). `guard` filters the rows (the batch
 * write's compare-and-set).
 */
function desaTotalUpsert(rows: SQL, guard: SQL = sql``): SQL {
  return sql`
    insert into result_desa_total as t (contest_id, desa_code, registered, voted, valid, invalid,
      reported, verified, votes, turnouts)
    select x."contestId", x."desaCode", x.registered, x.voted, x.valid, x.invalid, x.reported,
      x.verified, x.votes, x.turnouts
    from jsonb_to_recordset(${rows}) as x ("contestId" int, "desaCode" text, registered int,
      voted int, valid int, invalid int, reported int, verified int, votes jsonb, turnouts jsonb)
    ${guard}
    order by x."contestId", x."desaCode"
    on conflict (contest_id, desa_code) do update set
      turnouts = t.turnouts || excluded.turnouts,
      registered = t.registered + excluded.registered, voted = t.voted + excluded.voted,
      valid = t.valid + excluded.valid, invalid = t.invalid + excluded.invalid,
      reported = t.reported + excluded.reported, verified = t.verified + excluded.verified,
      votes = (select coalesce(jsonb_object_agg(e.key, e.n), '{}'::jsonb)
        from (select u.key, sum(u.value::int) as n
          from (select * from jsonb_each_text(t.votes)
            union all select * from jsonb_each_text(excluded.votes)) u
          group by u.key) e)`;
}

const deltasJson = (deltas: readonly DesaTotalDelta[]): SQL =>
  sql`${JSON.stringify(deltas)}::jsonb`;

/** Adds `delta` to a desa's running totals (one statement). */
export async function applyDesaDelta(db: Db, delta: DesaTotalDelta): Promise<void> {
  await db.execute(desaTotalUpsert(deltasJson([delta])));
}

export async function desaTotalRows(db: Db, contestId: number): Promise<DesaTotalRow[]> {
  return db
    .select({
      desaCode: resultDesaTotal.desaCode,
      registered: resultDesaTotal.registered,
      voted: resultDesaTotal.voted,
      valid: resultDesaTotal.valid,
      invalid: resultDesaTotal.invalid,
      reported: resultDesaTotal.reported,
      verified: resultDesaTotal.verified,
      votes: resultDesaTotal.votes,
      turnouts: resultDesaTotal.turnouts,
    })
    .from(resultDesaTotal)
    .where(eq(resultDesaTotal.contestId, contestId));
}

type Votes = { selectionId: number; votes: number }[];

/** A stored form's votes (validated when the form was accepted), by selection id. */
function sortedVotes(votes: unknown): Votes {
  return [...((votes as Votes | null) ?? [])].sort((a, b) => a.selectionId - b.selectionId);
}

/** A stored form's votes per selection, by selection id. */
function votesOfForm(form: unknown): Votes {
  return sortedVotes((form as { votes?: Votes } | null)?.votes);
}

/** The leaves: every current version of a contest with its TPS's desa and votes. */
export async function currentLeaves(db: Db, contestId: number) {
  const rows = await db
    .select({
      tpsId: resultCurrent.tpsId,
      desaCode: tps.desaCode,
      status: resultCurrent.status,
      submissionId: resultCurrent.submissionId,
      registered: resultSubmission.registered,
      voted: resultSubmission.voted,
      valid: resultSubmission.valid,
      invalid: resultSubmission.invalid,
      anomalies: resultSubmission.anomalies,
      version: resultCurrent.version,
      form: resultSubmission.form,
    })
    .from(resultCurrent)
    .innerJoin(resultSubmission, eq(resultSubmission.id, resultCurrent.submissionId))
    .innerJoin(tps, eq(tps.id, resultCurrent.tpsId))
    .where(eq(resultCurrent.contestId, contestId));
  return rows.map(({ form, ...r }) => ({ ...r, votes: votesOfForm(form) }));
}

export async function insertPhoto(
  db: Db,
  values: Omit<PhotoRow, 'id' | 'uploadedAt'>,
): Promise<void> {
  await db.insert(resultPhoto).values(values).onConflictDoNothing();
}

export async function photosOf(db: Db, tpsId: number, contestId: number): Promise<PhotoRow[]> {
  return db
    .select()
    .from(resultPhoto)
    .where(and(eq(resultPhoto.tpsId, tpsId), eq(resultPhoto.contestId, contestId)))
    .orderBy(asc(resultPhoto.id));
}

/** One photo of a TPS's form for a contest, by its hash. */
export async function findResultPhoto(
  db: Db,
  tpsId: number,
  contestId: number,
  sha256: string,
): Promise<PhotoRow | undefined> {
  const [row] = await db
    .select()
    .from(resultPhoto)
    .where(
      and(
        eq(resultPhoto.tpsId, tpsId),
        eq(resultPhoto.contestId, contestId),
        eq(resultPhoto.sha256, sha256),
      ),
    );
  return row;
}

/** Other TPS that uploaded a file with the same hash. */
export async function sameHashElsewhere(db: Db, sha256: string, tpsId: number): Promise<number[]> {
  const rows = await db
    .select({ tpsId: resultPhoto.tpsId })
    .from(resultPhoto)
    .where(eq(resultPhoto.sha256, sha256));
  return [...new Set(rows.map((r) => r.tpsId).filter((id) => id !== tpsId))];
}

/*
 * The submission hot path: a batch reads everything in one statement
 * (`batchContext`) and writes everything in another (`submissionsWrite`); a
 * submission on its own (after a failed batch) reads its context
 * (`submitContext`), then its current version inside the transaction. Raw
 * SQL with JSON parameters so the statements are the same on both engines.
 */

/** What a submission needs to be judged, read in one round trip. */
export interface SubmitContext {
  readonly tps: {
    id: number;
    desaCode: string;
    voters: number;
    status: string;
    /** Korwil of the TPS's kecamatan (for scope checks). */
    korwilId: number | null;
  } | null;
  /** The submission already stored under this client id, with its TPS × contest's current status. */
  readonly previous: {
    tpsId: number;
    contestId: number;
    version: number;
    form: unknown;
    anomalies: unknown;
    currentStatus: 'submitted' | 'verified' | 'returned' | null;
  } | null;
  /** First `pemungutan_suara` stage's start (stages in date order). */
  readonly votingDay: string | null;
  readonly openedEarly: unknown;
  readonly contest: { id: number; regionCode: string } | null;
  readonly selectionIds: number[];
  /** Selection id → ballot number (null for kolom kosong), to name pairs in refusals. */
  readonly ballotNumbers: Record<string, number | null>;
  readonly maxVoters: unknown;
}

export async function submitContext(
  db: Db,
  tpsId: number,
  contestId: number,
  clientId: string,
  windowSetting: string,
): Promise<SubmitContext> {
  const rows = rowsOf<{
    tps_id: number | null;
    desa_code: string | null;
    voters: number | null;
    status: string | null;
    korwil_id: number | null;
    previous: {
      tpsId: number;
      contestId: number;
      version: number;
      form: unknown;
      anomalies: unknown;
      currentStatus: 'submitted' | 'verified' | 'returned' | null;
    } | null;
    voting_day: string | null;
    opened_early: unknown;
    contest: { id: number; regionCode: string } | null;
    selection_ids: number[] | null;
    ballot_numbers: Record<string, number | null> | null;
    max_voters: unknown;
    last_hash: string | null;
  }>(
    await db.execute(sql`
      select t.id as tps_id, t.desa_code, t.voters, t.status,
        (select k.korwil_id from region k
          where k.code = left(t.desa_code, length(t.desa_code) - position('.' in reverse(t.desa_code)))
        ) as korwil_id,
        (select json_build_object(
            'tpsId', s.tps_id, 'contestId', s.contest_id, 'version', s.version,
            'form', s.form, 'anomalies', s.anomalies, 'currentStatus', c.status)
          from result_submission s
          left join result_current c on c.tps_id = s.tps_id and c.contest_id = s.contest_id
          where s.client_id = ${clientId}) as previous,
        (select st.starts_on::text from stage st where st.kind = 'pemungutan_suara'
          order by st.starts_on, st.ends_on, st.id limit 1) as voting_day,
        (select v.value from settings v where v.key = ${windowSetting}) as opened_early,
        (select json_build_object('id', ct.id, 'regionCode', ct.region_code)
          from contest ct where ct.id = ${contestId}) as contest,
        (select json_agg(p.id order by p.id) from candidate_pair p
          where p.contest_id = ${contestId}) as selection_ids,
        (select json_object_agg(p.id, case when p.is_kolom_kosong then null else p.ballot_number end)
          from candidate_pair p where p.contest_id = ${contestId}) as ballot_numbers,
        (select v.value from settings v where v.key = 'max_voters_per_tps') as max_voters
      from (values (1)) as one (x)
      left join tps t on t.id = ${tpsId}`),
  );
  const r = rows[0];
  if (r === undefined) throw new Error('submit context returned no row');
  return {
    tps:
      r.tps_id === null
        ? null
        : {
            id: r.tps_id,
            desaCode: r.desa_code ?? '',
            voters: r.voters ?? 0,
            status: r.status ?? '',
            korwilId: r.korwil_id,
          },
    previous: r.previous,
    votingDay: r.voting_day,
    openedEarly: r.opened_early,
    contest: r.contest,
    selectionIds: r.selection_ids ?? [],
    ballotNumbers: r.ballot_numbers ?? {},
    maxVoters: r.max_voters,
  };
}

/** The current version of a TPS × contest with what its running totals hold, and the desa's other turnouts. */
export interface CurrentWithContribution {
  readonly current: {
    submissionId: number;
    version: number;
    status: 'submitted' | 'verified' | 'returned';
    wasVerified: boolean;
    registered: number;
    voted: number;
    valid: number;
    invalid: number;
    votes: { selectionId: number; votes: number }[];
  } | null;
  /** voted / registered of the desa's other TPS that reported this contest (`otherTurnouts`). */
  readonly desaTurnouts: number[];
}

export async function currentForSubmit(
  tx: Db,
  tpsId: number,
  contestId: number,
  desaCode: string,
): Promise<CurrentWithContribution> {
  const rows = rowsOf<{
    submission_id: number | null;
    version: number;
    status: 'submitted' | 'verified' | 'returned';
    was_verified: boolean;
    votes: unknown;
    registered: number;
    voted: number;
    valid: number;
    invalid: number;
    turnouts: DesaTurnouts | null;
  }>(
    await tx.execute(sql`
      select c.submission_id, c.version, c.status, c.was_verified,
        s.form->'votes' as votes, s.registered, s.voted, s.valid, s.invalid,
        (select d.turnouts from result_desa_total d
          where d.contest_id = ${contestId} and d.desa_code = ${desaCode}) as turnouts
      from (values (1)) as one (x)
      left join result_current c on c.tps_id = ${tpsId} and c.contest_id = ${contestId}
      left join result_submission s on s.id = c.submission_id`),
  );
  const r = rows[0];
  if (r === undefined) throw new Error('current lookup returned no row');
  return {
    current:
      r.submission_id === null
        ? null
        : {
            submissionId: r.submission_id,
            version: r.version,
            status: r.status,
            wasVerified: r.was_verified,
            registered: r.registered,
            voted: r.voted,
            valid: r.valid,
            invalid: r.invalid,
            votes: sortedVotes(r.votes),
          },
    desaTurnouts: otherTurnouts(turnoutMap(r.turnouts), tpsId, ANOMALY_THRESHOLDS.desaSample),
  };
}

/**
 * One statement: the new version (its votes in its form), the TPS ×
 * contest's current pointer (status back to `submitted`), and the desa's
 * running totals.
 */
export async function writeSubmission(
  tx: Db,
  values: Omit<SubmissionRow, 'id' | 'submittedAt'>,
  wasVerified: boolean,
  desaDelta: DesaTotalDelta,
): Promise<{ id: number; submittedAt: Date }> {
  const rows = rowsOf<{ id: number; submitted_at: string | Date }>(
    await tx.execute(sql`
      with s as (
        insert into result_submission (client_id, tps_id, contest_id, version, form, registered,
          voted, valid, invalid, reason, anomalies, submitted_by, submitted_by_name)
        values (${values.clientId}, ${values.tpsId}, ${values.contestId}, ${values.version},
          ${JSON.stringify(values.form)}::jsonb, ${values.registered}, ${values.voted},
          ${values.valid}, ${values.invalid}, ${values.reason},
          ${JSON.stringify(values.anomalies)}::jsonb, ${values.submittedBy},
          ${values.submittedByName})
        returning id, version, submitted_at
      ), c as (
        insert into result_current (tps_id, contest_id, submission_id, version, status,
          status_note, status_by, status_at, was_verified)
        select ${values.tpsId}, ${values.contestId}, s.id, s.version, 'submitted', null, null, null,
          ${wasVerified}
        from s
        on conflict (tps_id, contest_id) do update set
          submission_id = excluded.submission_id, version = excluded.version,
          status = excluded.status, status_note = null, status_by = null, status_at = null,
          was_verified = excluded.was_verified
      ), d as (${desaTotalUpsert(deltasJson([desaDelta]))})
      select id, submitted_at from s`),
  );
  const r = rows[0];
  if (r === undefined) throw new Error('insert into result_submission returned no row');
  return { id: r.id, submittedAt: new Date(r.submitted_at) };
}

/** A TPS × contest's current version, as `currentForSubmit` gives it, for many at once. */
export type CurrentForSubmit = NonNullable<CurrentWithContribution['current']>;

/** What a batch of submissions needs, read in one statement. */
export interface BatchContext {
  /** Each submission's context, in the order given. */
  readonly contexts: SubmitContext[];
  /** `${tpsId}:${contestId}` → the current version. */
  readonly current: Map<string, CurrentForSubmit>;
  /** `${contestId}:${desaCode}` → TPS id → [registered, voted]. */
  readonly desa: Map<string, Map<number, [number, number]>>;
  /** The audit chain's last hash when read (not locked). */
  readonly auditHead: string;
}

/**
 * The statement `batchContext` sends. A named prepared statement on
 * PostgreSQL (`db/prepared.ts`), so after five calls it may run a generic
 * plan made while the results tables were empty: every row is therefore
 * found by index through lateral subqueries behind `offset 0`, which the
 * planner can neither flatten into joins nor turn into scans of whole tables
 * (`results.plan.test.ts` checks the generic plan on an empty night).
 */
export function batchContextQuery(
  keys: readonly { tpsId: number; contestId: number; clientId: string }[],
  windowSetting: string,
): SQL {
  return sql`
      with k as (
        select * from jsonb_to_recordset(${JSON.stringify(keys.map((k, ord) => ({ ord, ...k })))}::jsonb)
          as k (ord int, "tpsId" int, "contestId" int, "clientId" text)
      ), kt as (
        -- Each key's TPS by its primary key: "offset 0" keeps every lookup of
        -- this statement a lookup by index. Joined, the planner (guessing 100
        -- keys) scanned whole tables that grow with the regency and the night.
        select k.*, t.id, t.desa_code, t.voters, t.status
        from k left join lateral (
          select t.id, t.desa_code, t.voters, t.status from tps t where t.id = k."tpsId" offset 0
        ) t on true
      ), g as (
        select distinct kt."contestId", kt.desa_code from kt where kt.id is not null
      )
      select
        (select json_agg(json_build_object(
            'ord', t.ord,
            'tps', case when t.id is null then null else json_build_object(
              'id', t.id, 'desaCode', t.desa_code, 'voters', t.voters, 'status', t.status,
              'korwilId', (select r.korwil_id from region r
                where r.code = left(t.desa_code, length(t.desa_code) - position('.' in reverse(t.desa_code)))))
              end,
            'previous', (select json_build_object(
                'tpsId', s.tps_id, 'contestId', s.contest_id, 'version', s.version,
                'form', s.form, 'anomalies', s.anomalies, 'currentStatus', c.status)
              from result_submission s
              left join result_current c on c.tps_id = s.tps_id and c.contest_id = s.contest_id
              where s.client_id = t."clientId"),
            'contest', (select json_build_object('id', ct.id, 'regionCode', ct.region_code)
              from contest ct where ct.id = t."contestId"),
            'selectionIds', (select json_agg(p.id order by p.id) from candidate_pair p
              where p.contest_id = t."contestId"),
            'ballotNumbers', (select json_object_agg(p.id,
                case when p.is_kolom_kosong then null else p.ballot_number end)
              from candidate_pair p where p.contest_id = t."contestId")) order by t.ord)
          from kt as t) as items,
        (select coalesce(json_agg(json_build_object(
            'tpsId', c.tps_id, 'contestId', c.contest_id, 'submissionId', c.submission_id,
            'version', c.version, 'status', c.status, 'wasVerified', c.was_verified,
            'votes', s.form->'votes', 'registered', s.registered, 'voted', s.voted, 'valid', s.valid,
            'invalid', s.invalid)), '[]'::json)
          from k cross join lateral (
            -- by index, as above (joined: a scan of every current version)
            select c.* from result_current c
            where c.tps_id = k."tpsId" and c.contest_id = k."contestId" offset 0) c
          join result_submission s on s.id = c.submission_id) as currents,
        (select coalesce(json_agg(json_build_object(
            'contestId', g."contestId", 'desaCode', g.desa_code, 'turnouts', d.turnouts)), '[]'::json)
          from g cross join lateral (
            -- the desa's reported turnouts, by primary key (by index, as above)
            select d.turnouts from result_desa_total d
            where d.contest_id = g."contestId" and d.desa_code = g.desa_code offset 0) d) as desa,
        (select st.starts_on::text from stage st where st.kind = 'pemungutan_suara'
          order by st.starts_on, st.ends_on, st.id limit 1) as voting_day,
        (select v.value from settings v where v.key = ${windowSetting}) as opened_early,
        (select v.value from settings v where v.key = 'max_voters_per_tps') as max_voters,
        (select h.last_hash from audit_head h where h.id = 1) as last_hash`;
}

/**
 * One statement for a whole batch: each submission's context (as
 * `submitContext` does for one), the current versions of its TPS × contest,
 * and the reported turnouts of its desa. It takes no lock: the writer never
 * has two batches in flight that share a TPS × contest or a client id, so
 * what another in-flight batch writes is never what this one reads (except
 * the desa's other turnouts, which only inform the anomaly flags).
 */
export async function batchContext(
  tx: Db,
  keys: readonly { tpsId: number; contestId: number; clientId: string }[],
  windowSetting: string,
): Promise<BatchContext> {
  const rows = rowsOf<{
    items:
      | {
          ord: number;
          tps: NonNullable<SubmitContext['tps']> | null;
          previous: SubmitContext['previous'];
          contest: SubmitContext['contest'];
          selectionIds: number[] | null;
          ballotNumbers: Record<string, number | null> | null;
        }[]
      | null;
    currents: (Omit<CurrentForSubmit, 'votes'> & {
      tpsId: number;
      contestId: number;
      votes: unknown;
    })[];
    desa: { contestId: number; desaCode: string; turnouts: DesaTurnouts }[];
    voting_day: string | null;
    opened_early: unknown;
    max_voters: unknown;
    last_hash: string | null;
  }>(await executePrepared(tx, batchContextQuery(keys, windowSetting)));
  const r = rows[0];
  if (r === undefined) throw new Error('batch context returned no row');
  const contexts = (r.items ?? []).map((i): SubmitContext => ({
    tps: i.tps,
    previous: i.previous,
    votingDay: r.voting_day,
    openedEarly: r.opened_early,
    contest: i.contest,
    selectionIds: i.selectionIds ?? [],
    ballotNumbers: i.ballotNumbers ?? {},
    maxVoters: r.max_voters,
  }));
  if (contexts.length !== keys.length) throw new Error('batch context lost a submission');
  const current = new Map<string, CurrentForSubmit>();
  for (const c of r.currents) {
    current.set(`${String(c.tpsId)}:${String(c.contestId)}`, { ...c, votes: sortedVotes(c.votes) });
  }
  const desa = new Map<string, Map<number, [number, number]>>();
  for (const d of r.desa) desa.set(`${String(d.contestId)}:${d.desaCode}`, turnoutMap(d.turnouts));
  if (r.last_hash === null) throw new Error('audit_head has no row (migration 0003)');
  return { contexts, current, desa, auditHead: r.last_hash };
}

export interface BatchWrite {
  readonly values: Omit<SubmissionRow, 'id' | 'submittedAt'>;
  readonly wasVerified: boolean;
}

/**
 * One statement for a batch (distinct TPS × contest, distinct client ids):
 * the versions (votes in their forms), the current pointers, the desa totals
 * (`deltas`: one per contest × desa, already summed) and the audit
 * rows with the new head. Without `casFrom` the caller holds the head's lock;
 * with it, everything is written only if the head is still `casFrom`
 * (`headMoved` false: nothing was written). Built and rendered here, sent by
 * `runSubmissionsWrite`: a batch waiting for its turn to write has it ready.
 */
export function submissionsWrite(
  writes: readonly BatchWrite[],
  deltas: readonly DesaTotalDelta[],
  audit: ChainedAudit,
  options: { casFrom?: string } = {},
): RenderedQuery {
  const cas = options.casFrom === undefined ? null : auditCasCtes(options.casFrom, audit);
  const guard = cas === null ? sql`` : sql`where exists (select 1 from audit_head_moved)`;
  const items = writes.map((w, ord) => ({ ord, ...w.values, wasVerified: w.wasVerified }));
  return renderQuery(
    sql`
      with ${cas === null ? sql`` : sql`${cas.head},`} i as (
        select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as i (
          ord int, "clientId" text, "tpsId" int, "contestId" int, version int, form jsonb,
          registered int, voted int, valid int, invalid int, reason text, anomalies jsonb,
          "submittedBy" int, "submittedByName" text, "wasVerified" boolean)
        ${guard}
      ), s as (
        insert into result_submission (client_id, tps_id, contest_id, version, form, registered,
          voted, valid, invalid, reason, anomalies, submitted_by, submitted_by_name)
        select "clientId", "tpsId", "contestId", version, form, registered, voted, valid, invalid,
          reason, anomalies, "submittedBy", "submittedByName"
        from i order by ord
        returning id, client_id, version
      ), c as (
        insert into result_current (tps_id, contest_id, submission_id, version, status,
          status_note, status_by, status_at, was_verified)
        select i."tpsId", i."contestId", s.id, s.version, 'submitted', null, null, null,
          i."wasVerified"
        from s join i on i."clientId" = s.client_id
        order by i."tpsId", i."contestId"
        on conflict (tps_id, contest_id) do update set
          submission_id = excluded.submission_id, version = excluded.version,
          status = excluded.status, status_note = null, status_by = null, status_at = null,
          was_verified = excluded.was_verified
      ), d as (${desaTotalUpsert(deltasJson(deltas), guard)}), ${cas === null ? auditInsertCte(audit) : cas.rows}
      select (select count(*)::int from s) as n,
        (select count(*)::int from audit_head_moved) as moved`,
  );
}

/** Sends a `submissionsWrite`: how many versions it wrote, and whether it moved the head. */
export async function runSubmissionsWrite(
  tx: Db,
  write: RenderedQuery,
): Promise<{ written: number; headMoved: boolean }> {
  const rows = rowsOf<{ n: number | string; moved: number | string }>(
    await executePrepared(tx, write),
  );
  return { written: Number(rows[0]?.n ?? 0), headMoved: Number(rows[0]?.moved ?? 0) === 1 };
}
