/**
 * Every CSV export neutralises spreadsheet formulas (OWASP): a Korwil named
 * `=HYPERLINK(...)` comes out as text, not as a live formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';

const EVIL = '=HYPERLINK("http://evil.example/x","klik")';
const NEUTRALISED = `"'=HYPERLINK(""http://evil.example/x"",""klik"")"`;

/** No cell of a ';' CSV starts with a formula character. */
function liveFormulaCells(csv: string): string[] {
  return csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .flatMap((line) => line.split(';'))
    .filter((cell) => /^"?[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell));
}

describe.each(testEngines())('CSV exports neutralise formulas (%s)', (engine) => {
  let t: TestApp;
  let korwilId = 0;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
    korwilId = (await t.inject('/api/korwil')).json<{ id: number }[]>()[0]?.id ?? 0;
    const renamed = await t.inject({
      method: 'PATCH',
      url: `/api/korwil/${String(korwilId)}`,
      payload: { name: EVIL },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });
  afterAll(() => t.close());

  it('results CSV, regency level (Korwil rows)', async () => {
    const res = await t.inject('/api/results/export?contestId=2&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(NEUTRALISED);
    expect(liveFormulaCells(res.body)).toEqual([]);
  });

  it('results CSV, one Korwil (its own row)', async () => {
    const res = await t.inject(
      `/api/results/export?contestId=2&korwil=${String(korwilId)}&format=csv`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(NEUTRALISED);
    expect(liveFormulaCells(res.body)).toEqual([]);
  });
});
