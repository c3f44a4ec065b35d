import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { tps } from '../db/schema.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import { consistentForm } from '../results/form-fixture.ts';
import { formatFormsCheck, formatTotalsCheck } from '../../cli/results.command.ts';
import { verifyResultForms } from '../results/results.form-check.ts';
import { verifyResultTotals } from '../results/results.summary.ts';
import { nistSnapshot } from './nist-snapshot.ts';
import { toNistElectionReport } from './nist.ts';
import { referenceCheck, schemaErrors } from './nist-validate.ts';

describe.each(testEngines())('NIST export of the demo on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
    const ids = await t.database.db
      .select({ id: tps.id })
      .from(tps)
      .where(and(eq(tps.desaCode, '35.13.01.2001')));
    for (const { id } of ids) {
      const res = await t.inject({
        method: 'POST',
        url: '/api/results',
        payload: {
          clientId: randomUUID(),
          tpsId: id,
          contestId: 2,
          form: consistentForm({
            dpt: 300,
            votes: [
              { selectionId: 4, votes: 100 },
              { selectionId: 5, votes: 90 },
            ],
            invalid: 3,
          }),
        },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('validates against the official schema with every reference resolved', async () => {
    const snapshot = await nistSnapshot(t.database.db, 2, new Date('2024-11-27T12:00:00Z'));
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    expect(snapshot.value.tps).toHaveLength(1749);
    expect(snapshot.value.results.length).toBeGreaterThan(0);
    const doc = toNistElectionReport(snapshot.value);
    expect(schemaErrors(doc)).toEqual([]);
    const refs = referenceCheck(doc);
    expect(refs.problems).toEqual([]);
    expect(refs.references).toBeGreaterThan(1749);
    expect(JSON.stringify(doc)).toContain('unofficial-partial');
  });

  it('refuses an unknown contest with a clear message', async () => {
    const snapshot = await nistSnapshot(t.database.db, 99);
    expect(snapshot).toMatchObject({ ok: false, error: { code: 'contest.not_found' } });
  });

  it('`results verify` finds the stored totals equal to the leaves', async () => {
    const diffs = await verifyResultTotals(t.database.db, [1, 2]);
    expect(diffs).toEqual([]);
    expect(formatTotalsCheck(2, diffs)).toMatch(/^Rekap hasil cocok/);
    expect(
      formatTotalsCheck(2, [
        { contestId: 2, desaCode: '35.13.01.2001', key: 'valid', stored: 5, recomputed: 4 },
      ]),
    ).toContain('tersimpan 5, dihitung ulang 4');
  });

  it('`results verify` finds every demo form vouched for by its audit row', async () => {
    const { versions, forms } = await verifyResultForms(t.database.db);
    expect(forms).toEqual([]);
    expect(versions).toBeGreaterThan(0);
    expect(formatFormsCheck(versions, forms)).toMatch(/^Formulir cocok/);
  });
});
