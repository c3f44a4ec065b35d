/**
 * In-process hub of live events for Server-Sent Events. One instance per
 * server process; events are emitted after their transaction commits.
 * (Several instances behind a load balancer would relay through PostgreSQL
 * LISTEN/NOTIFY; not needed for one process.)
 */
import { EventEmitter } from 'node:events';

export interface ResultEvent {
  readonly type: 'result';
  readonly contestId: number;
  readonly tpsId: number;
  readonly desaCode: string;
  readonly version: number;
  readonly status: 'submitted' | 'verified' | 'returned';
}

export type LiveEvent = ResultEvent;

export class LiveHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open dashboard is a listener.
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
