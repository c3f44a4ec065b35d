/**
 * Wires the public site into the server (issue 28): a fast path that answers
 * the exact public URLs from memory before routing's hooks, session lookup
 * and serialization; the live results stream; and the events that keep the
 * snapshots fresh. Signed-in requests (a session cookie) skip the fast path:
 * the desk always reads live data.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ErrorBody } from '../../domain/common/error.schema.ts';
import { KECAMATAN_CODE } from '../../domain/results/results.schema.ts';
import type { Db } from '../db/connection.ts';
import { errorBody } from '../http/errors.ts';
import type { ZodApp } from '../http/reply.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { chooseCoding, etagMatches } from './http-cache.ts';
import {
  PublicSite,
  type PublicSiteOptions,
  type Snapshot,
  type SnapshotKey,
} from './public-site.ts';
import { PublicStreams, type PublicStreamsOptions } from './public-streams.ts';
import { FAST_PATH_SECURITY_HEADERS } from './security-headers.ts';

/** Phones, proxies and CDNs may keep a public answer a second, then revalidate in the background. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=1, stale-while-revalidate=10';

export interface PublicOptions extends PublicSiteOptions {
  readonly streams?: PublicStreamsOptions;
}

/** Writes that change what the public snapshots show (other than results, which send events). */
const INVALIDATING = [
  '/api/settings',
  '/api/setup',
  '/api/contests',
  '/api/stages',
  '/api/news',
  '/api/regions',
  '/api/korwil',
  '/api/tps',
];

const MAX_ID = 2_147_483_647;
const positiveId = (s: string | undefined, max: number): number | null => {
  if (s === undefined || !/^[1-9][0-9]{0,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
};

/**
 * The snapshot a GET answers, or null to let the route answer (anything
 * unusual: a repeated or malformed parameter gets the route's 400).
 */
export function snapshotKeyOf(url: string): SnapshotKey | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  switch (path) {
    case '/api/settings':
      return 'settings';
    case '/api/contests':
      return 'contests';
    case '/api/stages':
      return 'stages';
    case '/api/public/problems/places':
      return 'problem-places';
    case '/api/public/news': {
      const limits = new URLSearchParams(q < 0 ? '' : url.slice(q + 1)).getAll('limit');
      if (limits.length === 0) return 'news:20';
      const n = limits.length === 1 ? positiveId(limits[0], 50) : null;
      return n === null ? null : `news:${n}`;
    }
    case '/api/public/results': {
      const ids = new URLSearchParams(q < 0 ? '' : url.slice(q + 1)).getAll('contestId');
      const n = ids.length === 1 ? positiveId(ids[0], MAX_ID) : null;
      return n === null ? null : `results:${n}`;
    }
    case '/api/public/results/kecamatan': {
      const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
      const ids = params.getAll('contestId');
      const codes = params.getAll('code');
      const n = ids.length === 1 ? positiveId(ids[0], MAX_ID) : null;
      const code = codes.length === 1 ? codes[0] : undefined;
      return n === null || code === undefined || !KECAMATAN_CODE.test(code)
        ? null
        : `kecamatan:${n}:${code}`;
    }
    default:
      return null;
  }
}

/** Whether the contest (and kecamatan) of a results key exist; undefined if not known without waiting. */
function knownNow(site: PublicSite, key: SnapshotKey): boolean | undefined {
  if (key.startsWith('results:')) return site.knownContestNow(Number(key.slice(8)));
  if (key.startsWith('kecamatan:')) {
    const [, id, code] = key.split(':') as [string, string, string];
    return site.knownKecamatanNow(Number(id), code);
  }
  return true;
}

async function known(site: PublicSite, key: SnapshotKey): Promise<boolean> {
  if (key.startsWith('results:')) return site.knownContest(Number(key.slice(8)));
  if (key.startsWith('kecamatan:')) {
    const [, id, code] = key.split(':') as [string, string, string];
    return site.knownKecamatan(Number(id), code);
  }
  return true;
}

const hasSession = (req: IncomingMessage) =>
  req.headers.cookie?.includes(`${SESSION_COOKIE}=`) === true;

/** Sends a snapshot: 304 for a matching If-None-Match, else the bytes in the best accepted coding. */
export function sendSnapshot(req: IncomingMessage, res: ServerResponse, snap: Snapshot): void {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    etag: snap.etag,
    'last-modified': snap.lastModified,
    'cache-control': PUBLIC_CACHE_CONTROL,
    vary: 'accept-encoding',
    ...FAST_PATH_SECURITY_HEADERS,
  };
  if (etagMatches(req.headers['if-none-match'], snap.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const coding = chooseCoding(req.headers['accept-encoding']);
  let body = snap.json;
  if (coding === 'br' && snap.br.length < body.length) body = snap.br;
  else if (coding !== 'identity' && snap.gzip.length < body.length) body = snap.gzip;
  if (body !== snap.json) headers['content-encoding'] = body === snap.br ? 'br' : 'gzip';
  headers['content-length'] = body.length;
  res.writeHead(snap.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

export interface PublicHandle {
  readonly site: PublicSite;
  readonly streams: PublicStreams;
  /**
   * For the HTTP server's request listener, ahead of Fastify: answers a
   * public read from a fresh snapshot at once and returns true; false (having
   * written nothing) for anything else, which then goes through Fastify —
   * where the onRequest hook below answers public reads that must wait for a
   * build.
   */
  readonly preRoute: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Installs the fast path (call before any other onRequest hook), the stream route and the events. */
export function installPublic(
  app: ZodApp,
  db: Db,
  hub: LiveHub,
  options: PublicOptions = {},
): PublicHandle {
  const site = new PublicSite(db, options);
  const streams = new PublicStreams(site, options.streams);
  const stopEvents = hub.subscribe((event) => site.resultsChanged(event.contestId));
  app.addHook('onClose', (_app, done) => {
    stopEvents();
    streams.close();
    site.close();
    done();
  });

  app.addHook('onRequest', (request, reply, done) => {
    const req = request.raw;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url === undefined) return done();
    const key = snapshotKeyOf(req.url);
    if (key === null || hasSession(req)) return done();
    void (async () => {
      let snap: Snapshot;
      try {
        // An unknown contest or kecamatan is answered by its route (404): no snapshot per forged id.
        if (!(await known(site, key))) return done();
        snap = await site.get(key);
      } catch {
        return done(); // the route answers (and reports) what went wrong
      }
      reply.hijack();
      sendSnapshot(req, reply.raw, snap);
    })();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD' && reply.statusCode < 400) {
      const url = request.url;
      if (INVALIDATING.some((p) => url.startsWith(p))) site.everythingChanged();
    }
    done();
  });

  app.get(
    '/api/public/results/stream',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          'Server-Sent Events: `results` with the public totals of a contest (the same JSON as /api/public/results), at once and on each change',
        querystring: z.object({
          contestId: z.coerce.number().int().positive().max(MAX_ID),
        }),
        response: { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      if (streams.full) {
        return reply
          .status(429)
          .header('retry-after', '10')
          .send(
            errorBody({
              code: 'public.streams_full',
              message: 'Terlalu banyak pembaca langsung saat ini; halaman dimuat ulang otomatis.',
            }),
          );
      }
      const snap = (await site.knownContest(req.query.contestId))
        ? await site.get(`results:${req.query.contestId}`)
        : undefined;
      if (snap === undefined) {
        return reply.status(404).send(
          errorBody({
            code: 'contest.not_found',
            message: `Pemilihan dengan id ${String(req.query.contestId)} tidak ditemukan.`,
            field: 'contestId',
          }),
        );
      }
      if (snap.status !== 200) {
        return reply.status(404).send(JSON.parse(snap.json.toString()) as ErrorBody);
      }
      reply.hijack();
      if (!streams.open(req.raw, reply.raw, snap)) {
        reply.raw.writeHead(429, {
          ...FAST_PATH_SECURITY_HEADERS,
          'content-type': 'application/json; charset=utf-8',
          'retry-after': '10',
        });
        reply.raw.end(
          JSON.stringify(
            errorBody({
              code: 'public.streams_full',
              message: 'Terlalu banyak pembaca langsung saat ini; halaman dimuat ulang otomatis.',
            }),
          ),
        );
      }
    },
  );
  const preRoute = (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url === undefined) return false;
    if (!req.url.startsWith('/api/')) return false;
    const key = snapshotKeyOf(req.url);
    if (key === null || hasSession(req)) return false;
    if (knownNow(site, key) !== true) return false;
    const snap = site.fresh(key);
    if (snap === undefined) return false;
    sendSnapshot(req, res, snap);
    return true;
  };
  return { site, streams, preRoute };
}
