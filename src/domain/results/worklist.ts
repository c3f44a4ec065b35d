/**
 * The PPK's worklist (and the PPS's, the Korwil's, the desk's): the TPS of
 * its area for one contest, grouped by what is left to do — waiting for
 * verification (the oldest sent first, so nobody waits longest), returned to
 * the KPPS, verified, and not yet sent — with counts, and the next TPS to
 * open after one is verified. Pure: the server reads the rows, this sorts.
 */

export type WorkGroup = 'waiting' | 'returned' | 'verified' | 'missing';

/** Groups in the order the page shows them. */
export const WORK_GROUPS: readonly WorkGroup[] = ['waiting', 'returned', 'verified', 'missing'];

export interface WorkTps {
  readonly tpsId: number;
  readonly number: number;
  readonly desaCode: string;
  readonly desaName: string;
  /** The current version's status, or null when nothing was sent. */
  readonly status: 'submitted' | 'verified' | 'returned' | null;
  readonly version: number | null;
  /** When the current version was sent (ISO 8601), null when nothing was sent. */
  readonly submittedAt: string | null;
  /** When it was verified or returned (ISO 8601), if it was. */
  readonly statusAt: string | null;
}

export type Worklist<T extends WorkTps = WorkTps> = Readonly<Record<WorkGroup, readonly T[]>> & {
  readonly counts: Readonly<Record<WorkGroup | 'total', number>>;
};

export function groupOf(t: WorkTps): WorkGroup {
  switch (t.status) {
    case null:
      return 'missing';
    case 'submitted':
      return 'waiting';
    case 'returned':
      return 'returned';
    case 'verified':
      return 'verified';
  }
}

/** Desa code, then TPS number: the order of the registry. */
function byPlace(a: WorkTps, b: WorkTps): number {
  if (a.desaCode !== b.desaCode) return a.desaCode < b.desaCode ? -1 : 1;
  if (a.number !== b.number) return a.number - b.number;
  return a.tpsId - b.tpsId;
}

/** Milliseconds; an unknown or unreadable time sorts last. */
function time(iso: string | null): number {
  const t = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Oldest first by the given time (unknown last), then by place. */
function oldestFirst(at: (t: WorkTps) => string | null) {
  return (a: WorkTps, b: WorkTps): number => {
    const ta = time(at(a));
    const tb = time(at(b));
    if (ta !== tb) return ta < tb ? -1 : 1;
    return byPlace(a, b);
  };
}

/**
 * The worklist: waiting oldest sent first; returned oldest returned first
 * (the KPPS that has had it longest is chased first); verified and missing
 * in the registry's order.
 */
export function worklist<T extends WorkTps>(rows: readonly T[]): Worklist<T> {
  const groups: Record<WorkGroup, T[]> = {
    waiting: [],
    returned: [],
    verified: [],
    missing: [],
  };
  for (const r of rows) groups[groupOf(r)].push(r);
  groups.waiting.sort(oldestFirst((t) => t.submittedAt));
  groups.returned.sort(oldestFirst((t) => t.statusAt));
  groups.verified.sort(byPlace);
  groups.missing.sort(byPlace);
  return {
    ...groups,
    counts: {
      waiting: groups.waiting.length,
      returned: groups.returned.length,
      verified: groups.verified.length,
      missing: groups.missing.length,
      total: rows.length,
    },
  };
}

/**
 * The TPS to open after `doneTpsId` was handled: the first one waiting other
 * than it, or null when none is left.
 */
export function nextWaiting<T extends WorkTps>(
  list: Pick<Worklist<T>, 'waiting'>,
  doneTpsId: number,
): T | null {
  return list.waiting.find((t) => t.tpsId !== doneTpsId) ?? null;
}
