/**
 * A C.Hasil form's fingerprint, as the audit trail records it. An audited
 * submission or correction carries the sha-256 of its form rather than the
 * form itself (the form is stored once, in its version's row): the chain then
 * vouches for every stored form, and `verifyResultForms` finds a form changed
 * behind the application's back.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/audit.service.ts';

/** Hex sha-256 of the form's canonical JSON (keys sorted, no whitespace). */
export function formSha256(form: unknown): string {
  return createHash('sha256').update(canonicalJson(form)).digest('hex');
}

/** What an audited submission (`result.submit`) or correction (`result.correct`) records after it. */
export function submissionAuditAfter(
  contestId: number,
  version: number,
  form: unknown,
  reason: string | null,
): { contestId: number; version: number; formSha256: string; reason: string | null } {
  return { contestId, version, formSha256: formSha256(form), reason };
}
