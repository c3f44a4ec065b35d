/**
 * Test harness: the real app on a fresh database of either engine, for
 * `app.inject` integration tests, and a listening demo server for the
 * browser tests.
 */
import type { Engine } from '../db/connection.ts';
import { createDemoDatabase, createTestDatabase } from '../db/test-databases.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from '../http/reply.ts';
import type { Database } from '../db/connection.ts';

export interface TestApp {
  readonly app: ZodApp;
  readonly database: Database;
  close(): Promise<void>;
}

export async function createTestApp(engine: Engine, options: { demo: boolean }): Promise<TestApp> {
  const database = options.demo
    ? await createDemoDatabase(engine)
    : await createTestDatabase(engine);
  const app = await buildApp({ database });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The demo on in-memory PGlite, served with the built web pages on a free port. */
export async function startDemoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const testApp = await createTestApp('pglite', { demo: true });
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => testApp.close() };
}
