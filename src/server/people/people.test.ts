/**
 * People on both engines: desk organisation, rosters (CSV import all or
 * nothing, seats, one ketua, duplicate NIK), an account from the roster,
 * Bimtek waves and attendance (invited only, days of the wave), materials,
 * and ASN at their TPS. Every write leaves an audit row.
 */
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { adhocMember, auditLog, bimtekAttendance, region, tps } from '../db/schema.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import type {
  BimtekEvent,
  CsvImportResult,
  DeskOrganisation,
  RosterCompleteness,
  RosterMember,
  WaveDetail,
} from '../../domain/people/people.schema.ts';

const HEADER = 'badan,jabatan,wilayah,tps,nama,nik,telepon,tanggal_sumpah';
const SUKAPURA = '35.13.01';

/** A valid NIK for person `i` first issued in Sukapura. */
const nik = (i: number) =>
  `351301${String(1 + (i % 28)).padStart(2, '0')}0590${String(i).padStart(4, '0')}`;

describe.each(testEngines())('people on %s', (engine) => {
  let t: TestApp;
  let admin: Inject;
  let operator: Inject;
  let sukapuraDesa: string[];

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
    admin = t.inject;
    operator = injectAs(t.app, await signIn(t.app, 'operator.kpu'));
    sukapuraDesa = (
      await t.database.db
        .select({ code: region.code })
        .from(region)
        .where(and(eq(region.level, 'desa'), like(region.code, `${SUKAPURA}.%`)))
    )
      .map((r) => r.code)
      .sort();
  });
  afterAll(() => t.close());

  const audits = async (action: string) =>
    (
      await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action))
    )[0]?.n ?? 0;
  const members = async () =>
    (await t.database.db.select({ n: count() }).from(adhocMember))[0]?.n ?? 0;

  it('shows the demo desk organisation, with no gaps, and keeps one pembina per kecamatan', async () => {
    const desk = (await admin('/api/desk')).json<DeskOrganisation>();
    expect(desk.gaps).toEqual([]);
    expect(desk.positions.filter((p) => p.role === 'pembina')).toHaveLength(24);
    expect(desk.positions.find((p) => p.role === 'ketua')?.office).toMatch(/Sekretaris Daerah/);
    const pembina = desk.positions.find((p) => p.kecamatanCode === SUKAPURA);
    if (pembina === undefined) throw new Error('no pembina of Sukapura');

    const second = await admin({
      method: 'POST',
      url: '/api/desk/positions',
      payload: {
        role: 'pembina',
        name: 'Orang Kedua',
        office: 'Kepala Dinas X',
        kecamatanCode: SUKAPURA,
      },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'desk.seat_taken' } });

    const badNip = await admin({
      method: 'POST',
      url: '/api/desk/positions',
      payload: { role: 'anggota', name: 'Anggota', office: 'Staf', nip: '12345' },
    });
    expect(badNip.json()).toMatchObject({ error: { code: 'desk.nip_format', field: 'nip' } });

    const before = await audits('desk.position_remove');
    expect(
      (await admin({ method: 'DELETE', url: `/api/desk/positions/${String(pembina.id)}` }))
        .statusCode,
    ).toBe(204);
    expect(await audits('desk.position_remove')).toBe(before + 1);
    const gaps = (await admin('/api/desk')).json<DeskOrganisation>().gaps;
    expect(gaps).toEqual([
      {
        role: 'pembina',
        korwilId: null,
        kecamatanCode: SUKAPURA,
        message: 'Kecamatan Sukapura belum mempunyai pembina.',
      },
    ]);
    const again = await admin({
      method: 'POST',
      url: '/api/desk/positions',
      payload: {
        role: 'pembina',
        name: pembina.name,
        office: pembina.office,
        nip: pembina.nip ?? undefined,
        kecamatanCode: SUKAPURA,
      },
    });
    expect(again.statusCode).toBe(201);
    expect(
      (
        await operator({
          method: 'DELETE',
          url: `/api/desk/positions/${String(again.json<{ id: number }>().id)}`,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('imports a PPS roster all or nothing, with errors by line', async () => {
    const rows = sukapuraDesa.flatMap((desa, d) =>
      [0, 1, 2].map(
        (s) =>
          `PPS,${s === 0 ? 'ketua' : 'anggota'},${desa},,Anggota ${String(d)}-${String(s)},${nik(d * 3 + s + 1)},,2024-05-20`,
      ),
    );
    const before = await members();
    const bad = await operator({
      method: 'POST',
      url: '/api/rosters/import',
      payload: {
        csv: [
          HEADER,
          ...rows,
          `PPS,anggota,${sukapuraDesa[0] ?? ''},,Keempat,${nik(900)},,`,
          `PPS,ketua,35.13.01.9999,,Hantu,${nik(901)},,`,
          `PPS,anggota,${sukapuraDesa[1] ?? ''},,Kembar,${nik(1)},,`,
          `PPK,anggota,${SUKAPURA},,Keenam,${nik(902)},,`,
        ].join('\n'),
      },
    });
    expect(bad.statusCode).toBe(200);
    const n = rows.length;
    expect(bad.json<CsvImportResult>().errors.map((e) => [e.line, e.code])).toEqual([
      [n + 2, 'roster.seats_full'],
      [n + 3, 'roster.unknown_region'],
      [n + 4, 'roster.duplicate_nik'],
      [n + 5, 'roster.seats_full'],
    ]);
    expect(await members()).toBe(before);

    const good = await operator({
      method: 'POST',
      url: '/api/rosters/import',
      payload: { csv: [HEADER, ...rows].join('\n') },
    });
    expect(good.json()).toMatchObject({ created: n, errors: [] });
    expect(await members()).toBe(before + n);

    const again = (
      await operator({
        method: 'POST',
        url: '/api/rosters/import',
        payload: { csv: [HEADER, rows[0]].join('\n') },
      })
    ).json<CsvImportResult>();
    expect(again.errors.map((e) => e.code)).toEqual(['roster.nik_taken']);

    const c = (await admin('/api/rosters/completeness')).json<RosterCompleteness>();
    expect(c.bodies.find((b) => b.body === 'pps')).toMatchObject({
      filled: n,
      seats: 990,
      units: 330,
    });
    expect(c.bodies.find((b) => b.body === 'ppk')).toMatchObject({ filled: 120, seats: 120 });
    expect(c.kecamatan.find((k) => k.code === SUKAPURA)?.pps).toEqual({ filled: n, seats: n });
  });

  it('gives a Korwil the completeness of their own kecamatan, and refuses a KPPS', async () => {
    const all = (await admin('/api/rosters/completeness')).json<RosterCompleteness>();
    const korwil = injectAs(t.app, await signIn(t.app, 'korwil1'));
    const res = await korwil({ url: '/api/rosters/completeness' });
    expect(res.statusCode).toBe(200);
    const own = res.json<RosterCompleteness>();
    const expected = all.kecamatan.filter((k) => k.korwilName === 'Korwil I');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.kecamatan.length);
    expect(own.kecamatan).toEqual(expected);
    const ppk = own.bodies.find((b) => b.body === 'ppk');
    expect(ppk?.seats).toBe(expected.reduce((sum, k) => sum + k.ppk.seats, 0));
    expect(ppk?.filled).toBe(expected.reduce((sum, k) => sum + k.ppk.filled, 0));

    const kpps = injectAs(t.app, await signIn(t.app, 'kpps.ngadisari.1'));
    const refused = await kpps({ url: '/api/rosters/completeness' });
    expect(refused.statusCode).toBe(403);
  });

  it('adds one member with the same checks: no 6th PPK member, no second ketua', async () => {
    const sixth = await operator({
      method: 'POST',
      url: '/api/rosters/members',
      payload: {
        body: 'ppk',
        position: 'anggota',
        regionCode: SUKAPURA,
        name: 'Keenam',
        nik: nik(950),
      },
    });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json()).toMatchObject({ error: { code: 'roster.seats_full' } });
    const [tps1] = await t.database.db
      .select({ id: tps.id, desa: tps.desaCode })
      .from(tps)
      .where(and(eq(tps.desaCode, '35.13.01.2001'), eq(tps.number, 1)));
    const kpps = (position: string, i: number) =>
      operator({
        method: 'POST',
        url: '/api/rosters/members',
        payload: {
          body: 'kpps',
          position,
          regionCode: tps1?.desa,
          tpsNumber: 1,
          name: `KPPS ${String(i)}`,
          nik: nik(960 + i),
        },
      });
    expect((await kpps('ketua', 1)).statusCode).toBe(201);
    expect((await kpps('ketua', 2)).json()).toMatchObject({
      error: { code: 'roster.second_ketua' },
    });
    const noTps = await operator({
      method: 'POST',
      url: '/api/rosters/members',
      payload: {
        body: 'kpps',
        position: 'anggota',
        regionCode: '35.13.01.2001',
        name: 'X',
        nik: nik(970),
      },
    });
    expect(noTps.json()).toMatchObject({ error: { code: 'roster.bad_tps' } });
  });

  it('lets a PPK read its own kecamatan only, with NIKs masked', async () => {
    const ppk = injectAs(t.app, await signIn(t.app, 'ppk.sukapura'));
    const own = await ppk(`/api/rosters?body=pps&code=${SUKAPURA}`);
    expect(own.statusCode).toBe(200);
    const list = own.json<RosterMember[]>();
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]?.nikMasked).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect((await ppk('/api/rosters?body=pps&code=35.13.05')).statusCode).toBe(403);
  });

  it('gives a member an account in one step (account.manage only)', async () => {
    const [m] = (await admin(`/api/rosters?body=pps&code=${sukapuraDesa[0] ?? ''}`)).json<
      RosterMember[]
    >();
    if (m === undefined) throw new Error('no member');
    const denied = await operator({
      method: 'POST',
      url: `/api/rosters/members/${String(m.id)}/account`,
      payload: { username: 'pps.baru.1' },
    });
    expect(denied.statusCode).toBe(403);
    const res = await admin({
      method: 'POST',
      url: `/api/rosters/members/${String(m.id)}/account`,
      payload: { username: 'pps.baru.1' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<{ member: RosterMember; oneTimePassword: string }>();
    expect(created.member.username).toBe('pps.baru.1');
    await signIn(t.app, 'pps.baru.1', created.oneTimePassword);
    const twice = await admin({
      method: 'POST',
      url: `/api/rosters/members/${String(m.id)}/account`,
      payload: { username: 'pps.baru.2' },
    });
    expect(twice.json()).toMatchObject({ error: { code: 'roster.has_account' } });
  });

  it('runs a Bimtek: waves by Korwil, attendance of invited people on wave days, recap, untrained', async () => {
    const ev = await operator({
      method: 'POST',
      url: '/api/bimtek',
      payload: {
        name: 'Bimtek PPS uji',
        body: 'pps',
        startsOn: '2024-06-19',
        endsOn: '2024-06-20',
        venue: 'Aula KPU',
      },
    });
    expect(ev.statusCode).toBe(201);
    const id = ev.json<{ id: number }>().id;
    const wave = (payload: object) =>
      operator({ method: 'POST', url: `/api/bimtek/${String(id)}/waves`, payload });
    const outside = await wave({
      name: 'Gelombang X',
      startsOn: '2024-06-20',
      endsOn: '2024-06-21',
      korwilIds: [1],
    });
    expect(outside.json()).toMatchObject({ error: { code: 'bimtek.wave_outside_event' } });
    const w1 = await wave({
      name: 'Gelombang I',
      startsOn: '2024-06-19',
      endsOn: '2024-06-20',
      korwilIds: [1],
    });
    expect(w1.statusCode).toBe(201);
    const overlap = await wave({
      name: 'Gelombang II',
      startsOn: '2024-06-20',
      endsOn: '2024-06-20',
      kecamatanCodes: [SUKAPURA],
    });
    expect(overlap.statusCode).toBe(409);
    const w2 = await wave({
      name: 'Gelombang II',
      startsOn: '2024-06-20',
      endsOn: '2024-06-20',
      korwilIds: [2, 3],
    });
    expect(w2.statusCode).toBe(201);
    const waveId = w1.json<{ id: number }>().id;
    expect(
      (
        await operator({
          method: 'POST',
          url: `/api/bimtek/${String(id)}/sessions`,
          payload: {
            topic: 'Keamanan',
            speaker: 'Narasumber Polres',
            speakerOrganisation: 'Polres Probolinggo',
            external: true,
          },
        })
      ).statusCode,
    ).toBe(201);

    const detail = (await operator(`/api/bimtek/waves/${String(waveId)}`)).json<WaveDetail>();
    expect(detail.days).toEqual(['2024-06-19', '2024-06-20']);
    expect(detail.participants.length).toBe(sukapuraDesa.length * 3 - 0);
    const [a, b] = detail.participants;
    if (a === undefined || b === undefined) throw new Error('no participants');

    // Someone of another wave, a day outside the wave: refused, nothing stored.
    const stored = async () =>
      (await t.database.db.select({ n: count() }).from(bimtekAttendance))[0]?.n ?? 0;
    const ppkId =
      (await admin(`/api/rosters?body=ppk&code=${SUKAPURA}`)).json<RosterMember[]>()[0]?.id ?? 0;
    const stranger = await operator({
      method: 'POST',
      url: `/api/bimtek/waves/${String(waveId)}/attendance`,
      payload: { day: '2024-06-19', memberIds: [a.memberId, ppkId] },
    });
    expect(stranger.json()).toMatchObject({ error: { code: 'bimtek.not_invited' } });
    const late = await operator({
      method: 'POST',
      url: `/api/bimtek/waves/${String(waveId)}/attendance`,
      payload: { day: '2024-06-21', memberIds: [a.memberId] },
    });
    expect(late.json()).toMatchObject({ error: { code: 'bimtek.day_outside_wave' } });
    expect(await stored()).toBe(0);

    for (const day of ['2024-06-19', '2024-06-20']) {
      const r = await operator({
        method: 'POST',
        url: `/api/bimtek/waves/${String(waveId)}/attendance`,
        payload: { day, memberIds: [a.memberId] },
      });
      expect(r.statusCode).toBe(200);
    }
    const byCode = await operator({
      method: 'POST',
      url: `/api/bimtek/waves/${String(waveId)}/attendance/code`,
      payload: { day: '2024-06-19', code: b.code },
    });
    expect(byCode.json()).toMatchObject({ recorded: 1, recap: { trained: 1, partial: 1 } });
    const forged = await operator({
      method: 'POST',
      url: `/api/bimtek/waves/${String(waveId)}/attendance/code`,
      payload: { day: '2024-06-19', code: `DPB-${String(b.memberId)}-AAAAAA` },
    });
    expect(forged.json()).toMatchObject({ error: { code: 'bimtek.bad_code' } });
    const scores = await operator({
      method: 'PUT',
      url: `/api/bimtek/waves/${String(waveId)}/scores`,
      payload: { scores: [{ memberId: a.memberId, preTest: 60, postTest: 85 }] },
    });
    expect(scores.json()).toMatchObject({ recap: { preTestMean: 60, postTestMean: 85 } });

    const event = (await admin(`/api/bimtek/${String(id)}`)).json<BimtekEvent>();
    expect(event.waves[0]?.recap).toMatchObject({
      invited: sukapuraDesa.length * 3,
      trained: 1,
      partial: 1,
    });
    expect(event.byKecamatan.find((k) => k.code === SUKAPURA)).toMatchObject({ trained: 1 });
    expect(event.sessions[0]).toMatchObject({ external: true });
    const untrained = (await admin(`/api/bimtek/${String(id)}/untrained`)).json<
      { memberId: number }[]
    >();
    expect(untrained.map((u) => u.memberId)).not.toContain(a.memberId);
    expect(untrained.map((u) => u.memberId)).toContain(b.memberId);
    expect(untrained).toHaveLength(event.recap.members - 1);
    expect(await audits('bimtek.attendance')).toBe(3);
    expect((await t.inject({ method: 'POST', url: '/api/bimtek', payload: {} })).statusCode).toBe(
      400,
    );
    const pengawas = injectAs(t.app, await signIn(t.app, 'pengawas'));
    expect(
      (
        await pengawas({
          method: 'POST',
          url: `/api/bimtek/waves/${String(waveId)}/attendance`,
          payload: { day: '2024-06-19', memberIds: [a.memberId] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('stores a material by its sha-256 and serves it back; refuses other types', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% bimtek materi\n');
    const up = await operator({
      method: 'POST',
      url: '/api/bimtek/1/materials?name=Materi%20kode%20etik.pdf',
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(up.statusCode).toBe(201);
    const m = up.json<{ id: number; sha256: string; bytes: number }>();
    expect(m.bytes).toBe(pdf.length);
    const down = await admin(`/api/bimtek/materials/${String(m.id)}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    const exe = await operator({
      method: 'POST',
      url: '/api/bimtek/1/materials?name=x.exe',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('MZ'),
    });
    expect(exe.statusCode).toBe(415);
  });

  it('keeps the ASN register and their attendance at the TPS, by the TPS’s KPPS', async () => {
    type Recap = {
      total: { registered: number; voted: number };
      byOffice: { office: string; registered: number; voted: number }[];
    };
    const bupati = injectAs(t.app, await signIn(t.app, 'bupati'));
    const before = (await bupati('/api/asn/recap')).json<Recap>();
    const bad = (
      await admin({
        method: 'POST',
        url: '/api/asn/import',
        payload: {
          csv: 'nip,nama,instansi,wilayah,tps\n197005121995031004,A,Dinas,35.13.01.2001,999\n',
        },
      })
    ).json<CsvImportResult>();
    expect(bad.errors.map((e) => e.code)).toEqual(['asn.unknown_tps']);
    const ok = await admin({
      method: 'POST',
      url: '/api/asn/import',
      payload: {
        csv: [
          'nip,nama,instansi,wilayah,tps',
          '197005121995031004,Hadi,Kantor Uji A,35.13.01.2001,1',
          '198001022005012003,Rina,Kantor Uji B,35.13.01.2001,1',
          '197702032003121002,Joko,Kantor Uji B,35.13.05.2001,1',
        ].join('\n'),
      },
    });
    expect(ok.json()).toMatchObject({ created: 3 });
    const kpps = injectAs(t.app, await signIn(t.app, 'kpps.ngadisari.1'));
    const [own] = await t.database.db
      .select({ id: tps.id })
      .from(tps)
      .where(and(eq(tps.desaCode, '35.13.01.2001'), eq(tps.number, 1)));
    const list = (await kpps(`/api/asn/tps/${String(own?.id)}`)).json<
      { id: number; name: string; office: string }[]
    >();
    const mine = list.filter((a) => a.office.startsWith('Kantor Uji'));
    expect(mine.map((a) => a.name)).toEqual(['Hadi', 'Rina']);
    const voted = await kpps({
      method: 'POST',
      url: `/api/asn/${String(mine[0]?.id)}/voted`,
      payload: { voted: true },
    });
    expect(voted.statusCode).toBe(200);
    const [other] = await t.database.db
      .select({ id: tps.id })
      .from(tps)
      .where(and(eq(tps.desaCode, '35.13.05.2001'), eq(tps.number, 1)));
    expect((await kpps(`/api/asn/tps/${String(other?.id)}`)).statusCode).toBe(403);
    const recap = (await bupati('/api/asn/recap')).json<Recap>();
    expect(recap.total).toEqual({
      registered: before.total.registered + 3,
      voted: before.total.voted + 1,
    });
    expect(recap.byOffice.filter((o) => o.office.startsWith('Kantor Uji'))).toEqual([
      { office: 'Kantor Uji A', registered: 1, voted: 1 },
      { office: 'Kantor Uji B', registered: 2, voted: 0 },
    ]);
    expect(await audits('asn.voted')).toBe(1);
  });
});
