/**
 * `results verify`, second half: every stored version of a C.Hasil form must
 * be the form its audit row vouches for. The audit chain (`audit verify`)
 * proves its rows unchanged; this proves the stored forms match them, so a
 * form edited in the database behind the application's back is found.
 *
 * An audited submission records `formSha256` (`submissionAuditAfter` in
 * `results.form-hash.ts`); audit rows written before it did carry the whole
 * form, which is hashed here the same way.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { rowsOf } from '../db/rows.ts';
import { formSha256 } from './results.form-hash.ts';

export interface FormDifference {
  readonly tpsId: number;
  readonly contestId: number;
  readonly version: number;
  /** `no_audit`: no audit row vouches for this version; `changed`: the stored form is not the audited one. */
  readonly problem: 'no_audit' | 'changed';
}

export const FORM_CHECK_PAGE_SIZE = 5_000;

const keyOf = (tpsId: number | string, contestId: number | string, version: number | string) =>
  `${String(tpsId)}:${String(contestId)}:${String(version)}`;

/** The audited form hash of every accepted submission and correction, by TPS × contest × version. */
async function auditedHashes(db: Db, pageSize: number): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  let lastId = 0;
  for (;;) {
    const page = rowsOf<{
      id: number;
      tps_id: string | null;
      contest_id: string | null;
      version: string | null;
      sha: string | null;
      form: unknown;
    }>(
      await db.execute(sql`
        select a.id, a.target_id as tps_id, a.after->>'contestId' as contest_id,
          a.after->>'version' as version, a.after->>'formSha256' as sha,
          case when a.after ? 'formSha256' then null else a.after->'form' end as form
        from audit_log a
        where a.action in ('result.submit', 'result.correct') and a.outcome = 'ok'
          and a.id > ${lastId}
        order by a.id
        limit ${pageSize}`),
    );
    for (const r of page) {
      lastId = r.id;
      if (r.tps_id === null || r.contest_id === null || r.version === null) continue;
      const sha = r.sha ?? (r.form === null || r.form === undefined ? null : formSha256(r.form));
      if (sha !== null) hashes.set(keyOf(r.tps_id, r.contest_id, r.version), sha);
    }
    if (page.length < pageSize) return hashes;
  }
}

/** How many stored versions were checked, and each whose form its audit row does not vouch for. */
export async function verifyResultForms(
  db: Db,
  pageSize: number = FORM_CHECK_PAGE_SIZE,
): Promise<{ versions: number; forms: FormDifference[] }> {
  const audited = await auditedHashes(db, pageSize);
  const forms: FormDifference[] = [];
  let versions = 0;
  let lastId = 0;
  for (;;) {
    const page = rowsOf<{
      id: number;
      tps_id: number;
      contest_id: number;
      version: number;
      form: unknown;
    }>(
      await db.execute(sql`
        select s.id, s.tps_id, s.contest_id, s.version, s.form
        from result_submission s
        where s.id > ${lastId}
        order by s.id
        limit ${pageSize}`),
    );
    for (const r of page) {
      lastId = r.id;
      versions += 1;
      const expected = audited.get(keyOf(r.tps_id, r.contest_id, r.version));
      const at = { tpsId: r.tps_id, contestId: r.contest_id, version: r.version };
      if (expected === undefined) forms.push({ ...at, problem: 'no_audit' });
      else if (expected !== formSha256(r.form)) forms.push({ ...at, problem: 'changed' });
    }
    if (page.length < pageSize) return { versions, forms };
  }
}
