/**
 * Live public results (issue 28): Server-Sent Events fed from the snapshots,
 * never from the database. Each snapshot change is serialized ONCE into an
 * event frame that every open stream of that contest is written; a stream
 * whose socket buffer is full is skipped and, when it drains, gets the
 * latest frame only (so a slow reader holds at most one frame of memory).
 * The number of streams is capped; a stream stuck full for too long, or whose
 * client went, is closed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PublicSite, Snapshot, SnapshotKey } from './public-site.ts';
import { FAST_PATH_SECURITY_HEADERS } from './security-headers.ts';

export interface PublicStreamsOptions {
  /** Most streams open at once (default 5,000); more are refused with 429. */
  readonly max?: number;
  /** A stream whose socket has not drained for this long is closed (default 30 s). */
  readonly stuckMs?: number;
  /** Comment sent to idle streams to keep proxies from closing them (default 20 s). */
  readonly keepAliveMs?: number;
}

interface Frame {
  readonly version: number;
  readonly bytes: Buffer;
}

interface Client {
  readonly res: ServerResponse;
  readonly key: SnapshotKey;
  /** Version of the last frame written. */
  sent: number;
  /** Since when the socket's buffer has been full (ms), or null. */
  blockedSince: number | null;
}

const frameOf = (snapshot: Snapshot): Frame => ({
  version: snapshot.version,
  // The JSON is one line (JSON.stringify escapes newlines), as SSE requires.
  bytes: Buffer.concat([
    Buffer.from(`id: ${String(snapshot.version)}\nevent: results\ndata: `),
    snapshot.json,
    Buffer.from('\n\n'),
  ]),
});

export class PublicStreams {
  private readonly byKey = new Map<SnapshotKey, Set<Client>>();
  private readonly frames = new Map<SnapshotKey, Frame>();
  private count = 0;
  private readonly max: number;
  private readonly stuckMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** Frames written and skipped (a full socket) since start (tests, bench). */
  readonly stats = { written: 0, skipped: 0, closedStuck: 0, refused: 0 };

  constructor(site: PublicSite, options: PublicStreamsOptions = {}) {
    this.max = options.max ?? 5000;
    this.stuckMs = options.stuckMs ?? 30_000;
    this.unsubscribe = site.onChange((snapshot) => {
      if (snapshot.status === 200 && snapshot.key.startsWith('results:')) this.broadcast(snapshot);
    });
    this.timer = setInterval(() => this.keepAlive(), options.keepAliveMs ?? 20_000);
    this.timer.unref();
  }

  get size(): number {
    return this.count;
  }

  /** Whether another stream may open. */
  get full(): boolean {
    return this.count >= this.max;
  }

  /**
   * Takes over `res` as a stream of `snapshot`'s key, starting with the
   * snapshot itself. False (nothing written) when the cap is reached.
   */
  open(req: IncomingMessage, res: ServerResponse, snapshot: Snapshot): boolean {
    if (this.full) {
      this.stats.refused += 1;
      return false;
    }
    const key = snapshot.key as SnapshotKey;
    const client: Client = { res, key, sent: 0, blockedSince: null };
    let set = this.byKey.get(key);
    if (set === undefined) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(client);
    this.count += 1;
    const current = this.frames.get(key);
    if (current === undefined || current.version < snapshot.version) {
      this.frames.set(key, frameOf(snapshot));
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...FAST_PATH_SECURITY_HEADERS,
    });
    res.write('retry: 3000\n\n');
    this.deliver(client);
    let gone = false;
    const close = () => {
      if (gone) return;
      gone = true;
      set.delete(client);
      this.count -= 1;
    };
    req.on('close', close);
    res.on('close', close);
    res.on('error', close);
    res.on('drain', () => {
      client.blockedSince = null;
      this.deliver(client);
    });
    return true;
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const set of this.byKey.values()) for (const c of set) c.res.destroy();
  }

  private broadcast(snapshot: Snapshot): void {
    const key = snapshot.key as SnapshotKey;
    const current = this.frames.get(key);
    if (current !== undefined && current.version >= snapshot.version) return;
    this.frames.set(key, frameOf(snapshot));
    const set = this.byKey.get(key);
    if (set === undefined) return;
    for (const client of set) this.deliver(client);
  }

  /** Writes the latest frame unless the socket is full (then it waits for 'drain'). */
  private deliver(client: Client): void {
    const frame = this.frames.get(client.key);
    if (frame === undefined || frame.version <= client.sent) return;
    if (client.blockedSince !== null || client.res.destroyed) {
      this.stats.skipped += 1;
      return;
    }
    client.sent = frame.version;
    this.stats.written += 1;
    if (!client.res.write(frame.bytes)) client.blockedSince = Date.now();
  }

  private keepAlive(): void {
    const now = Date.now();
    for (const set of this.byKey.values()) {
      for (const client of set) {
        if (client.blockedSince === null) {
          if (!client.res.write(': ping\n\n')) client.blockedSince = now;
        } else if (now - client.blockedSince >= this.stuckMs) {
          this.stats.closedStuck += 1;
          client.res.destroy();
        }
      }
    }
  }
}
