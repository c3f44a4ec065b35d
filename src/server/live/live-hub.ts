/**
 * In-process hub of live events for Server-Sent Events. One instance per
 * server process; events are published after their transaction commits.
 * Several server processes on one PostgreSQL database relay their events to
 * each other through LISTEN/NOTIFY (`pg-relay.ts`): what one publishes, the
 * others deliver to their own listeners. Events go out on a channel per type.
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

/** A field problem reported (`baru`) or moved in its workflow (`status`). */
export const ProblemEvent = z.object({
  type: z.literal('problem'),
  kind: z.enum(['baru', 'status']),
  problemId: z.number().int(),
  severity: z.enum(['rendah', 'sedang', 'tinggi', 'darurat']),
  status: z.string(),
  kecamatanCode: z.string(),
  desaCode: z.string().nullable(),
  tpsId: z.number().int().nullable(),
  korwilId: z.number().int().nullable(),
});
export type ProblemEvent = z.infer<typeof ProblemEvent>;

export const LiveEvent = z.discriminatedUnion('type', [ResultEvent, ProblemEvent]);
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
    this.deliver(event);
    for (const send of this.outbound) send(event);
  }

  /** An event another process published (through a relay): delivered here only. */
  deliver(event: LiveEvent): void {
    this.emitter.emit(event.type, event);
  }

  /** Result events (the results dashboards). */
  subscribe(listener: (event: ResultEvent) => void): () => void {
    this.emitter.on('result', listener);
    return () => this.emitter.off('result', listener);
  }

  /** Problem events (the desk's and Korwil's problem pages). */
  subscribeProblems(listener: (event: ProblemEvent) => void): () => void {
    this.emitter.on('problem', listener);
    return () => this.emitter.off('problem', listener);
  }

  /** A relay's way out: called with each event this process publishes. */
  onPublish(send: (event: LiveEvent) => void): () => void {
    this.outbound.add(send);
    return () => this.outbound.delete(send);
  }
}
