import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { and, count, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Database } from '../db/connection.ts';
import { auditLog, cekDptLog, region, tps, voter, voterEvent, voterImport } from '../db/schema.ts';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import type { ZodApp } from '../http/reply.ts';
import { injectAs, signIn, type Inject } from '../testing/app-harness.ts';
import { DP4_COLUMNS } from '../../domain/voters/dp4.ts';
import { composeNik } from '../../domain/voters/nik.ts';
import type {
  CekDptAnswer,
  CoklitAccepted,
  DesaLists,
  ImportSummary,
  Lineage,
  Progress,
  Recap,
  TpsVoterList,
} from '../../domain/voters/voters.schema.ts';
import { writeSetting } from '../settings/settings.repository.ts';
import { syntheticDp4 } from './dp4-synthetic.ts';
import { importDp4 } from './voters.import.ts';
import { copyVoters } from './voters.repository.ts';
import { copyCsvLine } from '../db/copy.ts';
import { DomainFailure } from '../../domain/common/result.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';

/** The text as a stream of `size`-byte chunks, as an upload arrives. */
async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

const NGADISARI = '35.13.01.2001';
const HEADER = DP4_COLUMNS.join(',');

function person(serial: number, over: Partial<Record<string, string>> = {}): string {
  const birth = over.birth ?? '1990-07-01';
  const sex = (over.sex ?? 'P') as 'L' | 'P';
  const nik = over.nik ?? composeNik('351301', birth, sex, serial);
  const v = {
    nkk: '3513011203150004',
    nik,
    nama: `Warga ${String.fromCharCode(65 + (serial % 26))}${String(serial)}`.replace(/\d/g, 'a'),
    tempat_lahir: 'Probolinggo',
    tanggal_lahir: birth,
    status_kawin: 'S',
    jenis_kelamin: sex,
    alamat: 'Dusun Krajan',
    rt: '1',
    rw: '2',
    disabilitas: '',
    ktp_el: 'S',
    keterangan: '',
    kode_desa: NGADISARI,
    tps: '1',
    ...over,
  };
  return DP4_COLUMNS.map((c) => v[c]).join(',');
}

describe.each(testEngines())('voter data on %s', (engine) => {
  let database: Database;
  let app: ZodApp;
  let operator: Inject;
  let pantarlih: Inject;
  let pantarlihOther: Inject;
  let admin: Inject;
  let pps: Inject;
  let anon: Inject;
  let tps1: number;
  let tps2: number;

  const upload = (
    who: Inject,
    body: string | Buffer,
    fileName: string,
    dryRun = false,
    type = 'text/csv',
  ) =>
    who({
      method: 'POST',
      url: `/api/voters/import?fileName=${encodeURIComponent(fileName)}&dryRun=${String(dryRun)}`,
      headers: { 'content-type': type },
      payload: body,
    });
  const voterCount = async () => (await database.db.select({ n: count() }).from(voter))[0]?.n ?? 0;

  beforeAll(async () => {
    database = await createDemoDatabase(engine);
    app = await buildApp({ database, dataDir: await mkdtemp(join(tmpdir(), 'dp-voters-')) });
    await app.ready();
    const as = async (u: string) => injectAs(app, await signIn(app, u));
    [operator, pantarlih, admin, pps] = (await Promise.all(
      ['operator.kpu', 'pantarlih.ngadisari.1', 'admin', 'pps.ngadisari'].map(as),
    )) as [Inject, Inject, Inject, Inject];
    anon = injectAs(app, null);
    const idOf = async (n: number) =>
      (
        await database.db
          .select({ id: tps.id })
          .from(tps)
          .where(and(eq(tps.desaCode, NGADISARI), eq(tps.number, n)))
      )[0]?.id;
    tps1 = (await idOf(1)) ?? 0;
    tps2 =
      (await idOf(2)) ??
      (
        await admin({
          method: 'POST',
          url: '/api/tps',
          payload: { desaCode: NGADISARI, number: 2, voters: 100 },
        })
      ).json<{ id: number }>().id;
    // A second Pantarlih, of TPS 002, to show the first cannot record there.
    const created = await admin({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username: 'pantarlih.ngadisari.2',
        fullName: 'Pantarlih TPS 002',
        roles: [{ role: 'pantarlih', scope: `${NGADISARI}/2` }],
      },
    });
    expect(created.statusCode).toBe(201);
    const password = created.json<{ oneTimePassword: string }>().oneTimePassword;
    const first = injectAs(app, await signIn(app, 'pantarlih.ngadisari.2', password));
    const changed = await first({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: password, newPassword: 'kata-sandi-baru-2024' },
    });
    expect(changed.statusCode).toBeLessThan(300);
    pantarlihOther = injectAs(
      app,
      await signIn(app, 'pantarlih.ngadisari.2', 'kata-sandi-baru-2024'),
    );
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('refuses bad files with a clear message and stores nothing', async () => {
    const before = await voterCount();
    const cases: [string | Buffer, string, string, string?][] = [
      ['', 'a.csv', 'voters.file_empty'],
      [`${HEADER}\n`, 'a.csv', 'voters.file_no_rows'],
      ['nik,nama\n1,2\n', 'a.csv', 'voters.file_columns'],
      [`${HEADER}\n${person(1)}\n${person(2).slice(0, 40)}`, 'a.csv', 'voters.file_truncated'],
      [`${HEADER}\n${person(1)}\n"${person(2)}`, 'a.csv', 'voters.file_truncated'],
      [
        Buffer.from(`${HEADER}\n${person(1).replace('Krajan', 'Krajan\xe9')}\n`, 'latin1'),
        'a.csv',
        'voters.file_encoding',
      ],
      [Buffer.from(`\ufeff${HEADER}\n`, 'utf16le'), 'a.csv', 'voters.file_encoding'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), 'a.xls', 'voters.file_type'],
      ['%PDF-1.4 ...', 'a.pdf', 'voters.file_type'],
      ['bukan zip', 'a.xlsx', 'voters.file_truncated'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9, 9, 9]), 'a.xlsx', 'voters.file_truncated'],
    ];
    for (const [body, name, code] of cases) {
      const res = await upload(operator, body, name);
      expect(
        [res.statusCode, res.json<{ error: { code: string } }>().error.code],
        name + code,
      ).toEqual([422, code]);
    }
    // An XLSX with a formula cell.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DP4');
    ws.addRow([...DP4_COLUMNS]);
    const cells = person(3).split(',');
    ws.addRow(cells.map((c, i) => (i === 2 ? { formula: 'UPPER("x")', result: 'X' } : c)));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(operator, xlsx, 'f.xlsx', false, 'application/octet-stream');
    expect(res.json<{ error: { code: string } }>().error.code).toBe('voters.file_formula');
    // Truncated XLSX.
    const cut = await upload(operator, xlsx.subarray(0, Math.floor(xlsx.length / 2)), 'c.xlsx');
    expect(cut.json<{ error: { code: string } }>().error.code).toBe('voters.file_truncated');
    expect(await voterCount()).toBe(before);
  });

  it('only the operator and admin import', async () => {
    const res = await upload(pps, `${HEADER}\n${person(1)}\n`, 'a.csv');
    expect(res.statusCode).toBe(403);
    expect((await upload(anon, `${HEADER}\n${person(1)}\n`, 'a.csv')).statusCode).toBe(401);
  });

  const goodAndBad = [
    HEADER,
    person(1),
    person(2, { jenis_kelamin: 'L' }), // line 3: sex contradicts NIK
    person(3),
    person(4, { tps: '77' }), // line 5: no such TPS
    person(1), // line 6: duplicate of line 2
    person(5, { nama: '' }), // line 7
    person(6, { birth: '2009-01-01', status_kawin: 'B' }), // line 8: under 17
    person(7, { tps: '2' }),
    person(8, { jenis_kelamin: 'L', sex: 'L' }),
  ].join('\n');

  it('a dry run reports the rejections and stores no voter', async () => {
    const res = await upload(operator, `${goodAndBad}\n`, 'dp4-ngadisari.csv', true);
    expect(res.statusCode).toBe(200);
    const s = res.json<ImportSummary>();
    expect(s).toMatchObject({ dryRun: true, rowsRead: 9, rowsAccepted: 4, rowsRejected: 5 });
    expect(s.rejections.map((r) => `${String(r.line)}:${r.field}`)).toEqual([
      '3:jenis_kelamin',
      '5:tps',
      '6:nik',
      '7:nama',
      '8:tanggal_lahir',
    ]);
    expect(s.rejections[2]?.reason).toContain('baris 2');
    expect(await voterCount()).toBe(0);
  });

  it('a real import stores the valid rows; the report downloads as CSV; a second import finds them stored', async () => {
    const res = await upload(operator, goodAndBad, 'dp4-ngadisari.csv');
    expect(res.statusCode).toBe(201);
    const s = res.json<ImportSummary>();
    expect(s).toMatchObject({ dryRun: false, rowsAccepted: 4, rowsRejected: 5 });
    expect(await voterCount()).toBe(4);
    const csv = await operator(`/api/voters/imports/${String(s.id)}/rejections`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('baris;kolom;alasan');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual([
      '3;jenis_kelamin',
      '5;tps',
      '6;nik',
      '7;nama',
      '8;tanggal_lahir',
    ]);
    const again = await upload(operator, `${HEADER}\n${person(1)}\n${person(9)}\n`, 'lagi.csv');
    expect(again.json<ImportSummary>()).toMatchObject({ rowsAccepted: 1, rowsRejected: 1 });
    expect(again.json<ImportSummary>().rejections[0]?.reason).toContain('sebelumnya');
    const audit = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'voter.import'), eq(auditLog.outcome, 'ok')));
    expect(audit[0]?.n).toBe(3); // dry run, import, second import
  });

  it('imports an XLSX with semicolons-free cells and dates as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DP4');
    ws.addRow([...DP4_COLUMNS]);
    const cells: (string | Date)[] = person(10, {
      birth: '1985-03-04',
      sex: 'L',
      jenis_kelamin: 'L',
    }).split(',');
    cells[4] = new Date('1985-03-04T00:00:00Z');
    ws.addRow(cells);
    const numeric: (string | number)[] = person(11).split(',');
    numeric[1] = Number(numeric[1]);
    ws.addRow(numeric);
    const res = await upload(operator, Buffer.from(await wb.xlsx.writeBuffer()), 'dp4.xlsx');
    const s = res.json<ImportSummary>();
    expect(s).toMatchObject({ format: 'xlsx', rowsAccepted: 1, rowsRejected: 1 });
    expect(s.rejections[0]).toMatchObject({ line: 3, field: 'nik' });
  });

  it('a generated file with 1 % bad rows and 0.5 % repeats imports all-or-nothing in batches', async () => {
    const lines = [
      ...syntheticDp4({
        tps: [
          { desaCode: NGADISARI, number: 1 },
          { desaCode: NGADISARI, number: 2 },
        ],
        rows: 2500,
        seed: 7,
      }),
    ];
    const res = await upload(operator, lines.join(''), 'sintetis.csv', true);
    const s = res.json<ImportSummary>();
    expect(s.rowsRead).toBe(2500);
    expect(s.rowsRejected).toBeGreaterThan(15);
    expect(s.rowsRejected).toBeLessThan(80);
    expect(s.rowsAccepted + s.rowsRejected).toBe(2500);
    const stored = await database.db.select({ n: count() }).from(voterImport);
    expect(stored[0]?.n).toBeGreaterThan(0);
  });

  it('checks rows in a worker, many small batches, with the same counts as one pass', async () => {
    const lines = syntheticDp4({
      tps: [
        { desaCode: NGADISARI, number: 1 },
        { desaCode: NGADISARI, number: 2 },
      ],
      rows: 2500,
      seed: 7,
    });
    const seen: number[] = [];
    const r = await importDp4(database.db, SYSTEM_ACTOR, chunked([...lines].join(''), 97), {
      fileName: 'kecil.csv',
      dryRun: true,
      batchSize: 7,
      onProgress: (p) => seen.push(p.rows),
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rowsRead).toBe(2500);
    expect(r.value.rowsAccepted + r.value.rowsRejected).toBe(2500);
    // The same file in one batch judges every row the same way.
    const once = await importDp4(
      database.db,
      SYSTEM_ACTOR,
      chunked(
        [
          ...syntheticDp4({
            tps: [
              { desaCode: NGADISARI, number: 1 },
              { desaCode: NGADISARI, number: 2 },
            ],
            rows: 2500,
            seed: 7,
          }),
        ].join(''),
        1 << 20,
      ),
      {
        fileName: 'kecil.csv',
        dryRun: true,
        batchSize: 100_000,
      },
    );
    if (!once.ok) throw new Error(once.error.message);
    expect(r.value.rowsRejected).toBe(once.value.rowsRejected);
    expect(seen.length).toBeGreaterThan(300);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('names the earlier line of a repeated NIK across batches, keeping nothing per row', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => person(40 + i));
    rows.push(person(40)); // line 14 repeats line 2, two batches later
    const r = await importDp4(
      database.db,
      SYSTEM_ACTOR,
      chunked(`${HEADER}\n${rows.join('\n')}\n`, 64),
      {
        fileName: 'ulang.csv',
        dryRun: true,
        batchSize: 5,
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rowsRead: 13, rowsAccepted: 12, rowsRejected: 1 });
    expect(r.value.rejections[0]).toMatchObject({ line: 14, field: 'nik' });
    expect(r.value.rejections[0]?.reason).toContain('baris 2');
  });

  it('an upload that breaks off fails the import and stores nothing', async () => {
    const before = await voterCount();
    const imports = (await database.db.select({ n: count() }).from(voterImport))[0]?.n;
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${HEADER}\n${person(21)}\n${person(22)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('connection reset');
    }
    await expect(
      importDp4(database.db, SYSTEM_ACTOR, broken(), {
        fileName: 'putus.csv',
        dryRun: false,
        batchSize: 1,
      }),
    ).rejects.toThrow('connection reset');
    expect(await voterCount()).toBe(before);
    expect((await database.db.select({ n: count() }).from(voterImport))[0]?.n).toBe(imports);
  });

  it('a NIK stored by another transaction during the import refuses the whole load', async () => {
    const before = await voterCount();
    const taken = (await database.db.select({ nik: voter.nik }).from(voter).limit(1))[0]?.nik;
    expect(taken).toBeDefined();
    const fresh = composeNik('351301', '1991-02-03', 'L', 9002);
    const line = (nik: string) =>
      copyCsvLine([
        nik,
        '3513011203150004',
        'Warga Baru',
        'Probolinggo',
        '1991-02-03',
        'B',
        'L',
        'Dusun Krajan',
        '001',
        '002',
        null,
        'S',
        null,
        NGADISARI,
        tps1,
        'dp4',
        null,
        1,
      ]);
    const outcome = await database.db
      .transaction(async (tx) => {
        await copyVoters(tx, line(fresh) + line(taken ?? ''));
        return 'stored';
      })
      .catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(DomainFailure);
    expect((outcome as DomainFailure).error.code).toBe('voters.import_conflict');
    expect(await voterCount()).toBe(before);
  });

  it("the database refuses a voter whose desa is not its TPS's desa", async () => {
    const before = await voterCount();
    const row = {
      nik: composeNik('351301', '1990-07-01', 'P', 9001),
      nkk: '3513011203150004',
      name: 'Warga Salah Desa',
      birthPlace: 'Probolinggo',
      birthDate: '1990-07-01',
      marital: 'S' as const,
      sex: 'P' as const,
      address: 'Dusun Krajan',
      rt: '001',
      rw: '002',
      ktpEl: 'S' as const,
      source: 'dp4' as const,
      tpsId: tps1,
    };
    // Another real desa: the old per-column keys accepted this row.
    const other = await database.db
      .select({ code: region.code })
      .from(region)
      .where(and(eq(region.level, 'desa'), ne(region.code, NGADISARI)))
      .limit(1);
    expect(other[0]).toBeDefined();
    await expect(
      database.db.insert(voter).values({ ...row, desaCode: other[0]?.code ?? '' }),
    ).rejects.toThrow();
    await database.db.insert(voter).values({ ...row, desaCode: NGADISARI });
    expect(await voterCount()).toBe(before + 1);
    await database.db.delete(voter).where(eq(voter.nik, row.nik));
    expect(await voterCount()).toBe(before);
  });

  let list: TpsVoterList;
  it('the Pantarlih sees the list of their TPS with NIK and NKK masked', async () => {
    const res = await pantarlih(`/api/voters/tps/${String(tps1)}`);
    expect(res.statusCode).toBe(200);
    list = res.json<TpsVoterList>();
    expect(list.canRecord).toBe(true);
    expect(list.voters.length).toBeGreaterThanOrEqual(3);
    for (const v of list.voters) {
      expect(v.nik).toMatch(/^\d{6}\*{8}\d{4}$/);
      expect(v.nkk).toMatch(/^\d{6}\*{8}\d{4}$/);
    }
    expect(res.body).not.toContain(composeNik('351301', '1990-07-01', 'P', 1));
    expect((await pantarlih(`/api/voters/tps/${String(tps2)}`)).statusCode).toBe(403);
  });

  const coklit = (who: Inject, id: number, payload: object) =>
    who({ method: 'POST', url: `/api/voters/${String(id)}/coklit`, payload });

  it('refuses coklit outside the window (nothing stored), then admin reopens it (audited)', async () => {
    const id = list.voters[0]?.id ?? 0;
    const res = await coklit(pantarlih, id, { kind: 'MS' });
    expect(res.json<{ error: { code: string } }>().error.code).toBe('coklit.window_closed');
    expect((await database.db.select({ n: count() }).from(voterEvent))[0]?.n).toBe(0);
    expect(
      (
        await pps({
          method: 'POST',
          url: '/api/coklit/window/reopen',
          payload: { reason: 'Coklit susulan', until: '2099-12-31' },
        })
      ).statusCode,
    ).toBe(403);
    const reopen = await admin({
      method: 'POST',
      url: '/api/coklit/window/reopen',
      payload: { reason: 'Coklit susulan uji', until: '2099-12-31' },
    });
    expect(reopen.json()).toMatchObject({ open: true });
    const audit = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'coklit.window_reopen'), eq(auditLog.outcome, 'ok')));
    expect(audit[0]?.n).toBe(1);
  });

  it('records MS, U, TMS-1 and TMS-8 with evidence; only the Pantarlih of that TPS', async () => {
    const [a, b, c, d] = list.voters;
    if (a === undefined || b === undefined || c === undefined || d === undefined)
      throw new Error('too few voters');
    const ms = await coklit(pantarlih, a.id, {
      kind: 'MS',
      clientId: 'klien-0001',
      sticker: 'STK-001',
      latitude: -7.9,
      longitude: 112.9,
    });
    expect(ms.statusCode).toBe(201);
    expect(ms.json<CoklitAccepted>().voter.coklitStatus).toBe('MS');
    // A resend answers the same record.
    const again = await coklit(pantarlih, a.id, { kind: 'MS', clientId: 'klien-0001' });
    expect([again.statusCode, again.json<CoklitAccepted>().duplicate]).toEqual([200, true]);
    const u = await coklit(pantarlih, b.id, {
      kind: 'U',
      changes: { address: 'Dusun Baru', rt: '5' },
    });
    expect(u.statusCode).toBe(201);
    const tms = await coklit(pantarlih, c.id, { kind: 'TMS', code: 1 });
    expect(tms.json<CoklitAccepted>().voter).toMatchObject({ coklitStatus: 'TMS', tmsCode: 1 });
    const moved = await coklit(pantarlih, d.id, { kind: 'TMS', code: 8, newTpsId: tps2 });
    expect(moved.json<CoklitAccepted>().voter).toMatchObject({ tmsCode: 8, tpsId: tps2 });
    // Refusals: another TPS's officer, a correction without reason, an operator.
    expect((await coklit(pantarlihOther, a.id, { kind: 'MS' })).statusCode).toBe(403);
    expect((await coklit(operator, a.id, { kind: 'MS' })).statusCode).toBe(403);
    const noReason = await coklit(pantarlih, c.id, { kind: 'MS' });
    expect(noReason.json<{ error: { code: string } }>().error.code).toBe('coklit.reason_required');
    // d now belongs to TPS 002: its Pantarlih may record, the first may not.
    expect(
      (await coklit(pantarlih, d.id, { kind: 'MS', reason: 'Sudah dicek ulang' })).statusCode,
    ).toBe(403);
    expect(
      (await coklit(pantarlihOther, d.id, { kind: 'MS', reason: 'Sudah dicek ulang' })).statusCode,
    ).toBe(201);
  });

  it('adds a pemilih baru with a reason, refuses one under age and a known NIK', async () => {
    const nik = composeNik('351301', '2007-10-01', 'P', 55);
    const body = {
      reason: 'genap_17',
      voter: {
        nkk: '3513011203150004',
        nik,
        name: 'Anisa Putri',
        birthPlace: 'Probolinggo',
        birthDate: '2007-10-01',
        marital: 'B',
        sex: 'P',
        address: 'Dusun Krajan',
        rt: '1',
        rw: '2',
        ktpEl: 'S',
      },
    };
    const res = await pantarlih({
      method: 'POST',
      url: `/api/coklit/tps/${String(tps1)}/new-voter`,
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<CoklitAccepted>().voter).toMatchObject({
      source: 'baru',
      nik: '351301********0055',
    });
    const dup = await pantarlih({
      method: 'POST',
      url: `/api/coklit/tps/${String(tps1)}/new-voter`,
      payload: body,
    });
    expect(dup.json<{ error: { code: string } }>().error.code).toBe('coklit.nik_exists');
    const young = {
      ...body,
      voter: {
        ...body.voter,
        nik: composeNik('351301', '2008-12-01', 'P', 56),
        birthDate: '2008-12-01',
      },
    };
    const y = await pantarlih({
      method: 'POST',
      url: `/api/coklit/tps/${String(tps1)}/new-voter`,
      payload: young,
    });
    expect(y.json<{ error: { field: string } }>().error.field).toBe('birthDate');
    // A queued new voter sent again with its client id is recorded once.
    const queued = {
      ...body,
      clientId: 'antrean-baru-0001',
      voter: { ...body.voter, nik: composeNik('351301', '2007-10-01', 'P', 57) },
    };
    const url = `/api/coklit/tps/${String(tps1)}/new-voter`;
    const first = await pantarlih({ method: 'POST', url, payload: queued });
    expect(first.statusCode, first.body).toBe(201);
    const resent = await pantarlih({ method: 'POST', url, payload: queued });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json<CoklitAccepted>()).toMatchObject({
      duplicate: true,
      eventId: first.json<CoklitAccepted>().eventId,
    });
    expect(
      (
        await pantarlih({
          method: 'POST',
          url: `/api/coklit/tps/${String(tps2)}/new-voter`,
          payload: body,
        })
      ).statusCode,
    ).toBe(403);
    // The coded fields take only their codes (the form offers them as choices), as in a U.
    for (const [field, value] of [
      ['marital', 'Kawin'],
      ['sex', 'W'],
      ['ktpEl', 'sudah'],
      ['birthDate', '01-10-2007'],
    ] as const) {
      const bad = await pantarlih({
        method: 'POST',
        url,
        payload: {
          ...body,
          voter: {
            ...body.voter,
            nik: composeNik('351301', '2007-10-01', 'P', 58),
            [field]: value,
          },
        },
      });
      expect(bad.statusCode, field).toBe(400);
      expect(bad.json<{ error: { field: string } }>().error.field).toBe(`voter.${field}`);
    }
  });

  it('progress of the desa and above reflects the records', async () => {
    const res = await pps(`/api/voters/progress?code=${NGADISARI}`);
    const p = res.json<Progress>();
    // Two new voters: Anisa, and the queued one (recorded once although sent twice).
    expect(p.counts).toMatchObject({ ms: 2, u: 1, baru: 2 });
    // d was TMS-8, then corrected to MS at its new TPS.
    expect(p.counts.tms).toEqual({ '1': 1 });
    expect(p.counts.visited).toBe(4);
    expect(p.counts.listed).toBe(p.counts.dp4 + p.counts.baru - 1);
    expect(p.children.map((c) => c.name)).toEqual(['TPS 001', 'TPS 002']);
    // Each Pantarlih's work: every record counted once, none implausible here.
    expect(p.officers.map((o) => o.officer)).toContain('pantarlih.ngadisari.1');
    expect(p.officers.reduce((n, o) => n + o.records, 0)).toBeGreaterThanOrEqual(p.counts.visited);
    expect(p.officers.every((o) => !o.flagged && o.households >= 1 && o.firstAt <= o.lastAt)).toBe(
      true,
    );
    const kec = (await admin('/api/voters/progress?code=35.13.01')).json<Progress>();
    expect(kec.counts).toEqual(p.counts);
    expect(kec.children).toEqual([
      expect.objectContaining({ code: NGADISARI, name: 'Ngadisari', counts: p.counts }),
    ]);
    const reg = (await admin('/api/voters/progress?code=35.13')).json<Progress>();
    expect(reg.counts).toEqual(p.counts);
    expect(reg.officers).toEqual([]);
    expect(reg.children).toEqual([
      expect.objectContaining({ code: '35.13.01', name: 'Sukapura', counts: p.counts }),
    ]);
    // Sukapura belongs to one Korwil: it has every count, the others none.
    const korwil = await Promise.all(
      [1, 2, 3].map(async (k) =>
        (await admin(`/api/voters/progress?code=korwil:${String(k)}`)).json<Progress>(),
      ),
    );
    expect(korwil.filter((kw) => kw.counts.dp4 > 0).map((kw) => kw.counts)).toEqual([p.counts]);
    expect(korwil.filter((kw) => kw.counts.dp4 === 0)).toHaveLength(2);
    expect((await pantarlih('/api/voters/progress?code=35.13')).statusCode).toBe(403);
  });

  it('flags a TPS whose list passes the voter limit, at every level', async () => {
    const p = (await pps(`/api/voters/progress?code=${NGADISARI}`)).json<Progress>();
    const longest = Math.max(...p.children.map((c) => c.counts.listed));
    await writeSetting(database.db, 'max_voters_per_tps', longest - 1);
    try {
      const desa = (await pps(`/api/voters/progress?code=${NGADISARI}`)).json<Progress>();
      const over = desa.flags.filter((f) => f.code === 'coklit.tps_over_limit');
      expect(over.length).toBeGreaterThanOrEqual(1);
      expect(over[0]?.message).toMatch(
        /^TPS 00\d: Daftar TPS ini \d+ pemilih, melebihi batas \d+\.$/,
      );
      const reg = (await admin('/api/voters/progress?code=35.13')).json<Progress>();
      expect(reg.flags.filter((f) => f.code === 'coklit.tps_over_limit')[0]?.message).toMatch(
        /^TPS 00\d Ngadisari: Daftar TPS ini/,
      );
    } finally {
      await writeSetting(database.db, 'max_voters_per_tps', 600);
    }
    const after = (await admin('/api/voters/progress?code=35.13')).json<Progress>();
    expect(after.flags.filter((f) => f.code === 'coklit.tps_over_limit')).toEqual([]);
  });

  it('compiles the DPS and DPT of the desa; comments must be resolved first', async () => {
    expect(
      (await pantarlih({ method: 'POST', url: `/api/voters/lists/${NGADISARI}/dps` })).statusCode,
    ).toBe(403);
    const dps = await pps({ method: 'POST', url: `/api/voters/lists/${NGADISARI}/dps` });
    expect(dps.statusCode).toBe(201);
    const progress = (await pps(`/api/voters/progress?code=${NGADISARI}`)).json<Progress>();
    expect(dps.json()).toMatchObject({ kind: 'dps', version: 1, total: progress.counts.listed });
    const t = await pps({
      method: 'POST',
      url: '/api/voters/tanggapan',
      payload: {
        desaCode: NGADISARI,
        kind: 'belum_terdaftar',
        description: 'Anak Pak RT belum ada di DPS',
        submitterName: 'Pak RT',
      },
    });
    expect(t.statusCode).toBe(201);
    expect(
      (await pps({ method: 'POST', url: `/api/voters/lists/${NGADISARI}/dpt` })).statusCode,
    ).toBe(403);
    const blocked = await operator({ method: 'POST', url: `/api/voters/lists/${NGADISARI}/dpt` });
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('dpt.open_tanggapan');
    await pps({
      method: 'POST',
      url: `/api/voters/tanggapan/${String(t.json<{ id: number }>().id)}/resolve`,
      payload: { status: 'diterima', resolution: 'Dicatat sebagai pemilih baru' },
    });
    const dpt = await operator({ method: 'POST', url: `/api/voters/lists/${NGADISARI}/dpt` });
    expect(dpt.statusCode).toBe(201);
    const lists = (await pps(`/api/voters/lists/${NGADISARI}`)).json<DesaLists>();
    expect(lists.lists.map((l) => l.kind)).toEqual(['dps', 'dpt']);
    expect(lists.tanggapan[0]?.status).toBe('diterima');
    const recap = (await admin(`/api/voters/recap?code=35.13.01&kind=dpt`)).json<Recap>();
    expect(recap.total.total).toBe(progress.counts.listed);
    expect(recap.total.men + recap.total.women).toBe(recap.total.total);
    const desaRecap = (await pps(`/api/voters/recap?code=${NGADISARI}&kind=dps`)).json<Recap>();
    expect(desaRecap.rows.map((r) => r.name)).toEqual(['TPS 001', 'TPS 002']);
    const x = await admin(`/api/voters/recap?code=35.13&kind=dpt&format=xlsx`);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });

  it('shows the lineage of a voter: DP4 row, each change with who/when/why, the lists', async () => {
    const b = list.voters[1];
    const d = list.voters[3];
    if (b === undefined || d === undefined) throw new Error('no voter');
    const l = (await pps(`/api/voters/${String(b.id)}/lineage`)).json<Lineage>();
    expect(l.entries.map((e) => e.kind)).toEqual(['DP4', 'U', 'DPS', 'DPT']);
    expect(l.entries[0]?.label).toContain('Baris');
    expect(l.entries[1]).toMatchObject({ by: 'pantarlih.ngadisari.1' });
    expect(l.entries[1]?.changes).toEqual([
      { field: 'Alamat', old: 'Dusun Krajan', new: 'Dusun Baru' },
      { field: 'RT', old: '001', new: '005' },
    ]);
    const moved = (await pps(`/api/voters/${String(d.id)}/lineage`)).json<Lineage>();
    expect(moved.entries[1]?.changes).toEqual([{ field: 'TPS', old: 'TPS 001', new: 'TPS 002' }]);
    expect(moved.entries[2]?.reason).toBe('Sudah dicek ulang');
  });

  it('unmasks a NIK only as an explicit audited action', async () => {
    const a = list.voters[0];
    if (a === undefined) throw new Error('no voter');
    const res = await pps({
      method: 'POST',
      url: `/api/voters/${String(a.id)}/unmask`,
      payload: { reason: 'Pencocokan KTP-el' },
    });
    expect(res.json<{ nik: string }>().nik).toMatch(/^\d{16}$/);
    const rows = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'voter.unmask'));
    expect(rows[0]?.n).toBe(1);
    expect(
      (
        await anon({
          method: 'POST',
          url: `/api/voters/${String(a.id)}/unmask`,
          payload: { reason: 'ingin tahu' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('cek DPT: TPS and desa only with a masked NIK, logged, rate-limited per address', async () => {
    const nik = composeNik('351301', '1990-07-01', 'P', 1);
    const ask = (n: string, name: string, ip = '203.0.113.7') =>
      app.inject({
        method: 'POST',
        url: '/api/public/cek-dpt',
        payload: { nik: n, name },
        remoteAddress: ip,
      });
    const hit = (await ask(nik, 'war')).json<CekDptAnswer>();
    expect(hit).toMatchObject({
      found: true,
      nik: '351301********0001',
      desaName: 'Ngadisari',
      tps: 'TPS 001',
      list: 'dpt',
    });
    expect(JSON.stringify(hit)).not.toContain(nik);
    expect(JSON.stringify(hit)).not.toContain('Warga');
    expect((await ask(nik, 'bud')).json<CekDptAnswer>().found).toBe(false);
    const dead = list.voters[2];
    expect(dead).toBeDefined();
    for (let i = 0; i < 8; i++) await ask('3513010101010001', 'abc');
    const limited = await ask(nik, 'war');
    expect(limited.statusCode).toBe(429);
    expect((await ask(nik, 'war', '203.0.113.8')).statusCode).toBe(200);
    const logged = await database.db.select({ n: count() }).from(cekDptLog);
    expect(logged[0]?.n).toBe(11);
  });
});
