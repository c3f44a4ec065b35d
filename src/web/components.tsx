/** Small shared building blocks: loading and error states, form fields, dialogs. */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { formatAngka } from '../domain/common/format.ts';
import { AUTH_ERROR, type ApiError, type ApiResult } from './api.ts';
import { Link } from './router.tsx';
import { canEverywhere, homeOf, useMe } from './session.ts';

export function Loading({ label = 'Memuat data…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** Failures that may pass by themselves (network, server trouble): worth a retry. */
function isTransient(error: ApiError): boolean {
  return ['network.', 'server.', 'http.5', 'response.'].some((p) => error.code.startsWith(p));
}

/** A link back to where the person's work starts (the regency page, or their own desa…). */
export function HomeLink() {
  const me = useMe();
  if (!me.signedIn) return <Link to="/tahapan">Lihat jadwal tahapan</Link>;
  return canEverywhere(me, 'registry.read') ? (
    <Link to="/">Kembali ke Beranda</Link>
  ) : (
    <Link to={homeOf(me)}>Kembali ke halaman Anda</Link>
  );
}

/** A page or data the person's roles do not cover: the reason, never a blank page. */
export function Forbidden({ message }: { message: string }) {
  return (
    <div className="alert alert-error" role="alert" data-testid="forbidden">
      <p>
        <strong>Akses ditolak.</strong> {message}
      </p>
      <p>
        <HomeLink />
      </p>
    </div>
  );
}

/**
 * A failed load: the server's (or client's) Indonesian message, with a retry
 * button when retrying can help, otherwise a way back to the home page.
 */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  if (error.code === AUTH_ERROR.forbidden) return <Forbidden message={error.message} />;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>Gagal memuat data.</strong> {error.message}
      </p>
      {onRetry !== undefined && isTransient(error) ? (
        <button type="button" className="button" onClick={onRetry}>
          Coba lagi
        </button>
      ) : (
        <p>
          <HomeLink />
        </p>
      )}
    </div>
  );
}

/** Shows loading, error or the content, depending on a `useApi` result. */
export function Async<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: ApiError | undefined; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
}) {
  if (state.data !== undefined) {
    return (
      <>
        {state.error !== undefined && <LoadError error={state.error} onRetry={state.reload} />}
        {children(state.data)}
      </>
    );
  }
  if (state.error !== undefined) return <LoadError error={state.error} onRetry={state.reload} />;
  return <Loading />;
}

export interface CountItem {
  label: string;
  value: number;
}

export function CountGrid({ items }: { items: readonly CountItem[] }) {
  return (
    <dl className="counts">
      {items.map((item) => (
        <div key={item.label} className="count">
          <dt>{item.label}</dt>
          <dd>{formatAngka(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

// ---------------------------------------------------------------------------
// Forms

export interface FormState<F extends string> {
  /** Stable element id for a field (for labels and focusing). */
  idOf: (field: F) => string;
  /** The error message for this field, if the last failure named it. */
  errorOf: (field: F) => string | undefined;
  /** A failure not tied to one of this form's fields. */
  generalError: ApiError | undefined;
  busy: boolean;
  /** Success message of the last submission. */
  notice: string | undefined;
  /** Reports a failure found before sending (same shape as the server's). */
  fail: (field: F, message: string) => void;
  clear: () => void;
  /**
   * Sends the request; on failure shows the message next to the field the
   * server named (`error.field`) and focuses that field.
   */
  submit: <T>(
    send: () => Promise<ApiResult<T>>,
    onSuccess: (data: T) => string | undefined,
  ) => Promise<boolean>;
}

/**
 * Which of the form's fields an error belongs to: the field itself, else the
 * most specific one around it (`"asn.nip"` goes to `asn.nip` when the form has
 * it, to `asn` otherwise; `"body.endsOn"` matches `endsOn`).
 */
export function matchField<F extends string>(
  error: Pick<ApiError, 'field'>,
  fields: readonly F[],
): F | undefined {
  const named = error.field;
  if (named === undefined) return undefined;
  const exact = fields.find((f) => f === named);
  if (exact !== undefined) return exact;
  return fields
    .filter((f) => named.endsWith(`.${f}`) || named.startsWith(`${f}.`))
    .sort((a, b) => b.length - a.length)[0];
}

export function useForm<F extends string>(fields: readonly F[]): FormState<F> {
  const baseId = useId();
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const idOf = useCallback((field: F) => `${baseId}-${field}`, [baseId]);
  const matched = error === undefined ? undefined : matchField(error, fields);

  const focusField = useCallback(
    (field: F | undefined) => {
      if (field === undefined) return;
      // After React has rendered the message, so screen readers announce it with the field.
      requestAnimationFrame(() => document.getElementById(idOf(field))?.focus());
    },
    [idOf],
  );

  return {
    idOf,
    errorOf: (field) => (error !== undefined && matched === field ? error.message : undefined),
    generalError: error !== undefined && matched === undefined ? error : undefined,
    busy,
    notice,
    fail: (field, message) => {
      setNotice(undefined);
      setError({ code: 'form.invalid', message, field });
      focusField(field);
    },
    clear: () => {
      setError(undefined);
      setNotice(undefined);
    },
    submit: async (send, onSuccess) => {
      setBusy(true);
      setNotice(undefined);
      const result = await send();
      setBusy(false);
      if (result.ok) {
        setError(undefined);
        setNotice(onSuccess(result.data));
        return true;
      }
      setError(result.error);
      focusField(matchField(result.error, fields));
      return false;
    },
  };
}

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (a11y: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}

/** A labelled control with its hint and its error message underneath. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId]
    .filter((x) => x !== null)
    .join(' ');
  return (
    <div className={error === undefined ? 'field' : 'field field-invalid'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error !== undefined,
        'aria-describedby': describedBy === '' ? undefined : describedBy,
      })}
      {hint !== undefined && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Failure not tied to a field, and the success notice, at the bottom of a form. */
export function FormStatus({ form }: { form: Pick<FormState<string>, 'generalError' | 'notice'> }) {
  return (
    <>
      {form.generalError !== undefined && (
        <p className="alert alert-error" role="alert">
          {form.generalError.message}
        </p>
      )}
      <p className="notice" role="status" aria-live="polite">
        {form.notice}
      </p>
    </>
  );
}

/**
 * The button that sends a form's request: disabled while it runs, and saying
 * `busyLabel` meanwhile. Submits its form unless given `onClick`.
 */
export function BusyButton({
  busy,
  busyLabel,
  tone = 'primary',
  onClick,
  children,
}: {
  busy: boolean;
  busyLabel: string;
  tone?: 'primary' | 'danger';
  onClick?: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type={onClick === undefined ? 'submit' : 'button'}
      className={`button button-${tone}`}
      disabled={busy}
      onClick={onClick}
    >
      {busy ? busyLabel : children}
    </button>
  );
}

/** Parses a whole number typed by the user; undefined when empty or not a number. */
export function parseWhole(text: string): number | undefined {
  const t = text.trim().replace(/\./g, '');
  if (!/^-?\d+$/.test(t)) return undefined;
  return Number(t);
}

// ---------------------------------------------------------------------------
// Dialog

/**
 * A native `<dialog>` shown modal while mounted: `onClose` runs when it
 * closes (Esc, a form's close); unmounting closes it.
 */
export function useModalDialog(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
    };
  }, []);
  return ref;
}

/** A modal dialog (native `<dialog>`): mounted = open; Esc or "Batal" closes. */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useModalDialog(onClose);
  const titleId = useId();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** The buttons at the bottom of a dialog: "Batal" (when it can be cancelled), then `children`. */
export function DialogActions({
  onCancel,
  children,
}: {
  onCancel?: (() => void) | undefined;
  children: ReactNode;
}) {
  return (
    <div className="dialog-actions">
      {onCancel !== undefined && (
        <button type="button" className="button" onClick={onCancel}>
          Batal
        </button>
      )}
      {children}
    </div>
  );
}

/**
 * Asks to confirm one request (delete, disable, verify…): `children` says
 * what will happen, then "Batal" and a button (danger unless `tone` says
 * otherwise) that sends `action`. A failure shows in the dialog; success
 * calls `onDone`. Once `outcome` is given it replaces the question (for a
 * result to read before closing).
 */
export function ConfirmDialog<T>({
  title,
  confirmLabel,
  busyLabel,
  action,
  onDone,
  onClose,
  outcome,
  tone = 'danger',
  children,
}: {
  title: string;
  confirmLabel: string;
  busyLabel: string;
  action: () => Promise<ApiResult<T>>;
  onDone: (data: T) => void;
  onClose: () => void;
  outcome?: ReactNode;
  /** The confirm button's look: danger (default) for removals, primary for approvals. */
  tone?: 'primary' | 'danger';
  children: ReactNode;
}) {
  const form = useForm([] as const);
  return (
    <Dialog title={title} onClose={onClose}>
      {outcome ?? (
        <>
          {children}
          <FormStatus form={form} />
          <DialogActions onCancel={onClose}>
            <BusyButton
              tone={tone}
              busy={form.busy}
              busyLabel={busyLabel}
              onClick={() =>
                void form.submit(action, (data) => {
                  onDone(data);
                  return undefined;
                })
              }
            >
              {confirmLabel}
            </BusyButton>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
