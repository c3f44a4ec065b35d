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

/** A field problem reported (`baru`) or moved in its workflow (`status`). */
export interface ProblemEvent {
  readonly type: 'problem';
  readonly kind: 'baru' | 'status';
  readonly problemId: number;
  readonly severity: 'rendah' | 'sedang' | 'tinggi' | 'darurat';
  readonly status: string;
  readonly kecamatanCode: string;
  readonly desaCode: string | null;
  readonly tpsId: number | null;
  readonly korwilId: number | null;
}

export type LiveEvent = ResultEvent | ProblemEvent;

export class LiveHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open dashboard is a listener.
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
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
}
