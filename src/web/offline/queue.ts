/**
 * The field app's submission queue: C.Hasil, problem reports and coklit
 * records (with their photos, and photos of household visits) kept in IndexedDB on the device until the
 * server has taken them, sent on page load, when the connection returns, on
 * "Kirim sekarang", and after the owner signs in again.
 *
 * The rules (states, answers, back-off) are the pure core in queue-core.ts;
 * this module stores items and talks to the server through `queuedWrite`.
 * Every item keeps the client id the server deduplicates by, and the photos
 * are deduplicated by their content hash, so a resend never records twice.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { useSyncExternalStore } from 'react';
import {
  queuedWrite,
  type ApiResult,
  type CoklitWrite,
  type NewVoterWrite,
  type ProblemReport,
  type ResultSubmit,
} from '../api.ts';
import {
  afterAnswer,
  classify,
  countOf,
  isDue,
  newItem,
  resume,
  retryNow,
  startSend,
  type QueueCounts,
  type QueueError,
  type QueueItemState,
  type SendAnswer,
} from './queue-core.ts';

export type QueuePayload =
  | { kind: 'chasil'; tpsId: number; contestId: number; submit: ResultSubmit | null }
  | { kind: 'problem'; report: ProblemReport & { clientId: string } }
  | { kind: 'coklit'; voterId: number; body: CoklitWrite }
  | { kind: 'coklit'; newVoterAtTps: number; body: NewVoterWrite }
  /** Photos of a household visit whose sticker number was issued (no record to send). */
  | { kind: 'coklit'; household: number };

export interface QueueItem extends QueueItemState {
  /** What the officer sees in the list ("C.Hasil Pilbup TPS 001 Ngadisari"). */
  label: string;
  /** The page to fix it on. */
  link: string;
  payload: QueuePayload;
  /** Photos still to upload, after the record itself. */
  photos: Blob[];
  /** The record itself has been taken (only photos remain). */
  delivered: boolean;
  /** The report's id once taken (its photos are added to it). */
  problemId?: number | undefined;
  /** The household of a coklit record once taken (its photos are added to it). */
  householdId?: number | undefined;
}

interface QueueDb extends DBSchema {
  items: { key: string; value: QueueItem; indexes: { byUser: number } };
}

const DB_NAME = 'desk-pilkada-antrean';

let dbPromise: Promise<IDBPDatabase<QueueDb>> | undefined;
function database(): Promise<IDBPDatabase<QueueDb>> {
  dbPromise ??= openDB<QueueDb>(DB_NAME, 1, {
    upgrade(db) {
      const store = db.createObjectStore('items', { keyPath: 'clientId' });
      store.createIndex('byUser', 'userId');
    },
  });
  return dbPromise;
}

// ---------------------------------------------------------------------------
// State for the pages

let items: readonly QueueItem[] = [];
/** Who is signed in now (items are only sent for them). */
let userId: number | null = null;
/** Whose items the pages show: the signed-in account, or the last one (to say "Masuk lagi"). */
let shownUser: number | null = null;
let busy = false;
let onSignedOut: (error: QueueError) => void = () => undefined;

/** What to do when the server says the session has ended (the app asks to sign in again). */
export function setQueueSignedOutHandler(handler: (error: QueueError) => void): void {
  onSignedOut = handler;
}
const listeners = new Set<() => void>();

function publish(next: readonly QueueItem[]): void {
  items = [...next].sort((a, b) => a.createdAt - b.createdAt);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function reload(): Promise<void> {
  const db = await database();
  publish(await db.getAll('items'));
}

/** The signed-in account's queued items (oldest first). */
export function useQueue(): readonly QueueItem[] {
  const all = useSyncExternalStore(
    subscribe,
    () => items,
    () => items,
  );
  return useSyncExternalStore(
    subscribe,
    () => mineOf(all),
    () => mineOf(all),
  );
}

let mineCache: { from: readonly QueueItem[]; user: number | null; mine: QueueItem[] } | undefined;
function mineOf(all: readonly QueueItem[]): QueueItem[] {
  if (mineCache?.from !== all || mineCache.user !== shownUser) {
    mineCache = { from: all, user: shownUser, mine: all.filter((i) => i.userId === shownUser) };
  }
  return mineCache.mine;
}

export function useQueueCounts(): QueueCounts {
  return countOf(useQueue(), shownUser);
}

// ---------------------------------------------------------------------------
// Changes

/** Tells the app's other tabs on this device that the queue changed. */
const channel =
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('desk-antrean');
channel?.addEventListener('message', () => void reload());

async function put(item: QueueItem): Promise<void> {
  const db = await database();
  await db.put('items', item);
  publish([...items.filter((i) => i.clientId !== item.clientId), item]);
  channel?.postMessage('changed');
}

async function remove(clientId: string): Promise<void> {
  const db = await database();
  await db.delete('items', clientId);
  publish(items.filter((i) => i.clientId !== clientId));
  channel?.postMessage('changed');
}

/** Keeps a submission on the device and tries to send it at once. */
export async function enqueue(
  entry: Pick<QueueItem, 'clientId' | 'kind' | 'label' | 'link' | 'payload'> & {
    photos?: Blob[];
    delivered?: boolean;
  },
  owner: number,
): Promise<void> {
  const item: QueueItem = {
    ...newItem({ clientId: entry.clientId, kind: entry.kind, userId: owner }, Date.now()),
    label: entry.label,
    link: entry.link,
    payload: entry.payload,
    photos: entry.photos ?? [],
    delivered: entry.delivered ?? false,
  };
  await put(item);
  void sendQueue();
}

/** Removes an item the officer has decided not to send (after confirming). */
export async function discard(clientId: string): Promise<void> {
  await remove(clientId);
}

/** Sends a refused item again as it is (e.g. the window has opened meanwhile). */
export async function retryItem(clientId: string): Promise<void> {
  const item = items.find((i) => i.clientId === clientId);
  if (item === undefined) return;
  await put(retryNow(item, Date.now()));
  void sendQueue({ force: true });
}

/** The item with this client id, for the page that fixes it. */
export function queuedItem(clientId: string): QueueItem | undefined {
  return items.find((i) => i.clientId === clientId && i.userId === shownUser);
}

/** Whether `sendQueue` is running (for the "Mengirim…" label). */
export function isSending(): boolean {
  return busy;
}

// ---------------------------------------------------------------------------
// Sending

async function sendRecord(
  item: QueueItem,
): Promise<{ answer: SendAnswer; problemId?: number; householdId?: number }> {
  const p = item.payload;
  let sent: { result: ApiResult<unknown>; status: number };
  if (p.kind === 'coklit' && 'household' in p) return { answer: { kind: 'accepted' } };
  if (p.kind === 'chasil') {
    if (p.submit === null) return { answer: { kind: 'accepted' } };
    sent = await queuedWrite('POST', '/api/results', { body: p.submit });
  } else if (p.kind === 'problem') {
    sent = await queuedWrite<{ id: number }>('POST', '/api/problems', { body: p.report });
  } else if ('voterId' in p) {
    sent = await queuedWrite('POST', `/api/voters/${String(p.voterId)}/coklit`, { body: p.body });
  } else {
    sent = await queuedWrite('POST', `/api/coklit/tps/${String(p.newVoterAtTps)}/new-voter`, {
      body: p.body,
    });
  }
  const answer = classify(sent.status, sent.result);
  const data = sent.result.ok ? sent.result.data : undefined;
  const problemId =
    p.kind === 'problem' && typeof data === 'object' && data !== null && 'id' in data
      ? Number(data.id)
      : undefined;
  const household =
    p.kind === 'coklit' && typeof data === 'object' && data !== null && 'household' in data
      ? (data.household as { id?: unknown } | null)
      : null;
  const householdId = typeof household?.id === 'number' ? household.id : undefined;
  return {
    answer,
    ...(problemId === undefined ? {} : { problemId }),
    ...(householdId === undefined ? {} : { householdId }),
  };
}

function photoPath(item: QueueItem): string | undefined {
  const p = item.payload;
  if (p.kind === 'chasil') return `/api/results/${String(p.tpsId)}/${String(p.contestId)}/photos`;
  if (p.kind === 'problem' && item.problemId !== undefined) {
    return `/api/problems/${String(item.problemId)}/photos`;
  }
  if (p.kind === 'coklit') {
    const household = 'household' in p ? p.household : item.householdId;
    if (household !== undefined) return `/api/coklit/households/${String(household)}/photos`;
  }
  return undefined;
}

/** Sends one item: the record, then its photos one by one; persists each step. */
async function sendOne(start: QueueItem): Promise<SendAnswer> {
  let item = startSend(start);
  await put(item);
  if (!item.delivered) {
    const { answer, problemId, householdId } = await sendRecord(item);
    if (answer.kind !== 'accepted') {
      const next = afterAnswer(item, answer, Date.now());
      if (next !== null) await put(next);
      return answer;
    }
    item = { ...item, delivered: true, problemId, householdId };
    await put(item);
  }
  const path = photoPath(item);
  while (item.photos.length > 0 && path !== undefined) {
    const [photo, ...rest] = item.photos;
    if (photo === undefined) break;
    const sent = await queuedWrite('POST', path, { raw: photo, timeoutMs: 120_000 });
    const answer = classify(sent.status, sent.result);
    if (answer.kind !== 'accepted') {
      const next = afterAnswer(item, answer, Date.now());
      if (next !== null) await put(next);
      return answer;
    }
    item = { ...item, photos: rest };
    await put(item);
  }
  await remove(item.clientId);
  return { kind: 'accepted' };
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Wakes the queue when the earliest backed-off item falls due. */
function schedule(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (userId === null) return;
  const due = items
    .filter((i) => i.userId === userId && i.state === 'waiting')
    .map((i) => i.notBefore);
  if (due.length === 0) return;
  const wait = Math.max(500, Math.min(...due) - Date.now());
  timer = setTimeout(() => void sendQueue(), wait);
}

/**
 * Sends every due item of the signed-in account, oldest first. Stops at the
 * first missing verdict (no signal: the rest would fail too) or lost session.
 * `force` ("Kirim sekarang") ignores the back-off.
 */
export async function sendQueue(options: { force?: boolean } = {}): Promise<void> {
  // Offline the sends would only fail; the `online` event starts them again.
  if (busy || userId === null || !navigator.onLine) return;
  busy = true;
  const owner = userId;
  try {
    const work = async () => {
      // Read the store inside the lock: another tab may have sent items meanwhile.
      await reload();
      for (const item of items.filter((i) => isDue(i, owner, Date.now(), options.force))) {
        if (userId !== owner) return;
        const outcome = await sendOne(item);
        if (outcome.kind === 'signed_out') {
          // Pause the rest too: they need the same new session.
          await reload();
          for (const other of items) {
            if (other.userId === owner && other.state === 'waiting') {
              await put({ ...other, state: 'paused' });
            }
          }
          onSignedOut(outcome.error);
          return;
        }
        if (outcome.kind === 'retry') return;
      }
    };
    // One sender per device even with several tabs open (safe without it, thanks to client ids).
    const locks = (navigator as Partial<Navigator>).locks;
    if (locks === undefined) await work();
    else await locks.request('desk-pilkada-antrean', work);
  } finally {
    busy = false;
    schedule();
  }
}

/**
 * Who is signed in (null: nobody). A change of account sends only the new
 * owner's items; the owner's paused items resume after signing in again.
 */
export function setQueueUser(next: number | null): void {
  if (next === userId) return;
  userId = next;
  if (next !== null) shownUser = next;
  mineCache = undefined;
  for (const l of listeners) l();
  if (next === null) {
    schedule();
    return;
  }
  void (async () => {
    await reload();
    for (const item of items) {
      const back = resume(item, next, Date.now());
      if (back !== item) await put(back);
    }
    await sendQueue();
  })();
}

/** Starts listening for the connection; call once when the app starts. */
export function startQueue(): void {
  window.addEventListener('online', () => void sendQueue({ force: true }));
  void reload().then(() => sendQueue());
}
