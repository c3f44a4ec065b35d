/**
 * Coklit household visits: the first record of a household (NKK) at a TPS
 * creates the visit and issues the TPS's next sticker number in the
 * record's own transaction; later records reuse it. Photos of the visit
 * (the house with its sticker) are added by the Pantarlih of the TPS or the
 * officers above, and read with the voter-data permission.
 */
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, regionTarget, type Access } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import { findTps } from '../tps/tps.repository.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { formatSticker, nextStickerSequence } from '../../domain/voters/household.ts';
import { maskNik } from '../../domain/voters/nik.ts';
import type { HouseholdPhotoAccepted, HouseholdView } from '../../domain/voters/voters.schema.ts';
import {
  addTallies,
  findHousehold,
  findHouseholdById,
  highestSequence,
  householdPhotoCount,
  insertHousehold,
  insertHouseholdPhoto,
  lockHousehold,
  lockTpsForStickers,
  sameHouseholdPhotoElsewhere,
  type HouseholdRow,
} from './voters.repository.ts';

/** Tally keys (per TPS, in `voter_tps_tally`) of households visited and photographed. */
export const HOUSEHOLD_KEY = 'households';
export const HOUSEHOLD_PHOTO_KEY = 'households_photo';

export function householdView(h: HouseholdRow, photos: number): HouseholdView {
  return {
    id: h.id,
    tpsId: h.tpsId,
    nkk: maskNik(h.nkk),
    sticker: h.sticker,
    firstVisitAt: h.firstVisitAt,
    byUsername: h.byUsername,
    photos,
  };
}

/**
 * The household of `nkk` at `tpsId`, created with the TPS's next sticker
 * number when this is its first record. Runs inside the record's
 * transaction: the TPS row lock makes concurrent records of one TPS issue
 * numbers one after the other, so two records of one household at once
 * give one household and one number (the unique indexes back this up).
 */
export async function visitHousehold(
  tx: Db,
  actor: Actor,
  visit: {
    tpsId: number;
    nkk: string;
    at: string;
    latitude: number | null;
    longitude: number | null;
  },
): Promise<{ household: HouseholdRow; created: boolean; photos: number }> {
  const t = await lockTpsForStickers(tx, visit.tpsId);
  if (t === undefined) throw new Error(`TPS ${String(visit.tpsId)} vanished`);
  const existing = await findHousehold(tx, visit.tpsId, visit.nkk);
  if (existing !== undefined) {
    return {
      household: existing,
      created: false,
      photos: await householdPhotoCount(tx, existing.id),
    };
  }
  const sequence = nextStickerSequence(await highestSequence(tx, visit.tpsId));
  const household = await insertHousehold(tx, {
    tpsId: visit.tpsId,
    nkk: visit.nkk,
    sequence,
    sticker: formatSticker(t.desaCode, t.number, sequence),
    firstVisitAt: visit.at,
    byUserId: actor.userId,
    byUsername: actor.username,
    latitude: visit.latitude,
    longitude: visit.longitude,
  });
  await addTallies(tx, [{ tpsId: visit.tpsId, key: HOUSEHOLD_KEY, delta: 1 }]);
  return { household, created: true, photos: 0 };
}

/** The household of an earlier record (a resent client id answers the first verdict again). */
export async function householdOfEvent(
  db: Db,
  householdId: number | null,
): Promise<HouseholdView | null> {
  if (householdId === null) return null;
  const h = await findHouseholdById(db, householdId);
  return h === undefined ? null : householdView(h, await householdPhotoCount(db, h.id));
}

const householdNotFound = () =>
  err(domainError('not_found', 'household.not_found', 'Kunjungan rumah tangga ini tidak ada.'));

/** Who may add a photo to this household: `coklit.photo` on its TPS (refusals audited). */
export async function authorizeHouseholdPhoto(
  db: Db,
  actor: Actor,
  householdId: number,
): Promise<Result<{ access: Access; household: HouseholdRow }>> {
  const h = await findHouseholdById(db, householdId);
  const t = h === undefined ? undefined : await findTps(db, h.tpsId);
  const what = {
    action: 'coklit.household_photo',
    targetType: 'coklit_household',
    targetId: householdId,
  };
  const target = t === undefined ? undefined : await regionTarget(db, t.desaCode, t.id);
  const access = await authorizeWrite(db, actor, 'coklit.photo', target, what);
  if (!access.ok) return access;
  if (h === undefined) return householdNotFound();
  return ok({ access: access.value, household: h });
}

/** Records a stored photo of a household visit; the same file at another household is flagged. */
export async function recordHouseholdPhoto(
  db: Db,
  access: Access,
  householdId: number,
  photo: { sha256: string; mediaType: string; bytes: number; uploadedBy: string | null },
): Promise<Result<HouseholdPhotoAccepted>> {
  const what = {
    action: 'coklit.household_photo',
    targetType: 'coklit_household',
    targetId: householdId,
  };
  return inTransaction(db, async (tx) => {
    const h = await lockHousehold(tx, householdId);
    if (h === undefined) return householdNotFound();
    const before = await householdPhotoCount(tx, householdId);
    const added = await insertHouseholdPhoto(tx, { householdId, ...photo });
    if (added && before === 0) {
      await addTallies(tx, [{ tpsId: h.tpsId, key: HOUSEHOLD_PHOTO_KEY, delta: 1 }]);
    }
    const alsoAtHouseholds = await sameHouseholdPhotoElsewhere(tx, photo.sha256, householdId);
    await auditWrite(tx, access, what, {
      after: {
        sticker: h.sticker,
        sha256: photo.sha256,
        bytes: photo.bytes,
        alsoAtHouseholds,
      },
    });
    return ok({ sha256: photo.sha256, bytes: photo.bytes, alsoAtHouseholds });
  });
}

/** May the caller see this household's photos (voter-data read on its TPS)? */
export async function canReadHousehold(
  db: Db,
  actor: Actor,
  householdId: number,
): Promise<Result<HouseholdRow>> {
  const h = await findHouseholdById(db, householdId);
  const t = h === undefined ? undefined : await findTps(db, h.tpsId);
  const target = t === undefined ? undefined : await regionTarget(db, t.desaCode, t.id);
  const access = canRead(actor, 'voter.read', target);
  if (!access.ok) return access;
  if (h === undefined) return householdNotFound();
  return ok(h);
}
