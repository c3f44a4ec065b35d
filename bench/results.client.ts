/**
 * Load generator of `bench/results.bench.ts`, in a worker thread so the
 * clients do not share the server's event loop. N concurrent keep-alive
 * HTTP clients (node:http Agent) take jobs from one queue.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { consistentForm } from '../src/server/results/form-fixture.ts';

export interface ClientSetup {
  readonly base: string;
  readonly cookie: string;
  readonly csrfToken: string;
  readonly clients: number;
  readonly seed: number;
  /** Flat [tpsId, contestId, voters] triples, one per submission. */
  readonly jobs: Int32Array;
  readonly pairs: Record<number, number[]>;
}

export type ClientCommand =
  { cmd: 'reference' } | { cmd: 'night' } | { cmd: 'resend'; fraction: number };

export interface PassReport {
  readonly requests: number;
  readonly elapsedMs: number;
  readonly statuses: Record<string, number>;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Wall-clock (epoch ms) of the last 201 response. */
  readonly last201At: number;
  readonly firstErrors: string[];
}

export interface NightReport extends PassReport {
  /** Votes sent per selection id (each TPS × contest once). */
  readonly votesSent: Record<number, number>;
  readonly clientIds: number;
}

const setup = workerData as ClientSetup;
const agent = new http.Agent({ keepAlive: true, maxSockets: setup.clients });
const url = new URL(setup.base);
const now = () => performance.timeOrigin + performance.now();

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every body is built before any timing starts.
const random = mulberry32(setup.seed);
const count = setup.jobs.length / 3;
const bodies: string[] = new Array<string>(count);
const votesSent: Record<number, number> = {};
for (let i = 0; i < count; i++) {
  const tpsId = setup.jobs[i * 3] ?? 0;
  const contestId = setup.jobs[i * 3 + 1] ?? 0;
  const dpt = setup.jobs[i * 3 + 2] ?? 0;
  const pairIds = setup.pairs[contestId] ?? [];
  const voted = Math.floor(dpt * (0.55 + random() * 0.35));
  const invalid = Math.floor(voted * random() * 0.04);
  let left = voted - invalid;
  const votes = pairIds.map((selectionId, k) => {
    const v = k === pairIds.length - 1 ? left : Math.floor(left * random() * 0.7);
    left -= v;
    votesSent[selectionId] = (votesSent[selectionId] ?? 0) + v;
    return { selectionId, votes: v };
  });
  bodies[i] = JSON.stringify({
    clientId: randomUUID(),
    tpsId,
    contestId,
    form: consistentForm({ dpt, votes, invalid }),
  });
}

function post(
  path: string,
  body: string,
  signedIn: boolean,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    if (signedIn) {
      headers.cookie = setup.cookie;
      headers['x-csrf-token'] = setup.csrfToken;
    }
    const req = http.request(
      { host: url.hostname, port: url.port, path, method: 'POST', agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function pass(
  path: string,
  indices: readonly number[] | null,
  signedIn: boolean,
): Promise<PassReport> {
  const n = indices === null ? count : indices.length;
  const latencies = new Float64Array(n);
  const statuses: Record<string, number> = {};
  const firstErrors: string[] = [];
  let next = 0;
  let last201At = 0;
  const start = now();
  const client = async () => {
    for (;;) {
      const k = next++;
      if (k >= n) return;
      const body = bodies[indices === null ? k : (indices[k] ?? 0)] ?? '';
      const t0 = now();
      let status: number;
      try {
        const res = await post(path, body, signedIn);
        status = res.status;
        if (status >= 300 && firstErrors.length < 5)
          firstErrors.push(`${String(status)} ${res.text.slice(0, 300)}`);
      } catch (e) {
        status = 0;
        if (firstErrors.length < 5) firstErrors.push(String(e));
      }
      const t1 = now();
      latencies[k] = t1 - t0;
      if (status === 201 && t1 > last201At) last201At = t1;
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: setup.clients }, client));
  const elapsedMs = now() - start;
  latencies.sort();
  return {
    requests: n,
    elapsedMs,
    statuses,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[n - 1] ?? 0,
    last201At,
    firstErrors,
  };
}

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (message: ClientCommand) => {
  void (async () => {
    if (message.cmd === 'reference') {
      parentPort?.postMessage(await pass('/api/bench/validate', null, false));
    } else if (message.cmd === 'night') {
      const report = await pass('/api/results', null, true);
      parentPort?.postMessage({ ...report, votesSent, clientIds: count } satisfies NightReport);
    } else {
      const picked: number[] = [];
      const step = Math.max(1, Math.round(1 / message.fraction));
      for (let i = Math.floor(random() * step); i < count; i += step) picked.push(i);
      parentPort?.postMessage(await pass('/api/results', picked, true));
    }
  })();
});
