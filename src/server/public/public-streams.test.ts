import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicSite, Snapshot } from './public-site.ts';
import { PublicStreams } from './public-streams.ts';

/** A site that only announces the snapshots the test hands it. */
function fakeSite() {
  const listeners = new Set<(s: Snapshot) => void>();
  const site = {
    onChange(l: (s: Snapshot) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as PublicSite;
  return { site, emit: (s: Snapshot) => listeners.forEach((l) => l(s)) };
}

let version = 0;
function snapshot(bytes = 1000): Snapshot {
  version += 1;
  const json = Buffer.from(JSON.stringify({ v: version, pad: 'x'.repeat(bytes) }));
  return {
    key: 'results:2',
    status: 200,
    json,
    gzip: json,
    br: json,
    etag: `"${String(version)}"`,
    lastModified: new Date().toUTCString(),
    readAt: Date.now(),
    version,
  };
}

/** A response whose socket accepts `capacity` bytes, then reports full until `drain()`. */
class FakeResponse extends EventEmitter {
  chunks: Buffer[] = [];
  buffered = 0;
  destroyed = false;
  constructor(private readonly capacity = Infinity) {
    super();
  }
  writeHead() {
    return this;
  }
  write(chunk: Buffer | string): boolean {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.chunks.push(b);
    this.buffered += b.length;
    return this.buffered < this.capacity;
  }
  drain() {
    this.buffered = 0;
    this.emit('drain');
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
  frames() {
    return this.chunks.map(String).filter((c) => c.startsWith('id: '));
  }
}

const req = () => new EventEmitter() as unknown as IncomingMessage;
const asRes = (r: FakeResponse) => r as unknown as ServerResponse;

describe('public results streams', () => {
  let streams: PublicStreams | undefined;
  afterEach(() => streams?.close());

  it('fans one serialized frame out to every stream (the same bytes, no copy per viewer)', () => {
    const { site, emit } = fakeSite();
    streams = new PublicStreams(site, { max: 10_000 });
    const first = snapshot();
    const clients = Array.from({ length: 2000 }, () => new FakeResponse());
    for (const c of clients) expect(streams.open(req(), asRes(c), first)).toBe(true);
    const next = snapshot();
    emit(next);
    const frames = clients.map((c) => c.chunks.at(-1));
    expect(new Set(frames).size).toBe(1); // one Buffer instance for all
    expect(String(frames[0])).toContain(`id: ${String(next.version)}\nevent: results\ndata: {"v":`);
    expect(clients.every((c) => c.frames().length === 2)).toBe(true);
    // Another contest's stream is not written.
    emit({ ...snapshot(), key: 'results:3' });
    expect(clients.every((c) => c.frames().length === 2)).toBe(true);
  });

  it('skips a slow reader while its socket is full and sends only the latest snapshot when it drains', () => {
    const { site, emit } = fakeSite();
    streams = new PublicStreams(site);
    const slow = new FakeResponse(5000);
    const fast = new FakeResponse();
    streams.open(req(), asRes(slow), snapshot(6000)); // fills the slow socket at once
    streams.open(req(), asRes(fast), snapshot(6000));
    const before = slow.buffered;
    let last = snapshot();
    for (let i = 0; i < 500; i += 1) {
      last = snapshot(6000);
      emit(last);
    }
    // Nothing more was queued for the slow reader: memory held for it did not grow.
    expect(slow.buffered).toBe(before);
    expect(streams.stats.skipped).toBeGreaterThanOrEqual(500);
    expect(fast.frames()).toHaveLength(501);
    slow.drain();
    expect(slow.frames()).toHaveLength(2);
    expect(slow.frames().at(-1)).toContain(`id: ${String(last.version)}\n`);
  });

  it('closes a stream stuck full for too long, and forgets streams whose client went', async () => {
    const { site } = fakeSite();
    streams = new PublicStreams(site, { stuckMs: 30, keepAliveMs: 10 });
    const stuck = new FakeResponse(10);
    const gone = new FakeResponse();
    const goneReq = req();
    streams.open(req(), asRes(stuck), snapshot());
    streams.open(goneReq, asRes(gone), snapshot());
    expect(streams.size).toBe(2);
    goneReq.emit('close');
    expect(streams.size).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(stuck.destroyed).toBe(true);
    expect(streams.size).toBe(0);
    expect(streams.stats.closedStuck).toBe(1);
  });

  it('refuses streams over the cap, and takes one again when a place frees', () => {
    const { site } = fakeSite();
    streams = new PublicStreams(site, { max: 2 });
    const a = new FakeResponse();
    expect(streams.open(req(), asRes(a), snapshot())).toBe(true);
    expect(streams.open(req(), asRes(new FakeResponse()), snapshot())).toBe(true);
    const third = new FakeResponse();
    expect(streams.open(req(), asRes(third), snapshot())).toBe(false);
    expect(third.chunks).toHaveLength(0);
    a.destroy();
    expect(streams.open(req(), asRes(third), snapshot())).toBe(true);
    expect(streams.stats.refused).toBe(1);
  });
});
