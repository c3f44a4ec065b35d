import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import { fieldLabel } from '../../domain/common/validation-message.ts';

interface JsonSchema {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Every field path of the request bodies and parameters in the OpenAPI document. */
function requestFieldPaths(doc: {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema> };
}): string[][] {
  const found = new Map<string, string[]>();
  const walk = (schema: JsonSchema | undefined, path: string[], depth: number) => {
    if (schema === undefined || depth > 8) return;
    if (schema.$ref !== undefined) {
      walk(doc.components.schemas[schema.$ref.split('/').pop() ?? ''], path, depth + 1);
      return;
    }
    for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
      walk(s, path, depth + 1);
    }
    walk(schema.items, path, depth + 1);
    for (const [key, value] of Object.entries(schema.properties ?? {})) {
      found.set([...path, key].join('.'), [...path, key]);
      walk(value, [...path, key], depth + 1);
    }
  };
  for (const operations of Object.values(doc.paths)) {
    for (const operation of Object.values(operations) as {
      requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      parameters?: { name: string }[];
    }[]) {
      walk(operation.requestBody?.content?.['application/json']?.schema, [], 0);
      for (const p of operation.parameters ?? []) found.set(p.name, [p.name]);
    }
  }
  return [...found.values()];
}

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
    expect(body.error.message).toBe('Nama harus berupa teks.');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names a nested field by its Indonesian label, not its path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      payload: { name: 'Coklit', startsOn: '27-11-2024', endsOn: '2024-01-02' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; field: string; message: string } }>();
    expect(body.error.field).toBe('startsOn');
    expect(body.error.message).toBe(
      'Tanggal mulai: Tanggal harus berformat TTTT-BB-HH (mis. 2024-11-27).',
    );
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      payload: { name: 'Coklit', startsOn: '2024-01-01' },
    });
    expect(missing.json<{ error: { message: string } }>().error.message).toBe(
      'Tanggal selesai wajib diisi.',
    );
  });

  it('has a plain label for every field of every request (so each message names it)', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, JsonSchema> };
    }>();
    const paths = requestFieldPaths(doc);
    expect(paths.length).toBeGreaterThan(100);
    const unlabelled = paths.filter((p) => fieldLabel(p) === undefined).map((p) => p.join('.'));
    expect(unlabelled).toEqual([]);
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
