/**
 * Stream crowd of `bench/public.bench.ts`, in a worker thread so its clients
 * do not share the server's event loop: holds N open public result streams
 * (counting events and remembering each one's last event id, without parsing
 * the JSON), one watcher stream per contest that parses every event, and a
 * poller of the desk's live totals — so that how far behind the public
 * figure ran can be measured.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface StreamSetup {
  readonly base: string;
  readonly cookie: string;
  readonly contestIds: readonly number[];
  readonly streams: number;
}

export type StreamCommand = { cmd: 'open' } | { cmd: 'watch' } | { cmd: 'report' };

export interface StreamReport {
  readonly open: number;
  readonly refused: Record<string, number>;
  /** Per contest: the last event id the watcher saw, and how many streams ended on it. */
  readonly final: { contestId: number; lastId: number; streamsOnLast: number; streams: number }[];
  readonly eventsPerStream: { min: number; avg: number; max: number };
  readonly watcherEvents: number;
  /** Worst lag of the public stream behind the desk's live totals (ms). */
  readonly staleMaxMs: number;
  readonly staleP99Ms: number;
  readonly liveSamples: number;
}

const setup = workerData as StreamSetup;
const url = new URL(setup.base);
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

interface Held {
  readonly contestId: number;
  events: number;
  lastId: number;
  tail: string;
}
const held: Held[] = [];
const refused: Record<string, number> = {};

function openStream(
  contestId: number,
  onEvent: (id: number, data: string | null) => void,
  parse: boolean,
): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: `/api/public/results/stream?contestId=${String(contestId)}`,
        agent,
      },
      (res) => {
        if (res.statusCode !== 200) {
          refused[String(res.statusCode)] = (refused[String(res.statusCode)] ?? 0) + 1;
          res.resume();
          resolve(false);
          return;
        }
        resolve(true);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          let end;
          while ((end = text.indexOf('\n\n')) >= 0) {
            const block = text.slice(0, end);
            text = text.slice(end + 2);
            if (!block.startsWith('id: ')) continue;
            const nl = block.indexOf('\n');
            const id = Number(block.slice(4, nl));
            if (!parse) {
              onEvent(id, null);
              continue;
            }
            const d = block.indexOf('\ndata: ');
            onEvent(id, d < 0 ? null : block.slice(d + 7));
          }
        });
      },
    );
    req.on('error', () => {
      refused.error = (refused.error ?? 0) + 1;
      resolve(false);
    });
  });
}

/** Public figure over time (per contest): [time, reported] from the watcher streams. */
const publicSeen = new Map<number, [number, number][]>();
/** Desk's live figure over time: [request time, reported]. */
const liveSeen = new Map<number, [number, number][]>();
const lastIdOf = new Map<number, number>();
let watcherEvents = 0;
let polling = false;

function getJson(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(
        { host: url.hostname, port: url.port, path, headers: { cookie: setup.cookie } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString()));
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
        },
      )
      .on('error', reject);
  });
}

async function pollLive(): Promise<void> {
  while (polling) {
    for (const c of setup.contestIds) {
      const t = now();
      try {
        const body = (await getJson(`/api/results/summary?contestId=${String(c)}`)) as {
          region: { reported: number };
        };
        liveSeen.get(c)?.push([t, body.region.reported]);
      } catch {
        // a failed poll is no sample
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function percentile(values: number[], p: number): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (message: StreamCommand) => {
  void (async () => {
    if (message.cmd === 'open') {
      for (const c of setup.contestIds) {
        publicSeen.set(c, []);
        liveSeen.set(c, []);
        await openStream(
          c,
          (id, data) => {
            watcherEvents += 1;
            lastIdOf.set(c, id);
            if (data !== null) {
              const body = JSON.parse(data) as { region: { reported: number } };
              publicSeen.get(c)?.push([now(), body.region.reported]);
            }
          },
          true,
        );
      }
      // The crowd's streams, 100 at a time.
      for (let i = 0; i < setup.streams; i += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, setup.streams - i) }, (_, k) => {
            const contestId = setup.contestIds[(i + k) % setup.contestIds.length] ?? 0;
            const h: Held = { contestId, events: 0, lastId: 0, tail: '' };
            return openStream(
              contestId,
              (id) => {
                h.events += 1;
                h.lastId = id;
              },
              false,
            ).then((ok) => {
              if (ok) held.push(h);
            });
          }),
        );
      }
      parentPort?.postMessage({ open: held.length, refused });
    } else if (message.cmd === 'watch') {
      polling = true;
      void pollLive();
      parentPort?.postMessage({ watching: true });
    } else {
      polling = false;
      const lags: number[] = [];
      for (const c of setup.contestIds) {
        const seen = publicSeen.get(c) ?? [];
        for (const [t, reported] of liveSeen.get(c) ?? []) {
          const first = seen.find(([, r]) => r >= reported);
          lags.push(first === undefined ? Number.POSITIVE_INFINITY : Math.max(0, first[0] - t));
        }
      }
      const counts = held.map((h) => h.events);
      parentPort?.postMessage({
        open: held.length,
        refused,
        final: setup.contestIds.map((c) => {
          const lastId = lastIdOf.get(c) ?? 0;
          const mine = held.filter((h) => h.contestId === c);
          return {
            contestId: c,
            lastId,
            streamsOnLast: mine.filter((h) => h.lastId === lastId).length,
            streams: mine.length,
          };
        }),
        eventsPerStream: {
          min: Math.min(...counts),
          avg: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length),
          max: Math.max(...counts),
        },
        watcherEvents,
        staleMaxMs: lags.length === 0 ? 0 : Math.max(...lags),
        staleP99Ms: lags.length === 0 ? 0 : percentile(lags, 99),
        liveSamples: lags.length,
      } satisfies StreamReport);
    }
  })();
});
