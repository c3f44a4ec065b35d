/**
 * Public comments on a desa's DPS (tanggapan masyarakat) on both engines:
 * anyone sends one without an account once the DPS is compiled, gets a
 * tracking code whose lookup shows the status and resolution only; honeypot
 * and a limit per address; the PPS sees it with its source and resolves it.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dpsTanggapan } from '../db/schema.ts';
import { testEngines } from '../db/test-databases.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { DP4_COLUMNS } from '../../domain/voters/dp4.ts';
import { composeNik } from '../../domain/voters/nik.ts';
import type { DesaLists, TanggapanTracking } from '../../domain/voters/voters.schema.ts';
import { PUBLIC_TANGGAPAN_LIMIT } from './voters.lists.ts';

const NGADISARI = '35.13.01.2001';
const WONOTORO = '35.13.01.2002';

const COMMENT = {
  desaCode: NGADISARI,
  kind: 'tidak_memenuhi_syarat',
  description: 'Bapak Sutrisno di RT 2 sudah meninggal bulan Mei tetapi masih tercantum di DPS.',
  submitterName: 'Siti Rahayu',
  submitterContact: '0812-3456-7890',
};

function row(serial: number): string {
  const v: Record<string, string> = {
    nkk: '3513011203150004',
    nik: composeNik('351301', '1980-01-01', 'L', serial),
    nama: `Warga ${'ABCDEFGH'.charAt(serial % 8)}`,
    tempat_lahir: 'Probolinggo',
    tanggal_lahir: '1980-01-01',
    status_kawin: 'S',
    jenis_kelamin: 'L',
    alamat: 'Dusun Krajan',
    rt: '1',
    rw: '1',
    disabilitas: '',
    ktp_el: 'S',
    keterangan: '',
    kode_desa: NGADISARI,
    tps: '1',
  };
  return DP4_COLUMNS.map((c) => v[c] ?? '').join(',');
}

describe.each(testEngines())('public DPS comments on %s', (engine) => {
  let t: TestApp;
  let pps: Inject;
  let anon: Inject;
  let address = 0;
  /** Each case comes from its own address, so the limit is tested on purpose only. */
  const send = (payload: object, from?: string) => {
    address += 1;
    return anon({
      method: 'POST',
      url: '/api/public/tanggapan',
      payload,
      remoteAddress: from ?? `10.1.0.${String(address)}`,
    });
  };
  const stored = async () =>
    (await t.database.db.select({ n: count() }).from(dpsTanggapan))[0]?.n ?? 0;
  const errorOf = (res: Awaited<ReturnType<Inject>>) => [
    res.statusCode,
    res.json<{ error: { code: string } }>().error.code,
  ];

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    anon = injectAs(t.app, null);
    pps = injectAs(t.app, await signIn(t.app, 'pps.ngadisari'));
    const operator = injectAs(t.app, await signIn(t.app, 'operator.kpu'));
    const imported = await operator({
      method: 'POST',
      url: '/api/voters/import?fileName=dp4.csv&dryRun=false',
      headers: { 'content-type': 'text/csv' },
      payload: [DP4_COLUMNS.join(','), row(1), row(2)].join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(201);
  });
  afterAll(() => t.close());

  it('refuses a comment before the desa’s DPS is compiled, with a clear code; stores nothing', async () => {
    const res = await send(COMMENT);
    expect(errorOf(res)).toEqual([422, 'tanggapan.no_dps']);
    expect(res.json<{ error: { message: string; field: string } }>().error).toMatchObject({
      message:
        'DPS Desa/Kelurahan Ngadisari belum disusun, jadi belum dapat ditanggapi. Silakan kirim tanggapan setelah DPS diumumkan.',
      field: 'desaCode',
    });
    expect(errorOf(await send({ ...COMMENT, desaCode: '35.13.01.2999' }))).toEqual([
      404,
      'region.not_found',
    ]);
    expect(await stored()).toBe(0);
    const compiled = await pps({ method: 'POST', url: `/api/voters/lists/${NGADISARI}/dps` });
    expect(compiled.statusCode, compiled.body).toBe(201);
    // Another desa still has no DPS.
    expect(errorOf(await send({ ...COMMENT, desaCode: WONOTORO }))).toEqual([
      422,
      'tanggapan.no_dps',
    ]);
  });

  it('refuses a filled honeypot and an invalid comment; stores nothing', async () => {
    expect(errorOf(await send({ ...COMMENT, website: 'http://spam.example' }))).toEqual([
      422,
      'tanggapan.spam',
    ]);
    expect((await send({ ...COMMENT, description: 'pendek' })).statusCode).toBe(400);
    expect((await send({ ...COMMENT, kind: 'lainnya' })).statusCode).toBe(400);
    expect(await stored()).toBe(0);
  });

  let trackingCode = '';

  it('takes a comment from anyone: tracking code, source publik, audited with the address', async () => {
    const res = await send(COMMENT, '10.9.9.9');
    expect(res.statusCode, res.body).toBe(201);
    trackingCode = res.json<{ trackingCode: string }>().trackingCode;
    expect(trackingCode).toMatch(/^TG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const rows = await t.database.db.select().from(dpsTanggapan);
    expect(rows).toEqual([
      expect.objectContaining({
        desaCode: NGADISARI,
        source: 'publik',
        kind: 'tidak_memenuhi_syarat',
        submitterName: 'Siti Rahayu',
        submitterContact: '0812-3456-7890',
        trackingCode,
        status: 'terbuka',
        recordedBy: null,
      }),
    ]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dps.tanggapan_public'), eq(auditLog.outcome, 'ok')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ address: '10.9.9.9', targetType: 'dps_tanggapan' });
    // No personal data in the audit row.
    expect(JSON.stringify(audit[0]?.after)).not.toContain('Siti');
  });

  it('the public lookup shows the status and resolution only', async () => {
    const res = await anon(`/api/public/tanggapan/${trackingCode.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<TanggapanTracking>()).toEqual({
      trackingCode,
      status: 'terbuka',
      statusLabel: 'Sedang diperiksa PPS',
      resolution: null,
      resolvedAt: null,
    });
    for (const secret of ['Siti', '0812', 'Sutrisno', NGADISARI, 'Ngadisari']) {
      expect(res.body).not.toContain(secret);
    }
    expect(errorOf(await anon('/api/public/tanggapan/TG-0000-0000'))).toEqual([
      404,
      'tanggapan.tracking_unknown',
    ]);
  });

  it('the PPS sees it with its source beside its own, resolves it, and the lookup follows', async () => {
    const own = await pps({
      method: 'POST',
      url: '/api/voters/tanggapan',
      payload: {
        desaCode: NGADISARI,
        kind: 'perbaikan_data',
        description: 'Alamat warga salah ketik',
      },
    });
    expect(own.statusCode).toBe(201);
    const lists = (await pps(`/api/voters/lists/${NGADISARI}`)).json<DesaLists>();
    expect(lists.tanggapan.map((x) => [x.source, x.submitterName, x.submitterContact])).toEqual([
      ['publik', 'Siti Rahayu', '0812-3456-7890'],
      ['pps', null, null],
    ]);
    const id = lists.tanggapan[0]?.id ?? 0;
    const resolved = await pps({
      method: 'POST',
      url: `/api/voters/tanggapan/${String(id)}/resolve`,
      payload: { status: 'diterima', resolution: 'Dicoret dari daftar: akta kematian diperiksa.' },
    });
    expect(resolved.statusCode).toBe(200);
    const after = (await anon(`/api/public/tanggapan/${trackingCode}`)).json<TanggapanTracking>();
    expect(after).toMatchObject({
      status: 'diterima',
      statusLabel: 'Diterima PPS',
      resolution: 'Dicoret dari daftar: akta kematian diperiksa.',
    });
    expect(after.resolvedAt).not.toBeNull();
  });

  it('limits comments per address (429), other addresses unaffected', async () => {
    const before = await stored();
    const from = '10.7.7.7';
    for (let i = 0; i < PUBLIC_TANGGAPAN_LIMIT; i++) {
      expect((await send(COMMENT, from)).statusCode).toBe(201);
    }
    expect(errorOf(await send(COMMENT, from))).toEqual([429, 'tanggapan.rate_limited']);
    expect(await stored()).toBe(before + PUBLIC_TANGGAPAN_LIMIT);
    expect((await send(COMMENT, '10.7.7.8')).statusCode).toBe(201);
  });
});
