/**
 * The counters a voter adds to its TPS. Progress and recaps sum these per
 * TPS; a coklit record moves a voter from one key set to another (and, for
 * TMS-8, to another TPS) in the same transaction.
 */
import { staysOnList, type CoklitStatus } from './coklit.ts';
import type { Sex } from './nik.ts';

export interface TallySubject {
  readonly source: 'dp4' | 'baru';
  readonly status: CoklitStatus | null;
  readonly tmsCode: number | null;
  readonly sex: Sex;
}

export function tallyKeys(v: TallySubject): string[] {
  const keys: string[] = [v.source];
  if (v.source === 'dp4' && v.status !== null) keys.push('visited');
  if (v.status === 'MS') keys.push('ms');
  if (v.status === 'U') keys.push('u');
  if (v.status === 'TMS') keys.push(`tms${String(v.tmsCode)}`);
  if (staysOnList(v.status, v.tmsCode)) keys.push('listed', `listed_${v.sex}`);
  return keys;
}

/** Per TPS and key, the change when a voter goes from `before` (at tpsBefore) to `after` (at tpsAfter). */
export function tallyDelta(
  before: { tpsId: number; subject: TallySubject } | null,
  after: { tpsId: number; subject: TallySubject },
): { tpsId: number; key: string; delta: number }[] {
  const m = new Map<string, { tpsId: number; key: string; delta: number }>();
  const add = (tpsId: number, key: string, d: number) => {
    const id = `${String(tpsId)}|${key}`;
    const cur = m.get(id) ?? { tpsId, key, delta: 0 };
    m.set(id, { ...cur, delta: cur.delta + d });
  };
  if (before !== null) for (const k of tallyKeys(before.subject)) add(before.tpsId, k, -1);
  for (const k of tallyKeys(after.subject)) add(after.tpsId, k, 1);
  return [...m.values()].filter((x) => x.delta !== 0);
}
