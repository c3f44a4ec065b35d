/**
 * A U through the API (issue 20 item 5): birth date, sex, marital status and
 * KTP-el are taken as their codes by the shared schema; a birth date against
 * the NIK needs the document named; the history shows dates in Indonesian.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tps } from '../db/schema.ts';
import { testEngines } from '../db/test-databases.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { formatTanggal } from '../../domain/common/format.ts';
import type {
  CoklitAccepted,
  Lineage,
  TpsVoterList,
  VoterView,
} from '../../domain/voters/voters.schema.ts';

describe.each(testEngines())(
  'coklit U of birth date, sex, marital status, KTP-el on %s',
  (engine) => {
    let t: TestApp;
    let pantarlih: Inject;
    let voters: VoterView[];

    beforeAll(async () => {
      t = await createTestApp(engine, { demo: true, activity: true });
      pantarlih = injectAs(t.app, await signIn(t.app, 'pantarlih.ngadisari.1'));
      const [row] = await t.database.db
        .select({ id: tps.id })
        .from(tps)
        .where(and(eq(tps.desaCode, '35.13.01.2001'), eq(tps.number, 1)));
      voters = (await pantarlih(`/api/voters/tps/${String(row?.id)}`)).json<TpsVoterList>().voters;
    }, 120_000);
    afterAll(() => t.close());

    const record = (v: VoterView | undefined, payload: object) =>
      pantarlih({
        method: 'POST',
        url: `/api/voters/${String(v?.id)}/coklit`,
        payload: { kind: 'U', clientId: randomUUID(), ...payload },
      });

    it('refuses free text for a choice, naming the field, and stores nothing', async () => {
      const v = voters[0];
      for (const changes of [
        { ktpEl: 'sudah' },
        { marital: 'kawin' },
        { sex: 'X' },
        { birthDate: '15/05/1980' },
        { nik: '1' },
      ]) {
        const res = await record(v, { changes });
        expect(res.statusCode, JSON.stringify(changes)).toBe(400);
        const key = Object.keys(changes)[0] ?? '';
        expect(JSON.stringify(res.json()), key).toContain(key);
      }
      const again = (await pantarlih(`/api/voters/${String(v?.id)}/lineage`)).json<Lineage>();
      expect(again.voter.coklitStatus).toBeNull();
    });

    it('changes KTP-el and marital status by their codes', async () => {
      const v = voters.find((x) => x.marital === 'S' && x.ktpEl === 'S');
      const res = await record(v, { changes: { ktpEl: 'B', marital: 'P' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<CoklitAccepted>().voter).toMatchObject({
        ktpEl: 'B',
        marital: 'P',
        coklitStatus: 'U',
      });
    });

    it('changes the birth date against the NIK only with the document named; the history reads it in Indonesian', async () => {
      const v = voters[2];
      if (v === undefined) throw new Error('no voter');
      const day = v.birthDate.endsWith('-28') ? '27' : '28';
      const birthDate = `${v.birthDate.slice(0, 8)}${day}`;
      const refused = await record(v, { changes: { birthDate } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        error: { code: 'coklit.nik_mismatch_reason', field: 'reason' },
      });
      const res = await record(v, { changes: { birthDate }, reason: 'Sesuai KTP-el' });
      expect(res.statusCode, res.body).toBe(201);
      const l = (await pantarlih(`/api/voters/${String(v.id)}/lineage`)).json<Lineage>();
      expect(l.entries.find((e) => e.kind === 'U')?.changes).toEqual([
        { field: 'Tanggal lahir', old: formatTanggal(v.birthDate), new: formatTanggal(birthDate) },
      ]);
    });
  },
);
