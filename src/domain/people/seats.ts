/**
 * Ad hoc bodies of the KPU line and their seats (domain.md): PPK per
 * kecamatan, PPS per desa/kelurahan, KPPS per TPS, Pantarlih per TPS (one
 * more where the TPS has more than a threshold of voters). A body's unit is
 * the region or TPS it serves; every unit has one ketua, the rest anggota.
 */
import { err, ok, type Result } from '../common/result.ts';

export const BODIES = ['ppk', 'pps', 'kpps', 'pantarlih'] as const;
export type Body = (typeof BODIES)[number];

export const BODY_LABEL: Record<Body, string> = {
  ppk: 'PPK',
  pps: 'PPS',
  kpps: 'KPPS',
  pantarlih: 'Pantarlih',
};

/** What a body's unit is: a kecamatan, a desa, or a TPS. */
export const BODY_UNIT: Record<Body, 'kecamatan' | 'desa' | 'tps'> = {
  ppk: 'kecamatan',
  pps: 'desa',
  kpps: 'tps',
  pantarlih: 'tps',
};

export const POSITIONS = ['ketua', 'anggota'] as const;
export type Position = (typeof POSITIONS)[number];
export const POSITION_LABEL: Record<Position, string> = { ketua: 'Ketua', anggota: 'Anggota' };

export interface SeatRules {
  readonly ppk: number;
  readonly pps: number;
  readonly kpps: number;
  readonly pantarlih: number;
  /** A TPS with more voters than this gets `pantarlihLarge` Pantarlih. */
  readonly pantarlihLargeTpsVoters: number;
  readonly pantarlihLarge: number;
}

export const DEFAULT_SEATS: SeatRules = {
  ppk: 5,
  pps: 3,
  kpps: 7,
  pantarlih: 1,
  pantarlihLargeTpsVoters: 400,
  pantarlihLarge: 2,
};

/** Seats of one unit of a body; `tpsVoters` matters only for Pantarlih. */
export function seatsFor(body: Body, rules: SeatRules = DEFAULT_SEATS, tpsVoters = 0): number {
  if (body === 'pantarlih') {
    return tpsVoters > rules.pantarlihLargeTpsVoters ? rules.pantarlihLarge : rules.pantarlih;
  }
  return rules[body];
}

/** Whether Pantarlih is a body with ketua/anggota: it is not; each officer works alone. */
export const HAS_KETUA: Record<Body, boolean> = {
  ppk: true,
  pps: true,
  kpps: true,
  pantarlih: false,
};

export interface UnitProblem {
  readonly code: string;
  readonly message: string;
}

/**
 * Whether `adding` more members (with how many of them ketua) fit a unit
 * already holding `held` members (`heldKetua` ketua).
 */
export function checkUnitRoom(
  body: Body,
  unitName: string,
  seats: number,
  held: { members: number; ketua: number },
  adding: { members: number; ketua: number },
): Result<null, UnitProblem> {
  const total = held.members + adding.members;
  if (total > seats) {
    return err({
      code: 'seats_full',
      message: `${BODY_LABEL[body]} ${unitName} hanya punya ${String(seats)} kursi; dengan baris ini menjadi ${String(total)} orang.`,
    });
  }
  if (adding.ketua > 0 && !HAS_KETUA[body]) {
    return err({
      code: 'no_ketua_for_body',
      message: `${BODY_LABEL[body]} tidak mempunyai ketua; isi jabatan "anggota".`,
    });
  }
  if (held.ketua + adding.ketua > 1) {
    return err({
      code: 'second_ketua',
      message: `${BODY_LABEL[body]} ${unitName} sudah mempunyai ketua; satu badan hanya satu ketua.`,
    });
  }
  return ok(null);
}

export interface Completeness {
  readonly filled: number;
  readonly seats: number;
  /** Units with every seat filled. */
  readonly unitsComplete: number;
  readonly units: number;
  /** Units whose seats are filled but that still lack a ketua. */
  readonly unitsWithoutKetua: number;
}

/**
 * Completeness of a body over its units: members counted up to each unit's
 * seats (an over-full unit cannot happen through the service, but a lowered
 * setting could leave one).
 */
export function completeness(
  body: Body,
  units: readonly { seats: number; members: number; ketua: number }[],
): Completeness {
  let filled = 0;
  let seats = 0;
  let unitsComplete = 0;
  let unitsWithoutKetua = 0;
  for (const u of units) {
    seats += u.seats;
    filled += Math.min(u.members, u.seats);
    if (u.members >= u.seats) unitsComplete += 1;
    if (HAS_KETUA[body] && u.members > 0 && u.ketua === 0) unitsWithoutKetua += 1;
  }
  return { filled, seats, unitsComplete, units: units.length, unitsWithoutKetua };
}
