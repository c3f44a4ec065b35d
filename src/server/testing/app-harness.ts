/**
 * Test harness: the real app on a fresh database of either engine, for
 * `inject` integration tests (optionally signed in as a demo account), and a
 * listening demo server for the browser tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Engine } from '../db/connection.ts';
import { createDemoDatabase, createTestDatabase } from '../db/test-databases.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from '../http/reply.ts';
import type { Database } from '../db/connection.ts';
import { DEMO_PASSWORD } from '../setup/demo-accounts.ts';
import { writeDemoPhotos } from '../setup/demo-photos.ts';

export interface SignedInSession {
  readonly cookie: string;
  readonly csrfToken: string;
}

export type Inject = (options: InjectOptions | string) => Promise<LightMyRequestResponse>;

export interface TestApp {
  readonly app: ZodApp;
  readonly database: Database;
  /** `app.inject` as the account given to `createTestApp` (or anonymous). */
  readonly inject: Inject;
  close(): Promise<void>;
}

/** Signs in through the API and returns the cookie and CSRF token to send. */
export async function signIn(
  app: ZodApp,
  username: string,
  password: string = DEMO_PASSWORD,
): Promise<SignedInSession> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dp_session');
  if (cookie === undefined) throw new Error('sign-in set no session cookie');
  return {
    cookie: `dp_session=${cookie.value}`,
    csrfToken: res.json<{ csrfToken: string }>().csrfToken,
  };
}

/** `inject` carrying a session's cookie and CSRF header. */
export function injectAs(app: ZodApp, session: SignedInSession | null): Inject {
  return (options) => {
    const o: InjectOptions = typeof options === 'string' ? { url: options } : options;
    if (session === null) return app.inject(o);
    return app.inject({
      ...o,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...o.headers },
    });
  };
}

export async function createTestApp(
  engine: Engine,
  options: { demo: boolean; as?: string; webDir?: string; activity?: boolean },
): Promise<TestApp> {
  const database = options.demo
    ? await createDemoDatabase(engine, { activity: options.activity ?? false })
    : await createTestDatabase(engine);
  // Uploaded files go to a fresh folder, never to the developer's ./data.
  const dataDir = await mkdtemp(join(tmpdir(), 'dp-test-'));
  const app = await buildApp({
    database,
    dataDir,
    ...(options.webDir === undefined ? {} : { webDir: options.webDir }),
  });
  await app.ready();
  // The demo's form photos, into this app's fresh data directory.
  if (options.demo && options.activity === true) await writeDemoPhotos(database.db, dataDir);
  const session = options.as === undefined ? null : await signIn(app, options.as);
  return {
    app,
    database,
    inject: injectAs(app, session),
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo on in-memory PGlite, served with the built web pages on a free port. */
export async function startDemoServer(
  options: { activity?: boolean } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  // The whole demo, as `init --demo` loads it (with the sample activity unless told not to).
  const testApp = await createTestApp('pglite', {
    demo: true,
    activity: options.activity ?? true,
  });
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => testApp.close() };
}
