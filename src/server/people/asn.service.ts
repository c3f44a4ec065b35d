/**
 * ASN (civil servants) and the TPS where each votes: a register imported
 * from CSV (all or nothing), attendance at the TPS on voting day recorded by
 * the TPS's KPPS, and recaps per office and per kecamatan for the Bupati.
 */
import {
  regionTarget,
  auditWrite,
  authorizeWrite,
  canRead,
  type WriteDescription,
} from '../auth/guard.ts';
import { parseAsnRegister } from '../../domain/people/asn-csv.ts';
import { formatTps } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type {
  AsnRecap,
  CsvImportBody,
  CsvImportResult,
  LineErrorBody,
} from '../../domain/people/people.schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import {
  allAsnWithDesa,
  asnAtTps,
  findAsn,
  insertAsn,
  setVoted,
  takenNips,
} from './asn.repository.ts';
import { loadRegistry } from './registry.ts';

export async function importAsn(
  db: Db,
  actor: Actor,
  body: CsvImportBody,
): Promise<Result<CsvImportResult>> {
  const what: WriteDescription = { action: 'asn.import', targetType: 'asn' };
  const access = await authorizeWrite(db, actor, 'asn.manage', undefined, what);
  if (!access.ok) return access;
  const parsed = parseAsnRegister(body.csv);
  const reg = await loadRegistry(db);
  const errors: LineErrorBody[] = [...parsed.errors];
  const taken = await takenNips(
    db,
    parsed.rows.map((r) => r.nip),
  );
  const rows: { nip: string; name: string; office: string; phone: string | null; tpsId: number }[] =
    [];
  for (const r of parsed.rows) {
    const t = reg.tpsByKey.get(`${r.desaCode}/${String(r.tpsNumber)}`);
    if (t === undefined) {
      errors.push({
        line: r.line,
        field: 'tps',
        code: 'asn.unknown_tps',
        message: `${formatTps(r.tpsNumber)} tidak ada (atau nonaktif) di desa ${r.desaCode}.`,
      });
      continue;
    }
    if (taken.has(r.nip)) {
      errors.push({
        line: r.line,
        field: 'nip',
        code: 'asn.nip_taken',
        message: `NIP ${r.nip} sudah terdaftar.`,
      });
      continue;
    }
    rows.push({ nip: r.nip, name: r.name, office: r.office, phone: r.phone, tpsId: t.id });
  }
  errors.sort((a, b) => a.line - b.line);
  const total = parsed.rows.length + parsed.errors.filter((e) => e.line > 1).length;
  const dryRun = body.dryRun ?? false;
  if (errors.length > 0 || dryRun) return ok({ dryRun, rows: total, created: 0, errors });
  try {
    return await inTransaction(db, async (tx) => {
      const created = await insertAsn(tx, rows);
      await auditWrite(tx, access.value, what, {
        after: { created, nips: rows.map((r) => r.nip) },
      });
      return ok({ dryRun: false, rows: total, created, errors: [] });
    });
  } catch (e) {
    if (uniqueViolation(e) !== null)
      return err(
        domainError(
          'conflict',
          'asn.nip_taken',
          'Sebagian NIP baru saja didaftarkan orang lain. Impor ulang.',
        ),
      );
    throw e;
  }
}

export async function listAsnAtTps(db: Db, actor: Actor, tpsId: number) {
  const reg = await loadRegistry(db);
  const t = reg.tpsById.get(tpsId);
  if (t === undefined)
    return err(
      domainError(
        'not_found',
        'asn.tps_not_found',
        `TPS dengan id ${String(tpsId)} tidak ditemukan.`,
      ),
    );
  const allowed = canRead(actor, 'asn.attendance', await regionTarget(db, t.desaCode, tpsId));
  if (!allowed.ok) return allowed;
  return ok(
    (await asnAtTps(db, tpsId)).map((a) => ({
      id: a.id,
      nip: a.nip,
      name: a.name,
      office: a.office,
      votedAt: a.votedAt?.toISOString() ?? null,
    })),
  );
}

/** Marks an ASN as having voted (or not) at their TPS; by the KPPS of that TPS. */
export async function markAsnVoted(
  db: Db,
  actor: Actor,
  id: number,
  voted: boolean,
): Promise<Result<{ votedAt: string | null }>> {
  const found = await findAsn(db, id);
  const what: WriteDescription = { action: 'asn.voted', targetType: 'asn', targetId: id };
  const target =
    found === undefined
      ? undefined
      : await regionTarget(db, (await tpsDesa(db, found.tpsId)) ?? '', found.tpsId);
  const access = await authorizeWrite(db, actor, 'asn.attendance', target, what);
  if (!access.ok) return access;
  if (found === undefined)
    return err(
      domainError('not_found', 'asn.not_found', `ASN dengan id ${String(id)} tidak ditemukan.`),
    );
  const votedAt = voted ? new Date() : null;
  return inTransaction(db, async (tx) => {
    await setVoted(tx, id, votedAt);
    await auditWrite(tx, access.value, what, {
      before: { nip: found.nip, votedAt: found.votedAt },
      after: { nip: found.nip, votedAt },
    });
    return ok({ votedAt: votedAt?.toISOString() ?? null });
  });
}

async function tpsDesa(db: Db, tpsId: number): Promise<string | undefined> {
  return (await loadRegistry(db)).tpsById.get(tpsId)?.desaCode;
}

export async function asnRecap(db: Db, actor: Actor): Promise<Result<AsnRecap>> {
  const allowed = canRead(actor, 'asn.read');
  if (!allowed.ok) return allowed;
  const reg = await loadRegistry(db);
  const rows = await allAsnWithDesa(db);
  const byOffice = new Map<string, { registered: number; voted: number }>();
  const byKec = new Map<string, { registered: number; voted: number }>();
  const add = (
    m: Map<string, { registered: number; voted: number }>,
    key: string,
    voted: boolean,
  ) => {
    const c = m.get(key) ?? { registered: 0, voted: 0 };
    m.set(key, { registered: c.registered + 1, voted: c.voted + (voted ? 1 : 0) });
  };
  for (const r of rows) {
    add(byOffice, r.office, r.voted);
    add(byKec, reg.kecamatanOf(r.desaCode), r.voted);
  }
  return ok({
    total: { registered: rows.length, voted: rows.filter((r) => r.voted).length },
    byOffice: [...byOffice]
      .map(([office, c]) => ({ office, ...c }))
      .sort((a, b) => a.office.localeCompare(b.office)),
    byKecamatan: reg.kecamatan.map((k) => ({
      code: k.code,
      name: k.name,
      ...(byKec.get(k.code) ?? { registered: 0, voted: 0 }),
    })),
  });
}
