/**
 * Pure roll-up of the registry: from region rows and per-desa TPS figures to
 * counts at every level (desa, kecamatan, Korwil, regency). No I/O.
 */
import type { RegionLevel } from '../../domain/common/region-code.ts';
import type { Counts, RegionSummary } from '../../domain/regions/region.schema.ts';

export interface RegionRow {
  readonly code: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
  readonly name: string;
  readonly korwilId: number | null;
}

export interface KorwilRow {
  readonly id: number;
  readonly name: string;
  readonly ordinal: number;
  readonly chair: string | null;
}

export interface DesaStats {
  readonly tps: number;
  readonly voters: number;
}

export const ZERO: Counts = { kecamatan: 0, desa: 0, tps: 0, voters: 0 };

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    kecamatan: a.kecamatan + b.kecamatan,
    desa: a.desa + b.desa,
    tps: a.tps + b.tps,
    voters: a.voters + b.voters,
  };
}

export class RegionTree {
  readonly byCode = new Map<string, RegionRow>();
  readonly children = new Map<string, RegionRow[]>();
  readonly korwilById = new Map<number, KorwilRow>();
  private readonly counts = new Map<string, Counts>();

  constructor(
    rows: readonly RegionRow[],
    korwil: readonly KorwilRow[],
    stats: ReadonlyMap<string, DesaStats>,
  ) {
    for (const k of korwil) this.korwilById.set(k.id, k);
    for (const r of rows) {
      this.byCode.set(r.code, r);
      if (r.parentCode !== null) {
        const list = this.children.get(r.parentCode) ?? [];
        list.push(r);
        this.children.set(r.parentCode, list);
      }
    }
    for (const list of this.children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
    for (const r of rows) if (r.parentCode === null) this.computeCounts(r, stats);
    // Regions whose parent row is absent (e.g. a regency without its province row).
    for (const r of rows) if (!this.counts.has(r.code)) this.computeCounts(r, stats);
  }

  private computeCounts(row: RegionRow, stats: ReadonlyMap<string, DesaStats>): Counts {
    let counts: Counts;
    if (row.level === 'desa') {
      const s = stats.get(row.code);
      counts = { kecamatan: 0, desa: 1, tps: s?.tps ?? 0, voters: s?.voters ?? 0 };
    } else {
      counts = ZERO;
      for (const child of this.children.get(row.code) ?? []) {
        counts = addCounts(counts, this.computeCounts(child, stats));
      }
      if (row.level === 'kecamatan') counts = { ...counts, kecamatan: 1 };
    }
    this.counts.set(row.code, counts);
    return counts;
  }

  countsOf(code: string): Counts {
    return this.counts.get(code) ?? ZERO;
  }

  korwilRef(row: RegionRow): { id: number; name: string } | null {
    const kecamatanCode =
      row.level === 'desa' ? row.parentCode : row.level === 'kecamatan' ? row.code : null;
    const kec = kecamatanCode === null ? undefined : this.byCode.get(kecamatanCode);
    const k = kec?.korwilId == null ? undefined : this.korwilById.get(kec.korwilId);
    return k === undefined ? null : { id: k.id, name: k.name };
  }

  summary(row: RegionRow): RegionSummary {
    return {
      code: row.code,
      name: row.name,
      level: row.level,
      korwil: this.korwilRef(row),
      counts: this.countsOf(row.code),
    };
  }

  childrenOf(code: string): readonly RegionRow[] {
    return this.children.get(code) ?? [];
  }

  kecamatanOf(regencyCode: string): readonly RegionRow[] {
    return this.childrenOf(regencyCode).filter((r) => r.level === 'kecamatan');
  }

  /** Ancestors from the top down, the region itself excluded. */
  pathOf(code: string): RegionRow[] {
    const path: RegionRow[] = [];
    let current = this.byCode.get(code);
    while (current?.parentCode != null) {
      const parent = this.byCode.get(current.parentCode);
      if (parent === undefined) break;
      path.unshift(parent);
      current = parent;
    }
    return path;
  }

  korwilCounts(korwilId: number, regencyCode: string): Counts {
    return this.kecamatanOf(regencyCode)
      .filter((k) => k.korwilId === korwilId)
      .reduce((acc, k) => addCounts(acc, this.countsOf(k.code)), ZERO);
  }
}
