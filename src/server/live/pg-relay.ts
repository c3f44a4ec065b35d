/**
 * Relays live events between server processes on one PostgreSQL database,
 * so a dashboard connected to one server sees what was accepted on another.
 *
 * Out: events published here are gathered for a few milliseconds and sent
 * with one `pg_notify` per gathering (a busy voting night publishes hundreds
 * a second; one statement each would double the database's work), split so
 * each payload stays under NOTIFY's 8,000-byte limit.
 * In: a dedicated connection LISTENs; each payload is checked against the
 * event schema and delivered to this process's listeners, except our own.
 * A lost listening connection is reopened with a growing pause; events sent
 * meanwhile are missed, which the pages already handle (they refetch after a
 * reconnection of their own stream).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { LiveEvent, type LiveHub } from './live-hub.ts';

export const LIVE_CHANNEL = 'desk_pilkada_live';
/** How long events are gathered before one NOTIFY. */
const GATHER_MS = 10;
/** NOTIFY payloads must stay below 8,000 bytes. */
const MAX_PAYLOAD = 7_000;

const Payload = z.object({ origin: z.string(), events: z.array(LiveEvent) });

export interface PgRelay {
  close(): Promise<void>;
}

/** Payloads (JSON) holding `events`, each under the size limit. */
export function payloadsOf(origin: string, events: readonly LiveEvent[]): string[] {
  const out: string[] = [];
  let part: LiveEvent[] = [];
  let size = 0;
  const flush = () => {
    if (part.length > 0) out.push(JSON.stringify({ origin, events: part }));
    part = [];
    size = 0;
  };
  for (const e of events) {
    const n = JSON.stringify(e).length + 1;
    if (size + n > MAX_PAYLOAD - 100) flush();
    part.push(e);
    size += n;
  }
  flush();
  return out;
}

export async function startPgRelay(
  hub: LiveHub,
  url: string,
  log: (message: string) => void = () => undefined,
): Promise<PgRelay> {
  const origin = randomUUID();
  const sender = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  sender.on('error', (e) => log(`live relay (send): ${e.message}`));
  let pending: LiveEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> = Promise.resolve();
  const send = () => {
    timer = undefined;
    const events = pending;
    pending = [];
    sending = sending.then(async () => {
      for (const payload of payloadsOf(origin, events)) {
        try {
          await sender.query('select pg_notify($1, $2)', [LIVE_CHANNEL, payload]);
        } catch (e) {
          log(`live relay (send): ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    });
  };
  const stopOut = hub.onPublish((event) => {
    pending.push(event);
    timer ??= setTimeout(send, GATHER_MS);
  });

  let closed = false;
  let listener: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pause = 500;
  const receive = (message: pg.Notification) => {
    if (message.channel !== LIVE_CHANNEL || message.payload === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.payload);
    } catch {
      log('live relay: a payload that is not JSON was ignored');
      return;
    }
    const payload = Payload.safeParse(parsed);
    if (!payload.success) {
      log('live relay: a payload of unknown shape was ignored');
      return;
    }
    if (payload.data.origin === origin) return;
    for (const event of payload.data.events) hub.deliver(event);
  };
  const reconnect = () => {
    if (closed) return;
    retry = setTimeout(() => {
      listen().catch((e: unknown) => {
        log(`live relay (listen): ${e instanceof Error ? e.message : String(e)}`);
        reconnect();
      });
    }, pause);
    retry.unref();
    pause = Math.min(pause * 2, 30_000);
  };
  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', receive);
    client.on('error', (e) => {
      log(`live relay (listen): ${e.message}`);
      void client.end().catch(() => undefined);
      if (listener === client) {
        listener = undefined;
        reconnect();
      }
    });
    await client.connect();
    await client.query(`listen ${LIVE_CHANNEL}`);
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
    pause = 500;
  };
  await listen();

  return {
    async close() {
      closed = true;
      stopOut();
      clearTimeout(retry);
      if (timer !== undefined) {
        clearTimeout(timer);
        send();
      }
      await sending;
      await listener?.end();
      await sender.end();
    },
  };
}
