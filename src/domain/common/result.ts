/**
 * Expected failures are values, not exceptions (bugs throw).
 * `kind` tells the HTTP edge which status to answer with; `code` is the
 * stable machine code; `message` is shown to the user, in Indonesian.
 */
export type ErrorKind =
  'invalid' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden' | 'too_many';

export interface DomainError {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export type Result<T, E = DomainError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

export function domainError(
  kind: ErrorKind,
  code: string,
  message: string,
  field?: string,
): DomainError {
  return field === undefined ? { kind, code, message } : { kind, code, message, field };
}

/** Thrown only to abort a transaction with an expected failure; caught by `runInTransaction`. */
export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainFailure';
  }
}
