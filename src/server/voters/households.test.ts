import { createHash } from 'node:crypto';
import { TEST_JPEG, TEST_PNG } from '../testing/images.ts';
/**
 * Coklit household visits on both engines: the server issues one sticker
 * number per household (NKK at a TPS) at its first record and reuses it;
 * concurrent records of one household give one number; scope refusals
 * store nothing; photos of the visit with their checks and the flag for
 * one photo used for two households.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, coklitHousehold, coklitHouseholdPhoto, tps, voterEvent } from '../db/schema.ts';
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
import type {
  CoklitAccepted,
  HouseholdPhotoAccepted,
  Lineage,
  Progress,
  TpsVoterList,
} from '../../domain/voters/voters.schema.ts';
import { HOUSEHOLD_PHOTO_LIMIT } from './voters.routes.ts';

const NGADISARI = '35.13.01.2001';
const NKK = ['3513011203150101', '3513011203150102', '3513011203150103'];
/** Households for the concurrency checks: 12 more family cards of two voters each. */
const RACE_NKK = Array.from(
  { length: 12 },
  (_, i) => `35130112031502${String(i).padStart(2, '0')}`,
);

function row(serial: number, nkk: string, tpsNumber: number, name: string): string {
  const v: Record<string, string> = {
    nkk,
    nik: composeNik('351301', '1985-05-05', 'L', serial),
    nama: name,
    tempat_lahir: 'Probolinggo',
    tanggal_lahir: '1985-05-05',
    status_kawin: 'S',
    jenis_kelamin: 'L',
    alamat: 'Dusun Krajan',
    rt: '1',
    rw: '1',
    disabilitas: '',
    ktp_el: 'S',
    keterangan: '',
    kode_desa: NGADISARI,
    tps: String(tpsNumber),
  };
  return DP4_COLUMNS.map((c) => v[c] ?? '').join(',');
}

const letters = (n: number) =>
  String(n)
    .split('')
    .map((d) => String.fromCharCode(65 + Number(d)))
    .join('');

const JPEG = TEST_JPEG;
const PNG = TEST_PNG;

describe.each(testEngines())('coklit households on %s', (engine) => {
  let t: TestApp;
  let pantarlih: Inject;
  let pantarlihOther: Inject;
  let pps: Inject;
  let kpps: Inject;
  let admin: Inject;
  let tps1: number;
  let tps2: number;
  const ids = new Map<string, number>();

  const coklit = (who: Inject, name: string, payload: object = { kind: 'MS' }) =>
    who({ method: 'POST', url: `/api/voters/${String(ids.get(name))}/coklit`, payload });
  const households = async () =>
    t.database.db.select().from(coklitHousehold).orderBy(coklitHousehold.id);
  const photoRows = async () =>
    (await t.database.db.select({ n: count() }).from(coklitHouseholdPhoto))[0]?.n ?? 0;
  const upload = (who: Inject, householdId: number, body: Buffer, type = 'image/jpeg') =>
    who({
      method: 'POST',
      url: `/api/coklit/households/${String(householdId)}/photos`,
      headers: { 'content-type': type },
      payload: body,
    });
  const deniedPhotoAudits = async () =>
    (
      await t.database.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'coklit.household_photo'), eq(auditLog.outcome, 'denied')))
    )[0]?.n ?? 0;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const as = async (u: string) => injectAs(t.app, await signIn(t.app, u));
    [pantarlih, pps, kpps, admin] = (await Promise.all(
      ['pantarlih.ngadisari.1', 'pps.ngadisari', 'kpps.ngadisari.1', 'admin'].map(as),
    )) as [Inject, Inject, Inject, Inject];
    const operator = await as('operator.kpu');
    const idOf = async (n: number) =>
      (
        await t.database.db
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
    const created = await admin({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username: 'pantarlih.ngadisari.2',
        fullName: 'Pantarlih TPS 002',
        roles: [{ role: 'pantarlih', scope: `${NGADISARI}/2` }],
      },
    });
    const password = created.json<{ oneTimePassword: string }>().oneTimePassword;
    const first = injectAs(t.app, await signIn(t.app, 'pantarlih.ngadisari.2', password));
    await first({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: password, newPassword: 'kata-sandi-baru-2024' },
    });
    pantarlihOther = injectAs(
      t.app,
      await signIn(t.app, 'pantarlih.ngadisari.2', 'kata-sandi-baru-2024'),
    );
    // A: NKK 0 (two voters), B: NKK 1, C: NKK 0 at TPS 002; the race households.
    const lines = [
      DP4_COLUMNS.join(','),
      row(1, NKK[0] ?? '', 1, 'Ahmad Satu'),
      row(2, NKK[0] ?? '', 1, 'Aminah Dua'),
      row(3, NKK[1] ?? '', 1, 'Budi Tiga'),
      row(4, NKK[0] ?? '', 2, 'Cahya Empat'),
      ...RACE_NKK.flatMap((nkk, i) => [
        row(100 + 2 * i, nkk, 1, `Race ${letters(2 * i)}`),
        row(101 + 2 * i, nkk, 1, `Race ${letters(2 * i + 1)}`),
      ]),
    ].join('\n');
    const imported = await operator({
      method: 'POST',
      url: '/api/voters/import?fileName=dp4-rumah.csv&dryRun=false',
      headers: { 'content-type': 'text/csv' },
      payload: lines,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    for (const id of [tps1, tps2]) {
      const list = (await admin(`/api/voters/tps/${String(id)}`)).json<TpsVoterList>();
      for (const v of list.voters) ids.set(v.name, v.id);
    }
    const reopen = await admin({
      method: 'POST',
      url: '/api/coklit/window/reopen',
      payload: { reason: 'Coklit susulan uji', until: '2099-12-31' },
    });
    expect(reopen.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses a record outside the officer’s TPS and issues no sticker', async () => {
    const res = await coklit(pantarlihOther, 'Ahmad Satu');
    expect(res.statusCode).toBe(403);
    expect(await households()).toEqual([]);
    expect((await t.database.db.select({ n: count() }).from(voterEvent))[0]?.n).toBe(0);
  });

  it('issues the TPS’s next sticker number at a household’s first record and reuses it', async () => {
    const first = await coklit(pantarlih, 'Ahmad Satu', {
      kind: 'MS',
      clientId: 'rumah-klien-0001',
      // An older client's queued record still carries a typed sticker: ignored.
      sticker: 'STK-KETIK-SENDIRI',
      latitude: -7.92,
      longitude: 112.95,
    });
    expect(first.statusCode, first.body).toBe(201);
    const a = first.json<CoklitAccepted>();
    expect(a.newHousehold).toBe(true);
    expect(a.household).toMatchObject({
      sticker: `${NGADISARI}/001/0001`,
      tpsId: tps1,
      nkk: '351301********0101',
      byUsername: 'pantarlih.ngadisari.1',
      photos: 0,
    });
    const same = await coklit(pantarlih, 'Aminah Dua', { kind: 'U', changes: { rt: '2' } });
    expect(same.json<CoklitAccepted>()).toMatchObject({
      newHousehold: false,
      household: { id: a.household?.id, sticker: `${NGADISARI}/001/0001` },
    });
    const other = await coklit(pantarlih, 'Budi Tiga', { kind: 'TMS', code: 1 });
    expect(other.json<CoklitAccepted>()).toMatchObject({
      newHousehold: true,
      household: { sticker: `${NGADISARI}/001/0002` },
    });
    // The same family card listed at another TPS is another household there.
    const there = await coklit(pantarlihOther, 'Cahya Empat');
    expect(there.json<CoklitAccepted>().household?.sticker).toBe(`${NGADISARI}/002/0001`);
    // A resend answers the first verdict with its household; nothing new.
    const again = await coklit(pantarlih, 'Ahmad Satu', {
      kind: 'MS',
      clientId: 'rumah-klien-0001',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<CoklitAccepted>()).toMatchObject({
      duplicate: true,
      newHousehold: false,
      household: { sticker: `${NGADISARI}/001/0001` },
    });
    // A pemilih baru of a visited household joins it; of a new one, gets the next number.
    const newVoter = (nkk: string, serial: number) =>
      pantarlih({
        method: 'POST',
        url: `/api/coklit/tps/${String(tps1)}/new-voter`,
        payload: {
          reason: 'genap_17',
          voter: {
            nkk,
            nik: composeNik('351301', '2007-10-01', 'P', serial),
            name: 'Putri Baru',
            birthPlace: 'Probolinggo',
            birthDate: '2007-10-01',
            marital: 'B',
            sex: 'P',
            address: 'Dusun Krajan',
            rt: '1',
            rw: '1',
            ktpEl: 'S',
          },
        },
      });
    const joins = await newVoter(NKK[1] ?? '', 61);
    expect(joins.json<CoklitAccepted>()).toMatchObject({
      newHousehold: false,
      household: { sticker: `${NGADISARI}/001/0002` },
    });
    const fresh = await newVoter(NKK[2] ?? '', 62);
    expect(fresh.json<CoklitAccepted>()).toMatchObject({
      newHousehold: true,
      household: { sticker: `${NGADISARI}/001/0003` },
    });
    // Stored: three households at TPS 001, one at TPS 002, every record with its sticker.
    const rows = await households();
    expect(rows.map((h) => [h.tpsId, h.sticker])).toEqual([
      [tps1, `${NGADISARI}/001/0001`],
      [tps1, `${NGADISARI}/001/0002`],
      [tps2, `${NGADISARI}/002/0001`],
      [tps1, `${NGADISARI}/001/0003`],
    ]);
    expect(rows[0]).toMatchObject({ latitude: -7.92, longitude: 112.95 });
    const events = await t.database.db.select().from(voterEvent).orderBy(voterEvent.id);
    expect(events.map((e) => e.sticker)).toEqual([
      `${NGADISARI}/001/0001`,
      `${NGADISARI}/001/0001`,
      `${NGADISARI}/001/0002`,
      `${NGADISARI}/002/0001`,
      `${NGADISARI}/001/0002`,
      `${NGADISARI}/001/0003`,
    ]);
    expect(events.every((e) => e.householdId !== null)).toBe(true);
    // Audited with the record (no personal data: the sticker and whether it was new).
    const audit = await t.database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'coklit.record'), eq(auditLog.outcome, 'ok')));
    expect(audit[0]?.after).toMatchObject({
      household: { sticker: `${NGADISARI}/001/0001`, new: true },
    });
  });

  it('shows the sticker in the TPS list, the lineage and the progress', async () => {
    const list = (await pantarlih(`/api/voters/tps/${String(tps1)}`)).json<TpsVoterList>();
    expect(list.canAddPhoto).toBe(true);
    expect(list.households.map((h) => [h.nkk, h.sticker])).toEqual([
      ['351301********0101', `${NGADISARI}/001/0001`],
      ['351301********0102', `${NGADISARI}/001/0002`],
      ['351301********0103', `${NGADISARI}/001/0003`],
    ]);
    const lineage = (
      await pps(`/api/voters/${String(ids.get('Aminah Dua'))}/lineage`)
    ).json<Lineage>();
    expect(lineage.entries.find((e) => e.kind === 'U')?.evidence).toBe(
      `stiker rumah ${NGADISARI}/001/0001`,
    );
    const desa = (await pps(`/api/voters/progress?code=${NGADISARI}`)).json<Progress>();
    expect(desa.counts).toMatchObject({ households: 4, householdsWithPhoto: 0 });
    expect(desa.children.map((c) => [c.name, c.counts.households])).toEqual([
      ['TPS 001', 3],
      ['TPS 002', 1],
    ]);
    const regency = (await admin('/api/voters/progress?code=35.13')).json<Progress>();
    expect(regency.counts.households).toBe(4);
  });

  it('gives two records of one household at once one household and one number', async () => {
    const before = (await households()).length;
    // Every household's two voters recorded together, all households at once.
    const answers = await Promise.all(
      RACE_NKK.flatMap((_, i) => [
        coklit(pantarlih, `Race ${letters(2 * i)}`),
        coklit(pantarlih, `Race ${letters(2 * i + 1)}`),
      ]),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 201));
    const accepted = answers.map((r) => r.json<CoklitAccepted>());
    for (let i = 0; i < RACE_NKK.length; i++) {
      const [x, y] = [accepted[2 * i], accepted[2 * i + 1]];
      expect(x?.household?.sticker).toBe(y?.household?.sticker);
      expect([x?.newHousehold, y?.newHousehold].filter(Boolean)).toHaveLength(1);
    }
    const rows = (await households()).filter((h) => h.tpsId === tps1);
    expect(rows).toHaveLength(before - 1 + RACE_NKK.length);
    // Numbers stay sequential without gaps or repeats.
    expect(rows.map((h) => h.sequence).sort((p, q) => p - q)).toEqual(rows.map((_, i) => i + 1));
    const desa = (await pps(`/api/voters/progress?code=${NGADISARI}`)).json<Progress>();
    expect(desa.counts.households).toBe(before + RACE_NKK.length);
  });

  describe('photos of the visit', () => {
    let first: number;
    let second: number;

    beforeAll(async () => {
      const rows = await households();
      first = rows[0]?.id ?? 0;
      second = rows[1]?.id ?? 0;
    });

    it('refuses callers outside the TPS and roles without the permission, storing nothing', async () => {
      const audits = await deniedPhotoAudits();
      for (const who of [pantarlihOther, kpps, injectAs(t.app, null)]) {
        const res = await upload(who, first, JPEG);
        expect([401, 403]).toContain(res.statusCode);
      }
      expect(await photoRows()).toBe(0);
      // Each refusal is audited.
      expect(await deniedPhotoAudits()).toBe(audits + 3);
    });

    it('refuses other types, empty and oversized files with their codes', async () => {
      const code = (res: Awaited<ReturnType<Inject>>) => [
        res.statusCode,
        res.json<{ error: { code: string } }>().error.code,
      ];
      expect(code(await upload(pantarlih, first, Buffer.from('bukan foto'), 'text/plain'))).toEqual(
        [415, 'household.photo_type'],
      );
      expect(code(await upload(pantarlih, first, Buffer.alloc(0)))).toEqual([
        422,
        'household.photo_empty',
      ]);
      expect(
        code(await upload(pantarlih, first, Buffer.alloc(HOUSEHOLD_PHOTO_LIMIT + 1, 1))),
      ).toEqual([413, 'household.photo_too_large']);
      // An unknown household: scoped callers are refused (nothing to place it in), others get 404.
      expect(code(await upload(pantarlih, 999_999, JPEG))).toEqual([403, 'auth.forbidden']);
      expect(code(await upload(admin, 999_999, JPEG))).toEqual([404, 'household.not_found']);
      expect(await photoRows()).toBe(0);
    });

    it('stores a photo with its hash (once), audited; the PPS may add one too', async () => {
      const res = await upload(pantarlih, first, JPEG);
      expect(res.statusCode, res.body).toBe(201);
      const saved = res.json<HouseholdPhotoAccepted>();
      expect(saved).toMatchObject({ alsoAtHouseholds: [] });
      expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
      // The same file again for the same household: one row.
      expect((await upload(pantarlih, first, JPEG)).statusCode).toBe(201);
      expect(await photoRows()).toBe(1);
      expect((await upload(pps, first, PNG, 'image/png')).statusCode).toBe(201);
      expect(await photoRows()).toBe(2);
      const audit = await t.database.db
        .select({ after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'coklit.household_photo'), eq(auditLog.outcome, 'ok')));
      expect(audit[0]?.after).toMatchObject({
        sticker: `${NGADISARI}/001/0001`,
        sha256: saved.sha256,
      });
      // Reading follows voter-data read: the PPS yes, another TPS's Pantarlih no.
      const got = await pps(`/api/coklit/households/${String(first)}/photos/${saved.sha256}`);
      expect([got.statusCode, got.headers['content-type']]).toEqual([200, 'image/jpeg']);
      // Stored as re-encoded (no metadata): the bytes are what the hash names.
      expect(createHash('sha256').update(got.rawPayload).digest('hex')).toBe(saved.sha256);
      expect(
        (await pantarlihOther(`/api/coklit/households/${String(first)}/photos/${saved.sha256}`))
          .statusCode,
      ).toBe(403);
      const missing = await pps(`/api/coklit/households/${String(first)}/photos/${'0'.repeat(64)}`);
      expect(missing.json<{ error: { code: string } }>().error.code).toBe(
        'household.photo_not_found',
      );
      // Counted once per household, however many photos it has.
      const desa = (await pps(`/api/voters/progress?code=${NGADISARI}`)).json<Progress>();
      expect(desa.counts.householdsWithPhoto).toBe(1);
      expect(desa.flags.filter((f) => f.code === 'coklit.photo_reused')).toEqual([]);
      const list = (await pantarlih(`/api/voters/tps/${String(tps1)}`)).json<TpsVoterList>();
      expect(list.households[0]?.photos).toBe(2);
      // The list to view them (issue 20): oldest first, each by the hash its route takes.
      const photos = await pps(`/api/coklit/households/${String(first)}/photos`);
      expect(photos.statusCode).toBe(200);
      expect(photos.json<{ sha256: string; mediaType: string }[]>()).toMatchObject([
        { sha256: saved.sha256, mediaType: 'image/jpeg' },
        { mediaType: 'image/png' },
      ]);
      expect(
        (await pantarlihOther(`/api/coklit/households/${String(first)}/photos`)).statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject(`/api/coklit/households/${String(first)}/photos`)).statusCode,
      ).toBe(401);
    });

    it('flags the same photo used for two households, in the desa and kecamatan progress', async () => {
      const res = await upload(pantarlih, second, JPEG);
      expect(res.json<HouseholdPhotoAccepted>().alsoAtHouseholds).toEqual([
        `${NGADISARI}/001/0001`,
      ]);
      const message = `Foto rumah yang sama dipakai untuk 2 rumah tangga berbeda: ${NGADISARI}/001/0001, ${NGADISARI}/001/0002.`;
      for (const code of [NGADISARI, '35.13.01']) {
        const p = (await admin(`/api/voters/progress?code=${code}`)).json<Progress>();
        expect(p.flags.filter((f) => f.code === 'coklit.photo_reused')).toEqual([
          { code: 'coklit.photo_reused', message },
        ]);
        expect(p.counts.householdsWithPhoto).toBe(2);
      }
      // Another kecamatan has no such flag.
      const leces = (await admin('/api/voters/progress?code=35.13.05')).json<Progress>();
      expect(leces.flags.filter((f) => f.code === 'coklit.photo_reused')).toEqual([]);
    });
  });
});
