/**
 * Assembles the Fastify server: zod validation and serialization, the one
 * error shape, OpenAPI from the same schemas, the feature routes, and the
 * built web pages.
 */
import '../domain/common/zod-id.ts';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import Fastify from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { dataDirFromEnv, type Database } from './db/connection.ts';
import { installErrorHandlers } from './http/errors.ts';
import { installTextGuard } from './http/text-guard.ts';
import { installSecurityHeaders, swaggerCsp } from './http/security-headers.ts';
import { fastifyLogger, type LogOptions } from './http/logging.ts';
import { fastifyTrustProxy, type TrustProxy } from './http/trust-proxy.ts';
import type { ZodApp } from './http/reply.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { installAuth } from './auth/auth.plugin.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { throttleRoutes } from './auth/throttles.ts';
import { contestsRoutes } from './contests/contests.routes.ts';
import { LiveHub } from './live/live-hub.ts';
import { startPgRelay } from './live/pg-relay.ts';
import { resultsRoutes } from './results/results.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { korwilRoutes } from './korwil/korwil.routes.ts';
import { regionsRoutes } from './regions/regions.routes.ts';
import { getSettings } from './settings/settings.service.ts';
import { Settings } from '../domain/settings/settings.schema.ts';
import { ResultSubmissionBody } from '../domain/results/chasil.schema.ts';
import { stagesRoutes } from './stages/stages.routes.ts';
import { tpsRoutes } from './tps/tps.routes.ts';
import { votersRoutes } from './voters/voters.routes.ts';
import { newsRoutes } from './news/news.routes.ts';
import { installPublic, type PublicHandle, type PublicOptions } from './public/public.plugin.ts';
// Dashboard, reports and exports (issue 8)
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';

export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  readonly database: Database;
  /** Built web pages; served at `/` when the folder exists. */
  readonly webDir?: string;
  /** Request and error logs (`http/logging.ts`): off in tests, on when served. */
  readonly logger?: boolean | LogOptions;
  /**
   * Behind a TLS-terminating proxy: which proxies' X-Forwarded-* to trust
   * (client address, https → Secure cookies) — a hop count or their
   * addresses/CIDRs, never every hop (`http/trust-proxy.ts`).
   */
  readonly trustProxy?: TrustProxy;
  /** Where uploaded files go (photos of forms); default `DATA_DIR` or `./data`. */
  readonly dataDir?: string;
  /** Live events (Server-Sent Events); one per process. */
  readonly hub?: LiveHub;
  /**
   * On PostgreSQL, relay live events to and from the other servers on the
   * same database (LISTEN/NOTIFY). Default true.
   */
  readonly relay?: boolean;
  /**
   * Benchmarks only (`npm run bench -- results`), never in production or tests:
   * adds `POST /api/bench/validate`, which parses and validates a
   * `ResultSubmissionBody` and answers 204 — the HTTP ceiling of this server.
   */
  readonly benchReference?: boolean;
  /** The public snapshots' freshness and the live streams' cap (tests, bench). */
  readonly publicSite?: PublicOptions;
  /** Where the public reaches the site (`PUBLIC_BASE_URL`), for og:url, canonical and feed links. */
  readonly publicBaseUrl?: string;
}

/** Cache-Control of a built file: immutable under `assets/` (hashed names), else revalidated. */
export function assetCacheControl(webDir: string, path: string): string {
  return /^assets[\\/]/.test(relative(webDir, path))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/** Registers a feature's routes in a plugin context of their own (hooks and error handling inherited). */
async function feature(app: ZodApp, routes: (scope: ZodApp) => void): Promise<void> {
  await app.register((scope, _options, done) => {
    routes(scope.withTypeProvider<ZodTypeProvider>());
    done();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The public snapshots and live streams (issue 28). */
    publicSite: PublicHandle;
  }
}

export async function buildApp(options: AppOptions): Promise<ZodApp> {
  const { database } = options;
  const db = database.db;
  // The public site answers fresh public reads ahead of Fastify (issue 28); set below.
  let preRoute: PublicHandle['preRoute'] | undefined = undefined;
  const app = Fastify({
    serverFactory: (handler) =>
      createServer((req, res) => {
        if (preRoute?.(req, res) !== true) handler(req, res);
      }),
    logger: fastifyLogger(options.logger),
    bodyLimit: 4 * 1024 * 1024,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  const hasWeb = existsSync(resolve(webDir, 'index.html'));
  installErrorHandlers(app, { spaIndex: hasWeb });
  installTextGuard(app);
  await app.register(fastifyCookie);
  await installSecurityHeaders(app);
  // JSON and other text answers over 1 KB go out compressed (br/gzip); a fast
  // brotli level, since each answer is compressed as it is sent. Answers that
  // are already compressed (built assets, public snapshots) are left as they are.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // The public site's fast path answers before the session lookup (issue 28).
  const hub = options.hub ?? new LiveHub();
  const publicSite = installPublic(app, db, hub, options.publicSite);
  app.decorate('publicSite', publicSite);
  preRoute = publicSite.preRoute;
  installAuth(app, db);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Desk Pilkada API',
        description:
          'Region registry, contests and stage calendar of a regency\'s Pilkada. Every failure answers `{"error":{"code","message","field?"}}` with the message in Bahasa Indonesia.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: swaggerCsp,
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['Sistem'],
        summary: 'Liveness and the database engine in use',
        response: { 200: z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    () => ({ ok: true as const, db: database.engine }),
  );
  app.get(
    '/api/settings',
    { schema: { tags: ['Sistem'], summary: 'Installation settings', response: { 200: Settings } } },
    () => getSettings(db),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  authRoutes(app, db);
  throttleRoutes(app, db);
  accountsRoutes(app, db);
  auditRoutes(app, db);
  regionsRoutes(app, db);
  korwilRoutes(app, db);
  tpsRoutes(app, db);
  contestsRoutes(app, db);
  stagesRoutes(app, db);
  if (database.url !== undefined && options.relay !== false) {
    const relay = await startPgRelay(hub, database.url, (m) => app.log.warn(m));
    app.addHook('onClose', () => relay.close());
  }
  const dataDir = options.dataDir ?? dataDirFromEnv();
  // Features that take uploads each get their own plugin context, so the body
  // parsers they add (photos, materials, a streamed DP4) apply to their own
  // routes only and never collide over a media type.
  await feature(app, (scope) => resultsRoutes(scope, db, hub, dataDir));
  await feature(app, (scope) => problemsRoutes(scope, db, hub, dataDir));
  await feature(app, (scope) => peopleRoutes(scope, db, dataDir));
  await feature(app, (scope) => votersRoutes(scope, db, dataDir));
  // News and outreach (issue 8): desk workflow, public pages, feeds, OG page.
  const indexHtml = hasWeb ? readFileSync(resolve(webDir, 'index.html'), 'utf8') : null;
  await feature(app, (scope) => newsRoutes(scope, db, dataDir, indexHtml, options.publicBaseUrl));
  // Dashboard, reports and exports (issue 8)
  await feature(app, (scope) => dashboardRoutes(scope, db));
  if (options.benchReference === true) {
    app.post(
      '/api/bench/validate',
      { schema: { hide: true, body: ResultSubmissionBody } },
      async (_req, reply) => reply.status(204).send(),
    );
  }

  if (hasWeb) {
    // Built pages; the web app routes on the client (see the not-found handler).
    // The build writes .br/.gz beside each asset (vite.config.ts): sent as they are.
    // Hashed assets never change under their name: cached for a year; everything
    // else (index.html, icons, the manifest) is revalidated on each use.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', assetCacheControl(webDir, path));
      },
    });
  }
  return app;
}
