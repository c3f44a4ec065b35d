/**
 * The pure core of the field app's submission queue: what state a queued
 * item is in, what each answer of the server does to it, when it is due.
 * No I/O: the IndexedDB store (queue-store.ts) and the sender (queue.ts)
 * apply these transitions.
 *
 * Every item carries the client id the server deduplicates by, so sending
 * one again (a lost answer, a page closed mid-send, "Kirim sekarang") can
 * never record it twice.
 */

export const QUEUE_KINDS = ['chasil', 'problem', 'coklit'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/**
 * - `waiting`: to be sent (again) once due and online;
 * - `sending`: a send is in flight (a page closed meanwhile leaves it here:
 *   it is sent again, safely, on the next start);
 * - `paused`: the session ended; waits until its owner signs in again;
 * - `attention`: the server refused it; the officer fixes or discards it.
 * Accepted items leave the queue.
 */
export const QUEUE_STATES = ['waiting', 'sending', 'paused', 'attention'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueueError {
  code: string;
  message: string;
  field?: string | undefined;
}

/** The part of a queued item the rules look at. */
export interface QueueItemState {
  clientId: string;
  kind: QueueKind;
  /** Whose item it is: only sent while this account is signed in. */
  userId: number;
  state: QueueState;
  /** Sends that ended without a verdict (network, server trouble). */
  attempts: number;
  /** Not sent automatically before this instant (ms since epoch). */
  notBefore: number;
  lastError: QueueError | null;
  createdAt: number;
}

/** What came back from one send, as the queue sees it. */
export type SendAnswer =
  /** Stored now, or stored by an earlier send of the same client id. */
  | { kind: 'accepted' }
  /** The server said no (validation, closed window, newer version...). */
  | { kind: 'refused'; error: QueueError }
  /** Not signed in any more (or a password change is due). */
  | { kind: 'signed_out'; error: QueueError }
  /** No verdict: offline, timeout, server trouble, too many requests. */
  | { kind: 'retry'; error: QueueError };

/** Error codes of the server that mean "sign in (again) first". */
const SIGN_IN_CODES: ReadonlySet<string> = new Set([
  'auth.required',
  'auth.session_expired',
  'auth.password_change_required',
  'auth.csrf_invalid',
]);

/**
 * Classifies an HTTP exchange: `status` 0 when no answer came. A 2xx is
 * accepted (duplicates included: the server answers a known client id with
 * the first verdict); 401 and the sign-in codes pause; 408, 429 and 5xx
 * retry; any other 4xx is a refusal the officer must see.
 */
export function classify(
  status: number,
  result: { ok: true } | { ok: false; error: QueueError },
): SendAnswer {
  if (result.ok) return { kind: 'accepted' };
  const error = result.error;
  if (status === 401 || SIGN_IN_CODES.has(error.code)) return { kind: 'signed_out', error };
  if (status === 0 || status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', error };
  }
  return { kind: 'refused', error };
}

export const FIRST_BACKOFF_MS = 2_000;
export const MAX_BACKOFF_MS = 5 * 60_000;

/** Wait after the n-th failed attempt (1-based): 2 s, 4 s, 8 s, ... at most 5 minutes. */
export function backoffMs(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(attempts - 1, 30));
}

/** A new item, ready to send at once. */
export function newItem(
  fields: Pick<QueueItemState, 'clientId' | 'kind' | 'userId'>,
  now: number,
): QueueItemState {
  return {
    ...fields,
    state: 'waiting',
    attempts: 0,
    notBefore: now,
    lastError: null,
    createdAt: now,
  };
}

/** The item as a send starts. */
export function startSend<T extends QueueItemState>(item: T): T {
  return { ...item, state: 'sending' };
}

/**
 * The item after the server's answer; `null` when it leaves the queue.
 * A refusal keeps the item with the server's message (nothing disappears
 * silently); a missing verdict backs off; a lost session pauses it.
 */
export function afterAnswer<T extends QueueItemState>(
  item: T,
  answer: SendAnswer,
  now: number,
): T | null {
  switch (answer.kind) {
    case 'accepted':
      return null;
    case 'refused':
      return { ...item, state: 'attention', lastError: answer.error };
    case 'signed_out':
      return { ...item, state: 'paused', lastError: answer.error };
    case 'retry': {
      const attempts = item.attempts + 1;
      return {
        ...item,
        state: 'waiting',
        attempts,
        notBefore: now + backoffMs(attempts),
        lastError: answer.error,
      };
    }
  }
}

/**
 * Should this item be sent now by `userId`? Only the owner's items; waiting
 * ones once their back-off has passed (at once when `force`d by "Kirim
 * sekarang"); an item left `sending` by a closed page is sent again.
 * Paused and refused items wait for the officer.
 */
export function isDue(item: QueueItemState, userId: number, now: number, force = false): boolean {
  if (item.userId !== userId) return false;
  if (item.state === 'sending') return true;
  if (item.state !== 'waiting') return false;
  return force || item.notBefore <= now;
}

/** After the owner signs in again: paused items become waiting, due at once. */
export function resume<T extends QueueItemState>(item: T, userId: number, now: number): T {
  if (item.userId !== userId || item.state !== 'paused') return item;
  return { ...item, state: 'waiting', notBefore: now, lastError: null };
}

/** The officer asks to send a refused item again as it is (e.g. the window has opened). */
export function retryNow<T extends QueueItemState>(item: T, now: number): T {
  if (item.state !== 'attention') return item;
  return { ...item, state: 'waiting', attempts: 0, notBefore: now, lastError: null };
}

export interface QueueCounts {
  /** Still to be delivered (waiting, sending, paused). */
  pending: number;
  /** Refused by the server: to fix or discard. */
  attention: number;
  /** Waiting for the owner to sign in again. */
  paused: number;
}

export function countOf(items: readonly QueueItemState[], userId: number | null): QueueCounts {
  const mine = items.filter((i) => i.userId === userId);
  return {
    pending: mine.filter((i) => i.state !== 'attention').length,
    attention: mine.filter((i) => i.state === 'attention').length,
    paused: mine.filter((i) => i.state === 'paused').length,
  };
}
