/**
 * `npm run bench`: time `init --demo` and the registry reads on both engines.
 * Not a test: it measures and prints; nothing asserts a figure.
 */
import '../src/domain/common/zod-id.ts';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/connection.ts';
import { initRegency } from '../src/server/setup/setup.service.ts';
import { DEMO_PASSWORD } from '../src/server/setup/demo-accounts.ts';

const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function openEngine(engine: 'pglite' | 'postgres'): Promise<Database | null> {
  if (engine === 'pglite') return openDatabase({});
  const admin = new pg.Client({ connectionString: PG_SERVER });
  try {
    await admin.connect();
  } catch {
    process.stdout.write(`postgres: not reachable at ${PG_SERVER}, skipped\n`);
    return null;
  }
  await admin.query('drop database if exists dp_bench with (force)');
  await admin.query('create database dp_bench');
  await admin.end();
  const url = new URL(PG_SERVER);
  url.pathname = '/dp_bench';
  return openDatabase({ url: url.toString() });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

for (const engine of ['pglite', 'postgres'] as const) {
  const database = await openEngine(engine);
  if (database === null) continue;
  const t0 = performance.now();
  const init = await initRegency(database.db, {
    regencyCode: '35.13',
    demo: true,
    activity: false,
  });
  if (!init.ok) throw new Error(init.error.message);
  process.stdout.write(`${engine}: init --demo ${(performance.now() - t0).toFixed(0)} ms\n`);
  const app = await buildApp({ database });
  await app.ready();
  // Registry reads need a signed-in caller since sessions came in.
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  });
  const session = signIn.cookies.find((c) => c.name === 'dp_session');
  if (session === undefined) throw new Error(`sign-in failed: ${signIn.body}`);
  const cookie = `dp_session=${session.value}`;
  for (const url of [
    '/api/regency',
    '/api/regions/35.13',
    '/api/regions/35.13.01.2001',
    '/api/regions?q=sumber',
  ]) {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      const res = await app.inject({ url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${String(res.statusCode)}`);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `${engine}: GET ${url.padEnd(28)} p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms\n`,
    );
  }
  await app.close();
  await database.close();
}
