/**
 * Every JSON route, read from the OpenAPI document (so a new route is covered
 * without touching this file), is sent hostile input: NUL characters, lone
 * surrogates, wrong types, `__proto__` keys and 1 MB strings, in the body and
 * in the query string, as the admin and anonymously, on both engines. No
 * answer may be a 5xx, and no row may be written anywhere (row counts of
 * every table and the audit head compared before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { testEngines } from '../db/test-databases.ts';
import type { Db } from '../db/connection.ts';
import { rowsOf } from '../db/rows.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
}

interface Operation {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const MB_STRING = 'x'.repeat(1024 * 1024);
const BAD_STRINGS = ['a\u0000b', '\ud800', 'x\udc00y', '\udfff\ud800'];
/** Percent-encoded: NUL, a surrogate's UTF-8 bytes, an overlong NUL, a 100 KB value. */
const BAD_QUERY = ['%00', 'a%00b', '%ED%A0%80', '%C0%80', 'q'.repeat(100_000)];

function resolveRef(doc: OpenApi, s: JsonSchema | undefined): JsonSchema {
  if (s?.$ref === undefined) return s ?? {};
  const name = s.$ref.split('/').at(-1) ?? '';
  return resolveRef(doc, doc.components?.schemas?.[name]);
}

function typesOf(doc: OpenApi, raw: JsonSchema | undefined): Set<string> {
  const s = resolveRef(doc, raw);
  const out = new Set<string>();
  if (typeof s.type === 'string') out.add(s.type);
  if (Array.isArray(s.type)) for (const t of s.type) out.add(t);
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    for (const t of typesOf(doc, alt)) out.add(t);
  }
  if (s.enum !== undefined) for (const v of s.enum) out.add(v === null ? 'null' : typeof v);
  if (s.const !== undefined) out.add(s.const === null ? 'null' : typeof s.const);
  if (out.has('integer')) out.add('number');
  return out;
}

/** A plausible value for a schema: examples, defaults, enums first; depth-limited. */
function sample(doc: OpenApi, raw: JsonSchema | undefined, depth = 0): unknown {
  const s = resolveRef(doc, raw);
  if (s.example !== undefined) return s.example;
  if (s.examples?.[0] !== undefined) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.[0] !== undefined) return s.enum[0];
  const alt = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s.allOf?.[0];
  if (alt !== undefined) return sample(doc, alt, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(doc, v, depth + 1);
      return out;
    }
    case 'array':
      return depth > 4 ? [] : [sample(doc, s.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'date') return '2024-11-27';
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
    case undefined:
    default:
      return 'a';
  }
}

/** The hostile bodies for one schema: the base with each property in turn replaced. */
function hostileBodies(doc: OpenApi, raw: JsonSchema | undefined): string[] {
  const s = resolveRef(doc, raw);
  const base = sample(doc, s);
  const bodies: string[] = [
    JSON.stringify('\u0000'),
    '[]',
    '123',
    '{}',
    'null',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
  ];
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return bodies;
  const baseObject = base as Record<string, unknown>;
  bodies.push(`{"__proto__":{"isAdmin":true},${JSON.stringify(baseObject).slice(1)}`);
  for (const [key, propSchema] of Object.entries(resolveRef(doc, s).properties ?? {})) {
    const types = typesOf(doc, propSchema);
    const values: unknown[] = [...BAD_STRINGS];
    if (types.size > 0) {
      for (const [wrong, t] of [
        [12345, 'number'],
        [true, 'boolean'],
        [[], 'array'],
        [{}, 'object'],
        [null, 'null'],
        ['zz', 'string'],
      ] as const) {
        if (!types.has(t)) values.push(wrong);
      }
    }
    if (types.has('string')) values.push(MB_STRING);
    const inner = resolveRef(doc, propSchema);
    if (typesOf(doc, inner).has('object') && inner.properties !== undefined) {
      const first = Object.keys(inner.properties)[0];
      if (first !== undefined) {
        values.push({ ...(sample(doc, inner) as object), [first]: '\u0000' });
      }
    }
    if (typesOf(doc, inner).has('array')) values.push(['\ud800'], [{ x: '\u0000' }]);
    for (const v of values) bodies.push(JSON.stringify({ ...baseObject, [key]: v }));
    // A bad key beside the valid ones.
    bodies.push(JSON.stringify({ ...baseObject, ['k\u0000']: 'v' }));
  }
  return bodies;
}

interface Case {
  readonly method: NonNullable<InjectOptions['method']>;
  readonly url: string;
  readonly payload?: string;
}

function fillPath(doc: OpenApi, path: string, op: Operation): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
    const v = sample(doc, p?.schema);
    return encodeURIComponent(typeof v === 'string' || typeof v === 'number' ? String(v) : '1');
  });
}

function casesOf(doc: OpenApi): Case[] {
  const cases: Case[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    // Sign-out would end the admin's session halfway; it takes no body anyway.
    if (path === '/api/auth/sign-out') continue;
    for (const [method, op] of Object.entries(ops)) {
      const url = fillPath(doc, path, op);
      const upper = method.toUpperCase();
      const json = op.requestBody?.content?.['application/json'];
      if (json !== undefined) {
        for (const payload of hostileBodies(doc, json.schema))
          cases.push({ method: upper, url, payload });
      }
      const query = op.parameters?.filter((p) => p.in === 'query') ?? [];
      for (const p of query) {
        for (const bad of BAD_QUERY) cases.push({ method: upper, url: `${url}?${p.name}=${bad}` });
      }
      // A NUL in each path parameter.
      if (path.includes('{') && upper !== 'DELETE') {
        cases.push({
          method: upper,
          url: path.replace(/\{\w+\}/g, '%00'),
          ...(json === undefined ? {} : { payload: '{}' }),
        });
      }
    }
  }
  return cases;
}

async function snapshot(db: Db): Promise<Record<string, number | string>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  );
  const out: Record<string, number | string> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: string }>(
      await db.execute(sql.raw(`select count(*)::text as n from "${name}"`)),
    );
    out[name] = Number(row?.n ?? 0);
  }
  // Refused attempts are audited by design (outcome 'denied'); anything else is a write.
  const [audit] = rowsOf<{ n: string; head: string | null }>(
    await db.execute(
      sql`select count(*)::text as n, max(id)::text as head from audit_log where outcome <> 'denied'`,
    ),
  );
  out['audit_log'] = Number(audit?.n ?? 0);
  out['audit head'] = audit?.head ?? '';
  return out;
}

describe.each(testEngines())('hostile input on every JSON route (%s)', (engine) => {
  let t: TestApp;
  let admin: Inject;
  let anonymous: Inject;
  let cases: Case[];

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = injectAs(t.app, await signIn(t.app, 'admin'));
    anonymous = injectAs(t.app, null);
    const doc = (await t.app.inject('/api/openapi.json')).json<OpenApi>();
    cases = casesOf(doc);
  });
  afterAll(() => t.close());

  for (const who of ['admin', 'anonymous'] as const) {
    it(`answers no 5xx and writes nothing (${who})`, async () => {
      expect(cases.length).toBeGreaterThan(2000);
      const send = who === 'admin' ? admin : anonymous;
      const before = await snapshot(t.database.db);
      const failures: string[] = [];
      let refusedBadText = 0;
      for (const c of cases) {
        const options: InjectOptions = {
          method: c.method,
          url: c.url,
          ...(c.payload === undefined
            ? {}
            : { payload: c.payload, headers: { 'content-type': 'application/json' } }),
        };
        const res = await send(options);
        if (res.statusCode >= 500) {
          failures.push(
            `${c.method} ${c.url} ${(c.payload ?? '').slice(0, 120)} → ${String(res.statusCode)} ${res.body.slice(0, 200)}`,
          );
        }
        if (res.statusCode >= 400 && String(res.headers['content-type'] ?? '').includes('json')) {
          const body = res.json<{ error?: { code?: string } }>();
          if (body.error?.code === undefined) failures.push(`${c.method} ${c.url}: no error shape`);
          if (body.error?.code === 'request.bad_text') refusedBadText++;
        }
      }
      expect(failures).toEqual([]);
      expect(refusedBadText).toBeGreaterThan(100);
      const after = await snapshot(t.database.db);
      expect(after).toEqual(before);
    });
  }
});
