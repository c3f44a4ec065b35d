/**
 * When a C.Hasil entry needs a reason: only for a correction, i.e. when a
 * version was already sent and the figures now differ from it. The form a
 * KPPS sees right after sending is prefilled with what was sent; that is
 * not a correction, so it shows no error (there is simply nothing to send).
 */
import { chasilNumbers, type ChasilForm } from './chasil.ts';

export const MIN_REASON_LENGTH = 5;

/** The same figures, field by field (a vote counted for the same selection). */
export function sameFigures(a: ChasilForm, b: ChasilForm): boolean {
  const values = (f: ChasilForm) =>
    new Map(chasilNumbers(f).map((x) => [x.field, Number.isFinite(x.value) ? x.value : NaN]));
  const left = values(a);
  const right = values(b);
  if (left.size !== right.size) return false;
  for (const [field, v] of left) {
    const w = right.get(field);
    if (w === undefined || !(v === w)) return false;
  }
  return true;
}

/**
 * What the entry form says about the reason:
 * - `null`: nothing (a first entry, or a correction with its reason);
 * - `'unchanged'`: a version exists and nothing was changed — nothing to send,
 *   and not an error;
 * - `'reason_missing'`: the figures differ from the sent version and the
 *   reason is shorter than `MIN_REASON_LENGTH`.
 * Sending the same figures again with a reason is allowed (e.g. after the
 * PPK returned it and the KPPS confirms the figures stand).
 */
export function correctionReasonState(
  current: ChasilForm | undefined,
  form: ChasilForm,
  reason: string,
): null | 'unchanged' | 'reason_missing' {
  if (current === undefined) return null;
  const given = reason.trim().length >= MIN_REASON_LENGTH;
  if (given) return null;
  if (sameFigures(current, form) && reason.trim() === '') return 'unchanged';
  return 'reason_missing';
}
