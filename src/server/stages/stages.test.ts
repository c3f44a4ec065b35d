import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import { getCalendar } from './stages.service.ts';
import type { Stage, StageCalendar } from '../../domain/stages/stage.schema.ts';

describe.each(testEngines())('stage calendar on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
  });
  afterAll(() => t.close());

  it('holds the 2024 calendar in date order with phases for a given day', async () => {
    const cal = await getCalendar(t.database.db, new Date('2024-07-01T03:00:00Z'));
    expect(cal.today).toBe('2024-07-01');
    expect(cal.stages).toHaveLength(13);
    const coklit = cal.stages.find((s) => s.kind === 'coklit');
    expect(coklit).toMatchObject({
      startsOn: '2024-06-24',
      endsOn: '2024-07-24',
      phase: 'berlangsung',
    });
    expect(cal.stages.find((s) => s.kind === 'pemungutan_suara')?.phase).toBe('akan_datang');
    const starts = cal.stages.map((s) => s.startsOn);
    expect(starts).toEqual([...starts].sort());
  });

  it('refuses seed 004 "24 Juli hingga 24 Juni 2024" with the field and stores nothing', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/stages',
      payload: {
        kind: 'coklit',
        name: 'Coklit (seed 004)',
        startsOn: '2024-07-24',
        endsOn: '2024-06-24',
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: {
        code: 'stage.end_before_start',
        field: 'endsOn',
        message: 'Tanggal selesai (24 Juni 2024) tidak boleh sebelum tanggal mulai (24 Juli 2024).',
      },
    });
    const cal = (await t.inject({ url: '/api/stages' })).json<StageCalendar>();
    expect(cal.stages).toHaveLength(13);
  });

  it('adds, edits and removes a stage', async () => {
    const added = await t.inject({
      method: 'POST',
      url: '/api/stages',
      payload: { name: 'Rapat koordinasi desk', startsOn: '2024-10-01', endsOn: '2024-10-02' },
    });
    expect(added.statusCode).toBe(201);
    const stage = added.json<Stage>();
    expect(stage).toMatchObject({ kind: 'lainnya', phase: 'selesai' });
    const bad = await t.inject({
      method: 'PUT',
      url: `/api/stages/${String(stage.id)}`,
      payload: { name: 'Rapat', startsOn: '2024-10-02', endsOn: '2024-10-01' },
    });
    expect(bad.statusCode).toBe(422);
    const edited = await t.inject({
      method: 'PUT',
      url: `/api/stages/${String(stage.id)}`,
      payload: {
        name: 'Rapat koordinasi desk (diundur)',
        startsOn: '2024-10-03',
        endsOn: '2024-10-04',
      },
    });
    expect(edited.json<Stage>()).toMatchObject({
      name: 'Rapat koordinasi desk (diundur)',
      startsOn: '2024-10-03',
    });
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/stages/${String(stage.id)}` })).statusCode,
    ).toBe(204);
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/stages/${String(stage.id)}` })).statusCode,
    ).toBe(404);
  });

  it('refuses bad kinds, short names and non-dates', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/stages',
      payload: { kind: 'pesta', name: 'X', startsOn: '24/07/2024', endsOn: '2024-07-25' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json<{ error: { code: string; field: string; message: string } }>().error.field,
    ).toBeDefined();
  });
});
