/**
 * The public site's answers as ready bytes (issue 28): the provisional totals
 * per contest (regency, its Korwil and kecamatan; per kecamatan its desa, built
 * on first request for real kecamatan only) and the other public reads
 * the home page makes (settings, contests, stage calendar, news list,
 * problem places). Each is built once per change — serialized exactly as its
 * route would, compressed once with gzip and brotli, with a strong ETag — and
 * served from memory to any number of readers.
 *
 * Freshness: a result event marks its contest's snapshot dirty and schedules
 * a rebuild, coalesced to at most one per `minIntervalMs`; every snapshot is
 * also refreshed lazily when a reader finds it older than `minIntervalMs`,
 * and a reader never gets one older than `maxStaleMs` (it waits for the
 * rebuild instead). A rebuild that finds the same bytes keeps the ETag and
 * Last-Modified, so caches keep answering 304.
 */
import { createHash } from 'node:crypto';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import type { Result } from '../../domain/common/result.ts';
import { ResultsSummary } from '../../domain/results/results.schema.ts';
import { Contest } from '../../domain/contests/contest.schema.ts';
import { StageCalendar } from '../../domain/stages/stage.schema.ts';
import { Settings } from '../../domain/settings/settings.schema.ts';
import { PublicNewsItem } from '../../domain/news/news.schema.ts';
import { ProblemPlaces } from '../../domain/problems/problems.schema.ts';
import { errorBody, STATUS } from '../http/errors.ts';
import { resultsSummary } from '../results/results.summary.ts';
import { listContests } from '../contests/contests.service.ts';
import { getCalendar } from '../stages/stages.service.ts';
import { getSettings } from '../settings/settings.service.ts';
import { publicNewsList } from '../news/news.service.ts';
import { problemPlaces } from '../problems/problems.service.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** One public answer, ready to send. */
export interface Snapshot {
  readonly key: string;
  readonly status: number;
  readonly json: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  /** Strong validator: a hash of the JSON bytes. */
  readonly etag: string;
  /** When these bytes first appeared (an HTTP date). */
  readonly lastModified: string;
  /** When the data was read (ms since epoch): the start of the build. */
  readonly readAt: number;
  /** Bumped each time the bytes change. */
  readonly version: number;
}

/** The keys of the public snapshots; `null` for anything else. */
export type SnapshotKey =
  | 'settings'
  | 'contests'
  | 'stages'
  | 'problem-places'
  | `news:${number}`
  | `results:${number}`
  /** One kecamatan's desa totals: `kecamatan:<contestId>:<kecamatan code>`. */
  | `kecamatan:${number}:${string}`;

export interface PublicSiteOptions {
  /** At most one rebuild of a snapshot per this many ms (default 1000). */
  readonly minIntervalMs?: number;
  /** A reader never gets a snapshot read longer ago than this (default 2000). */
  readonly maxStaleMs?: number;
  /** Clock (tests). */
  readonly now?: () => number;
}

type Built = { status: number; body: unknown };

class Entry {
  snapshot: Snapshot | undefined;
  building: Promise<Snapshot> | undefined;
  /** Bumped on every change notice; a build that started before one is redone. */
  changes = 0;
  builtChanges = -1;
  /** Rebuild before serving again (a write in this process). */
  forced = false;
  lastStart = 0;
  timer: NodeJS.Timeout | undefined;
  constructor(
    readonly key: SnapshotKey,
    readonly build: () => Promise<Built>,
  ) {}
}

const fromResult = <T>(schema: z.ZodType<T>, result: Result<T>): Built =>
  result.ok
    ? { status: 200, body: schema.parse(result.value) }
    : { status: STATUS[result.error.kind], body: errorBody(result.error) };

const plain = <T>(schema: z.ZodType<T>, value: T): Built => ({
  status: 200,
  body: schema.parse(value),
});

const tagOf = (json: Buffer) =>
  `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;

export class PublicSite {
  private readonly entries = new Map<SnapshotKey, Entry>();
  private readonly listeners = new Set<(snapshot: Snapshot) => void>();
  private readonly minIntervalMs: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;
  private closed = false;
  private contestIds: { version: number; ids: Set<number> } | undefined;
  /** The kecamatan codes of each contest's regency snapshot (its children), per snapshot version. */
  private readonly kecamatanCodes = new Map<number, { version: number; codes: Set<string> }>();
  /** Rebuilds done (tests, bench). */
  builds = 0;

  constructor(
    private readonly db: Db,
    options: PublicSiteOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.maxStaleMs = options.maxStaleMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** The snapshot for `key`, fresh within the staleness bound. */
  async get(key: SnapshotKey): Promise<Snapshot> {
    const entry = this.entry(key);
    if (entry.forced) {
      // A write in this process changed what it shows: the next reader waits for it.
      if (entry.building !== undefined) await entry.building.catch(() => undefined);
      return this.rebuild(entry);
    }
    return this.servable(entry) ?? this.rebuild(entry);
  }

  /**
   * The snapshot for `key` if it may be served without waiting (starting a
   * background rebuild when it is over `minIntervalMs` old); undefined when
   * the reader must wait for a build (see `get`). Never builds an entry.
   */
  fresh(key: SnapshotKey): Snapshot | undefined {
    const entry = this.entries.get(key);
    return entry === undefined || entry.forced ? undefined : this.servable(entry);
  }

  private servable(entry: Entry): Snapshot | undefined {
    const snap = entry.snapshot;
    if (snap === undefined) return undefined;
    const now = this.now();
    const age = now - snap.readAt;
    if (age >= this.maxStaleMs) return undefined;
    const dirty = entry.changes !== entry.builtChanges;
    if (dirty && now - entry.lastStart >= this.minIntervalMs) return undefined;
    if (age >= this.minIntervalMs) void this.rebuild(entry).catch(() => undefined);
    return snap;
  }

  /** Whether a contest exists, if known without waiting (a fresh contests snapshot). */
  knownContestNow(id: number): boolean | undefined {
    const snap = this.fresh('contests');
    if (snap === undefined || this.contestIds?.version !== snap.version) return undefined;
    return this.contestIds.ids.has(id);
  }

  /**
   * Whether a contest exists (from the contests snapshot), so that only real
   * contests get a snapshot of their own: forged ids cannot grow memory.
   */
  async knownContest(id: number): Promise<boolean> {
    const snap = await this.get('contests');
    if (this.contestIds?.version !== snap.version) {
      const list = JSON.parse(snap.json.toString()) as { id: number }[];
      this.contestIds = { version: snap.version, ids: new Set(list.map((c) => c.id)) };
    }
    return this.contestIds.ids.has(id);
  }

  private kecamatanOf(contestId: number, snap: Snapshot): Set<string> {
    const known = this.kecamatanCodes.get(contestId);
    if (known?.version === snap.version) return known.codes;
    const codes = new Set<string>();
    if (snap.status === 200) {
      const summary = JSON.parse(snap.json.toString()) as { children: { code: string }[] };
      for (const c of summary.children) codes.add(c.code);
    }
    this.kecamatanCodes.set(contestId, { version: snap.version, codes });
    return codes;
  }

  /** Whether a kecamatan is one of a contest's regency, if known without waiting. */
  knownKecamatanNow(contestId: number, code: string): boolean | undefined {
    if (this.knownContestNow(contestId) !== true) return undefined;
    const snap = this.fresh(`results:${contestId}`);
    return snap === undefined ? undefined : this.kecamatanOf(contestId, snap).has(code);
  }

  /**
   * Whether a kecamatan is one of a contest's regency (from the contest's
   * regency snapshot), so that only real kecamatan get a desa snapshot:
   * forged codes cannot grow memory.
   */
  async knownKecamatan(contestId: number, code: string): Promise<boolean> {
    if (!(await this.knownContest(contestId))) return false;
    return this.kecamatanOf(contestId, await this.get(`results:${contestId}`)).has(code);
  }

  /** The current snapshot if there is one (no build). */
  peek(key: SnapshotKey): Snapshot | undefined {
    return this.entries.get(key)?.snapshot;
  }

  /** A contest's results changed (a result accepted, corrected or moved in its workflow). */
  resultsChanged(contestId: number): void {
    const entry = this.entries.get(`results:${contestId}`);
    if (entry !== undefined) this.changed(entry);
    const prefix = `kecamatan:${contestId}:`;
    for (const [key, e] of this.entries) if (key.startsWith(prefix)) this.changed(e);
  }

  /**
   * Something other than results changed in this process (news, stages,
   * contests, settings, regions…): every snapshot is rebuilt before it is
   * served again.
   */
  everythingChanged(): void {
    for (const entry of this.entries.values()) {
      entry.forced = true;
      this.changed(entry);
    }
  }

  /** Called with each snapshot whose bytes changed. */
  onChange(listener: (snapshot: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no rebuild is pending or running (tests). */
  async settled(): Promise<void> {
    for (;;) {
      const busy = [...this.entries.values()].filter(
        (e) => e.building !== undefined || e.timer !== undefined,
      );
      if (busy.length === 0) return;
      await Promise.all(
        busy.map((e) =>
          e.building !== undefined
            ? e.building.then(
                () => undefined,
                () => undefined,
              )
            : new Promise((r) => setTimeout(r, 5)),
        ),
      );
    }
  }

  close(): void {
    this.closed = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
    this.listeners.clear();
  }

  private entry(key: SnapshotKey): Entry {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = new Entry(key, this.builderOf(key));
      this.entries.set(key, entry);
    }
    return entry;
  }

  private builderOf(key: SnapshotKey): () => Promise<Built> {
    const db = this.db;
    if (key === 'settings') return async () => plain(Settings, await getSettings(db));
    if (key === 'contests') return async () => plain(z.array(Contest), await listContests(db));
    if (key === 'stages') return async () => plain(StageCalendar, await getCalendar(db));
    if (key === 'problem-places')
      return async () => fromResult(ProblemPlaces, await problemPlaces(db, 'public'));
    const [kind, n, code] = key.split(':') as [string, string, string | undefined];
    const id = Number(n);
    if (kind === 'kecamatan')
      return async () =>
        fromResult(ResultsSummary, await resultsSummary(db, 'public', id, { code }));
    if (kind === 'news')
      return async () => plain(z.array(PublicNewsItem), await publicNewsList(db, id));
    return async () => fromResult(ResultsSummary, await resultsSummary(db, 'public', id));
  }

  private changed(entry: Entry): void {
    entry.changes += 1;
    this.schedule(entry);
  }

  /** A rebuild at most `minIntervalMs` after the last one started. */
  private schedule(entry: Entry): void {
    if (entry.timer !== undefined || this.closed) return;
    const wait = Math.max(0, entry.lastStart + this.minIntervalMs - this.now());
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.rebuild(entry).catch(() => {});
    }, wait);
    entry.timer.unref();
  }

  /** Builds now (joining a build under way that already covers every change noticed). */
  private rebuild(entry: Entry): Promise<Snapshot> {
    if (entry.building !== undefined) return entry.building;
    const changesAtStart = entry.changes;
    entry.forced = false;
    const readAt = this.now();
    entry.lastStart = readAt;
    const building = (async () => {
      const built = await entry.build();
      const json = Buffer.from(JSON.stringify(built.body));
      const previous = entry.snapshot;
      let snapshot: Snapshot;
      if (
        previous !== undefined &&
        previous.status === built.status &&
        previous.json.equals(json)
      ) {
        snapshot = { ...previous, readAt };
      } else {
        const [gz, br] = await Promise.all([
          gzipAsync(json, { level: 9 }),
          brotliAsync(json, {
            params: {
              [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
              [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length,
            },
          }),
        ]);
        snapshot = {
          key: entry.key,
          status: built.status,
          json,
          gzip: gz,
          br,
          etag: tagOf(json),
          lastModified: new Date(readAt).toUTCString(),
          readAt,
          version: (previous?.version ?? 0) + 1,
        };
      }
      entry.snapshot = snapshot;
      entry.builtChanges = changesAtStart;
      this.builds += 1;
      if (snapshot.version !== previous?.version) {
        for (const listener of this.listeners) listener(snapshot);
      }
      return snapshot;
    })();
    entry.building = building;
    building.catch(() => {
      // A failed build (database gone, shutting down): the next reader tries again.
    });
    void building
      .finally(() => {
        entry.building = undefined;
        // A change noticed while building may not be in these bytes: build again.
        if (entry.changes !== changesAtStart) this.schedule(entry);
      })
      .catch(() => {});
    return building;
  }
}
