/**
 * In-process hub of live events for Server-Sent Events. One instance per
 * server process; events are published after their transaction commits.
 * Several server processes on one PostgreSQL database relay their events to
 * each other through LISTEN/NOTIFY (`pg-relay.ts`): what one publishes, the
 * others deliver to their own listeners.
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';

export const ResultEvent = z.object({
  type: z.literal('result'),
  contestId: z.number().int(),
  tpsId: z.number().int(),
  desaCode: z.string(),
  version: z.number().int(),
  status: z.enum(['submitted', 'verified', 'returned']),
});
export type ResultEvent = z.infer<typeof ResultEvent>;

export const LiveEvent = z.discriminatedUnion('type', [ResultEvent]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export class LiveHub {
  private readonly emitter = new EventEmitter();
  private readonly outbound = new Set<(event: LiveEvent) => void>();

  constructor() {
    // Every open dashboard is a listener.
    this.emitter.setMaxListeners(0);
  }

  /** An event of this process: delivered here and handed to the relays. */
  publish(event: LiveEvent): void {
    this.emitter.emit('event', event);
    for (const send of this.outbound) send(event);
  }

  /** An event another process published (through a relay): delivered here only. */
  deliver(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** A relay's way out: called with each event this process publishes. */
  onPublish(send: (event: LiveEvent) => void): () => void {
    this.outbound.add(send);
    return () => this.outbound.delete(send);
  }
}
