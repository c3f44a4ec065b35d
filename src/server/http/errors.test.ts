import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';

describe.each(testEngines())('API conventions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Coklit",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'request.malformed_json', message: 'Isi permintaan bukan JSON yang sah.' },
    });
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      headers: { 'content-type': 'application/xml' },
      payload: '<tahapan/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: { code: 'request.unsupported_media_type' } });
  });

  it('answers unknown API routes with 404 in the error shape', async () => {
    const res = await t.app.inject({ url: '/api/tidak-ada' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'route.not_found', message: 'Alamat GET /api/tidak-ada tidak ditemukan.' },
    });
  });

  it('names the field and speaks Indonesian on wrong types', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      payload: { name: 42, startsOn: '2024-01-01', endsOn: '2024-01-02' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; field: string; message: string } }>();
    expect(body.error.field).toBe('name');
    expect(body.error.message).toMatch(/diharapkan string/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says the registry is not initialised rather than failing', async () => {
    const res = await t.app.inject({ url: '/api/regency' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'registry.not_initialised' } });
  });

  it('publishes an OpenAPI document built from the zod schemas, and its page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/regions/{code}',
      '/api/tps',
      '/api/stages',
      '/api/contests',
      '/api/health',
      '/api/korwil',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'RegionDetail', 'StageBody', 'Tps']),
    );
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
