/**
 * C.Hasil-KWK of one TPS for one contest: entry and correction (KPPS, PPS),
 * verification or return (PPK), every version, and photos of the signed form.
 */
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type SubmitEvent,
} from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { DEFAULT_MAX_VOTERS_PER_TPS } from '../../domain/tps/tps.rules.ts';
import { checkChasil, reserveBallots } from '../../domain/results/chasil.rules.ts';
import { correctionReasonState, MIN_REASON_LENGTH } from '../../domain/results/correction.ts';
import {
  BALLOT_FIELDS,
  DISABILITY_FIELDS,
  SEX_COLUMNS,
  VOTER_SECTIONS,
  chasilNumbers,
  voteField,
  type ChasilForm,
} from '../../domain/results/chasil.ts';
import {
  api,
  CLIENT_ERROR,
  type ApiError,
  type ContestData,
  type ResultSubmit,
  type SubmissionAcceptedData,
  type TpsContestResultData,
  type TpsResultsData,
} from '../api.ts';
import {
  Async,
  ConfirmDialog,
  Dialog,
  DialogActions,
  Field,
  FormStatus,
  BusyButton,
  useForm,
} from '../components.tsx';
import { formatWaktuWib } from '../labels.ts';
import {
  hasilTpsPath,
  Link,
  navigate,
  tpsPath,
  useSearchParam,
  verifikasiPath,
} from '../router.tsx';
import { nextWaiting } from '../../domain/results/worklist.ts';
import { discard, enqueue, useQueue } from '../offline/queue.ts';
import {
  clientIdFor,
  clientIdKey,
  contestShort,
  forgetClientId,
  newClientId,
  FROM_WORKLIST,
  fromWorklistPath,
  RESULT_STATUS_LABEL,
  statusLabel,
} from '../results.ts';
import { canOn, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import {
  BALLOT_NAME,
  DISABILITY_NAME,
  FiguresView,
  TALLY_NAME,
  SECTION_TITLE,
  VoterTable,
  asChasilForm,
  cellName,
  changesBetween,
  fieldOrder,
  formOf,
  pairLabels,
  pairNames,
  sortedPairs,
  textOf,
  voteName,
  type Pair,
} from './chasil-parts.tsx';
import { formatBytes, photoFileProblem } from '../photo-file.ts';
import {
  BesidePhotos,
  PhotoThumbs,
  resultPhotoPath,
  type ViewablePhoto,
} from '../photo-viewer.tsx';

export function HasilTpsPage({ tpsId, contestId }: { tpsId: number; contestId: number }) {
  const results = useApi((signal) => api.tpsResults(tpsId, signal), String(tpsId));
  const contests = useApi((signal) => api.contests(signal));
  const settings = useApi((signal) => api.settings(signal));
  const contest = contests.data?.find((c) => c.id === contestId);
  useTitle(
    results.data === undefined
      ? 'C.Hasil-KWK'
      : `C.Hasil ${contestShort(contest)} ${results.data.label} ${results.data.desaName}`,
  );
  return (
    <Async state={results}>
      {(tps) => (
        <Async state={contests}>
          {(list) => (
            <HasilView
              key={`${String(tpsId)}:${String(contestId)}`}
              tps={tps}
              contests={list}
              contestId={contestId}
              maxDpt={settings.data?.maxVotersPerTps ?? DEFAULT_MAX_VOTERS_PER_TPS}
              reload={results.reload}
            />
          )}
        </Async>
      )}
    </Async>
  );
}

interface Outcome {
  message: string;
  flags: readonly { code: string; message: string }[];
}

function HasilView({
  tps,
  contests,
  contestId,
  maxDpt,
  reload,
}: {
  tps: TpsResultsData;
  contests: readonly ContestData[];
  contestId: number;
  maxDpt: number;
  reload: () => void;
}) {
  const me = useMe();
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const result = tps.contests.find((c) => c.contestId === contestId);
  const contest = contests.find((c) => c.id === contestId);
  const target = { regionCode: tps.desaCode, korwilId: null, tpsId: tps.tpsId };
  const canSubmit = canOn(me, 'result.submit', target);
  const canVerify = canOn(me, 'result.verify', target);
  // Opened from the verification worklist: once handled, on to the next TPS waiting.
  const fromWorklist = useSearchParam('dari') === FROM_WORKLIST;
  const handledBefore = useSearchParam('selesai');
  const moveOn = async () => {
    const done = `${tps.label} ${tps.desaName}`;
    const list = await api.resultsWorklist(contestId);
    const next = list.ok ? nextWaiting(list.data, tps.tpsId) : null;
    navigate(
      next === null
        ? verifikasiPath(contestId, done)
        : fromWorklistPath(next.tpsId, contestId, done),
    );
  };
  // `?antrean=<client id>`: fix a queued C.Hasil the server refused.
  const fixing = useSearchParam('antrean');
  const queue = useQueue();
  const queued = queue.find((i) => i.clientId === fixing);
  // This TPS and contest's submissions still in the device's queue: when the
  // last one is delivered, show the server's version.
  const here = queue.filter(
    (i) =>
      i.payload.kind === 'chasil' &&
      i.payload.tpsId === tps.tpsId &&
      i.payload.contestId === contestId,
  );
  const waitingHere = here.filter((i) => i.state !== 'attention').length;
  const refusedHere = here.find((i) => i.state === 'attention');
  const before = useRef(waitingHere);
  useEffect(() => {
    const was = before.current;
    before.current = waitingHere;
    if (was === 0 || waitingHere > 0) return;
    setOutcome({
      message:
        refusedHere?.lastError == null
          ? 'Kiriman dari antrean sudah diterima server.'
          : `Kiriman dari antrean ditolak server: ${refusedHere.lastError.message} Perbaiki dari halaman Antrean.`,
      flags: [],
    });
    reload();
  }, [waitingHere, refusedHere, reload]);
  const fix =
    queued?.payload.kind === 'chasil' &&
    queued.payload.submit !== null &&
    queued.payload.contestId === contestId
      ? { clientId: queued.clientId, submit: queued.payload.submit, error: queued.lastError }
      : undefined;

  // Bring the outcome of a submission or verification into view (the button is far below).
  useEffect(() => {
    if (outcome === undefined) return;
    outcomeRef.current?.scrollIntoView({ block: 'center' });
    outcomeRef.current?.focus({ preventScroll: true });
  }, [outcome]);

  if (result === undefined || contest === undefined) {
    return (
      <div className="alert alert-error" role="alert">
        <p>
          <strong>Pemilihan ini tidak diselenggarakan di {tps.label}.</strong>
        </p>
        <p>
          <Link to={tpsPath(tps.tpsId)}>Kembali ke {tps.label}</Link>
        </p>
      </div>
    );
  }

  const pairs = sortedPairs(contest.pairs);
  const formPhotos = viewablePhotos(tps, result, contestShort(contest));
  const current = result.current;
  const currentForm = asChasilForm(current?.form);

  const accepted = (data: SubmissionAcceptedData) => {
    setOutcome({
      message: data.duplicate
        ? `Hasil ini sudah diterima sebelumnya: versi ${String(data.version)}, status ${RESULT_STATUS_LABEL[data.status]}.`
        : `Terkirim: versi ${String(data.version)}, status ${RESULT_STATUS_LABEL[data.status]}.`,
      flags: data.anomalies,
    });
    reload();
  };

  return (
    <>
      <nav aria-label="Jejak wilayah" className="breadcrumb">
        <ol>
          <li>
            <Link to={tpsPath(tps.tpsId)}>
              {tps.label} {tps.desaName}
            </Link>
          </li>
          <li aria-current="page">C.Hasil {contestShort(contest)}</li>
        </ol>
      </nav>
      <p className="overline">
        C.Hasil-KWK · {tps.label} · {tps.desaName}
      </p>
      <h1>C.Hasil {contestShort(contest)}</h1>
      <p className="lead">{contest.name}</p>

      {tps.contests.length > 1 && (
        <nav aria-label="Pemilihan" className="tabs">
          <ul>
            {tps.contests.map((c) => (
              <li key={c.contestId}>
                <Link
                  to={hasilTpsPath(tps.tpsId, c.contestId)}
                  aria-current={c.contestId === contestId ? 'page' : undefined}
                >
                  {contestShort(
                    contests.find((x) => x.id === c.contestId),
                    c.contestName,
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {fromWorklist && (
        <p className="notice" data-testid="worklist-next">
          {handledBefore !== null && <>{handledBefore} sudah ditangani; ini berikutnya. </>}
          <Link to={verifikasiPath(contestId)}>Kembali ke daftar verifikasi</Link>
        </p>
      )}
      <StatusBox result={result} />

      <div
        ref={outcomeRef}
        tabIndex={-1}
        className="outcome"
        role="status"
        aria-live="polite"
        data-testid="chasil-outcome"
      >
        {outcome !== undefined && (
          <div className="notice">
            <p>
              <strong>{outcome.message}</strong>
            </p>
            <FlagList flags={outcome.flags} />
          </div>
        )}
      </div>

      {canSubmit &&
        (tps.window.open ? (
          <EntryForm
            key={`${String(contestId)}:${String(current?.version ?? 0)}:${fix?.clientId ?? ''}`}
            tps={tps}
            contestId={contestId}
            contestLabel={contestShort(contest)}
            pairs={pairs}
            current={currentForm}
            currentVersion={current?.version ?? null}
            maxDpt={maxDpt}
            fix={fix}
            onAccepted={accepted}
            onQueued={() =>
              setOutcome({
                message:
                  'Disimpan di perangkat: koneksi tidak tersedia. Hasil dikirim otomatis saat koneksi kembali; angka yang sama hanya tercatat sekali.',
                flags: [],
              })
            }
            onReload={reload}
          />
        ) : (
          <p className="alert alert-warning">{tps.window.message}</p>
        ))}

      {!canSubmit && (
        <BesidePhotos photos={formPhotos}>
          {currentForm !== undefined && current !== null && (
            <section aria-labelledby="angka-terkini">
              <h2 id="angka-terkini">Angka versi {current.version}</h2>
              <FiguresView form={currentForm} pairs={pairs} />
            </section>
          )}
          {current === null && (
            <p className="muted">Belum ada hasil yang dikirim untuk TPS dan pemilihan ini.</p>
          )}
          {canVerify && current !== null && (
            <VerifyActions
              tps={tps}
              result={result}
              version={current.version}
              onDone={(message, handled) => {
                setOutcome({ message, flags: [] });
                if (handled && fromWorklist) void moveOn();
                else reload();
              }}
            />
          )}
        </BesidePhotos>
      )}
      {canSubmit && canVerify && current !== null && (
        <VerifyActions
          tps={tps}
          result={result}
          version={current.version}
          onDone={(message, handled) => {
            setOutcome({ message, flags: [] });
            if (handled && fromWorklist) void moveOn();
            else reload();
          }}
        />
      )}

      <History result={result} pairs={pairs} />
      <Photos
        tps={tps}
        result={result}
        label={`${contestShort(contest)} ${tps.label} ${tps.desaName}`}
        photos={formPhotos}
        canUpload={canSubmit}
        onUploaded={reload}
      />
    </>
  );
}

function StatusBox({ result }: { result: TpsContestResultData }) {
  const current = result.current;
  return (
    <div className={`status-box status-${result.status ?? 'none'}`} data-testid="chasil-status">
      <p>
        Status:{' '}
        <span className={`badge badge-result-${result.status ?? 'none'}`}>
          {statusLabel(result.status)}
        </span>
        {current !== null && <> · versi {current.version}</>}
        {result.statusBy !== null && result.status !== 'submitted' && (
          <span className="muted"> · oleh {result.statusBy}</span>
        )}
      </p>
      {result.status === 'returned' && (
        <p>
          <strong>Dikembalikan untuk diperbaiki:</strong> {result.statusNote ?? '(tanpa catatan)'}
        </p>
      )}
    </div>
  );
}

function FlagList({ flags }: { flags: readonly { code: string; message: string }[] }) {
  if (flags.length === 0) return null;
  return (
    <div className="flags">
      <p className="small">Catatan untuk desk (hasil tetap diterima):</p>
      <ul>
        {flags.map((f) => (
          <li key={f.code} className="flag">
            {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------
// Entry form

/** The reason's state: asked only of a correction (figures changed from the sent version). */
function reasonStateOf(
  correction: boolean,
  current: ChasilForm | undefined,
  form: ChasilForm,
  reason: string,
): ReturnType<typeof correctionReasonState> {
  if (!correction) return null;
  // A sent version whose figures cannot be read here: any resend is a correction.
  if (current === undefined)
    return reason.trim().length < MIN_REASON_LENGTH ? 'reason_missing' : null;
  return correctionReasonState(current, form, reason);
}

interface ShownIssue {
  field: string;
  message: string;
}

function EntryForm({
  tps,
  contestId,
  contestLabel,
  pairs,
  current,
  currentVersion,
  maxDpt,
  fix,
  onAccepted,
  onQueued,
  onReload,
}: {
  tps: TpsResultsData;
  contestId: number;
  contestLabel: string;
  pairs: readonly Pair[];
  current: ChasilForm | undefined;
  currentVersion: number | null;
  maxDpt: number;
  /** A queued submission the server refused, opened to be fixed. */
  fix: { clientId: string; submit: ResultSubmit; error: ApiError | null } | undefined;
  onAccepted: (data: SubmissionAcceptedData) => void;
  onQueued: () => void;
  onReload: () => void;
}) {
  const me = useMe();
  const baseId = useId();
  const correction = currentVersion !== null;
  const selectionIds = useMemo(() => pairs.map((p) => p.id), [pairs]);
  const labels = useMemo(() => pairLabels(pairs), [pairs]);
  const order = useMemo(() => fieldOrder(selectionIds), [selectionIds]);
  const [text, setText] = useState<Record<string, string>>(() =>
    textOf(fix === undefined ? current : fix.submit.form),
  );
  const [reason, setReason] = useState(fix?.submit.reason ?? '');
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiError | undefined>(undefined);

  const form = useMemo(() => formOf(text, selectionIds), [text, selectionIds]);
  const issues = useMemo(() => {
    const empty = new Set(order.filter((f) => (text[f] ?? '').trim() === ''));
    const out: ShownIssue[] = chasilNumbers(form, labels)
      .filter((x) => empty.has(x.field))
      .map((x) => ({ field: x.field, message: `${x.label} belum diisi (isi 0 bila tidak ada).` }));
    for (const issue of checkChasil(form, {
      selectionIds,
      registeredVoters: tps.registeredVoters,
      maxDpt,
      selectionLabels: labels,
    })) {
      if (issue.code === 'chasil.not_whole_number' && empty.has(issue.field)) continue;
      out.push({ field: issue.field, message: issue.message });
    }
    if (reasonStateOf(correction, current, form, reason) === 'reason_missing') {
      out.push({
        field: 'reason',
        message: 'Alasan koreksi wajib diisi (minimal 5 huruf).',
      });
    }
    const rank = (f: string) => {
      const i = order.indexOf(f);
      return i < 0 ? order.length : i;
    };
    return out.sort((a, b) => rank(a.field) - rank(b.field));
  }, [
    form,
    text,
    order,
    labels,
    selectionIds,
    tps.registeredVoters,
    maxDpt,
    correction,
    current,
    reason,
  ]);
  // Right after sending, the form shows what was sent: nothing to correct, and no error.
  const unchanged =
    issues.length === 0 && reasonStateOf(correction, current, form, reason) === 'unchanged';

  /** The server's complaint, by the form's field path (`form.valid` → `valid`). */
  const serverField =
    serverError?.field === undefined ? undefined : serverError.field.replace(/^form\./, '');
  const serverOnField =
    serverField !== undefined && (serverField === 'reason' || order.includes(serverField));

  const idOf = (field: string) => `${baseId}-${field}`;
  const shownFor = (field: string): ShownIssue[] => {
    const own =
      showAll || touched.has(field) ? issues.filter((issue) => issue.field === field) : [];
    if (serverOnField && serverField === field && serverError !== undefined) {
      return [...own, { field, message: serverError.message }];
    }
    return own;
  };
  const errorIds = (field: string) =>
    shownFor(field).map((_, i) => `${idOf(field)}-err-${String(i)}`);

  const focusField = (field: string) => {
    requestAnimationFrame(() => {
      const el = document.getElementById(idOf(field));
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
    });
  };

  const change = (field: string, value: string) => {
    setText((t) => ({ ...t, [field]: value }));
    if (serverError !== undefined) setServerError(undefined);
  };
  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));

  const inputProps = (field: string, name?: string) => {
    const shown = errorIds(field);
    return {
      id: idOf(field),
      type: 'text',
      inputMode: 'numeric' as const,
      autoComplete: 'off',
      ...(name === undefined ? {} : { 'aria-label': name }),
      value: text[field] ?? '',
      'aria-invalid': shown.length > 0,
      'aria-describedby': shown.length > 0 ? shown.join(' ') : undefined,
      onChange: (e: ChangeEvent<HTMLInputElement>) => change(field, e.target.value),
      onBlur: () => touch(field),
    };
  };

  const messages = (field: string) =>
    shownFor(field).map((issue, i) => (
      <p
        key={`${field}-${String(i)}`}
        id={`${idOf(field)}-err-${String(i)}`}
        className="field-error"
      >
        {issue.message}
      </p>
    ));

  const numField = (field: string, label: string, hint?: string) => {
    const hintId = `${idOf(field)}-hint`;
    const props = inputProps(field);
    const describedBy = [hint === undefined ? undefined : hintId, props['aria-describedby']]
      .filter((x) => x !== undefined)
      .join(' ');
    return (
      <div
        key={field}
        className={props['aria-invalid'] ? 'field field-invalid num-field' : 'field num-field'}
      >
        <label htmlFor={props.id}>{label}</label>
        <input {...props} aria-describedby={describedBy === '' ? undefined : describedBy} />
        {hint !== undefined && (
          <p className="hint" id={hintId}>
            {hint}
          </p>
        )}
        {messages(field)}
      </div>
    );
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const first = issues[0];
    if (first !== undefined) {
      setShowAll(true);
      focusField(first.field);
      return;
    }
    const key = clientIdKey(tps.tpsId, contestId, form);
    const clientId = clientIdFor(key);
    const submit: ResultSubmit = {
      clientId,
      tpsId: tps.tpsId,
      contestId,
      form,
      ...(correction ? { reason: reason.trim() } : {}),
    };
    // The fixed submission replaces the refused one in the queue.
    if (fix !== undefined) await discard(fix.clientId);
    // No signal (or it dropped while sending): keep it on the device with its
    // client id; the queue delivers it, and a resend is never counted twice.
    const keep = async () => {
      if (me.userId === null) return;
      await enqueue(
        {
          clientId,
          kind: 'chasil',
          label: `${contestLabel} ${tps.label} ${tps.desaName}`,
          link: hasilTpsPath(tps.tpsId, contestId),
          payload: { kind: 'chasil', tpsId: tps.tpsId, contestId, submit },
        },
        me.userId,
      );
      setServerError(undefined);
      onQueued();
    };
    if (!navigator.onLine) {
      await keep();
      return;
    }
    setBusy(true);
    setServerError(undefined);
    const sent = await api.submitResult(submit);
    setBusy(false);
    if (
      !sent.ok &&
      (sent.error.code === CLIENT_ERROR.network || sent.error.code === CLIENT_ERROR.timeout)
    ) {
      await keep();
      return;
    }
    if (sent.ok) {
      forgetClientId(key);
      onAccepted(sent.data);
      return;
    }
    if (sent.error.code === 'result.client_id_reused') forgetClientId(key);
    setServerError(sent.error);
    const named = sent.error.field?.replace(/^form\./, '');
    if (named !== undefined && (named === 'reason' || order.includes(named))) focusField(named);
  };

  const dpt = form.registered.dpt.total;
  const reserve = reserveBallots(dpt);
  const summaryId = `${baseId}-summary`;
  const transient =
    serverError !== undefined &&
    (serverError.code === CLIENT_ERROR.network || serverError.code === CLIENT_ERROR.timeout);

  return (
    <form
      className="chasil-form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={`${baseId}-title`}
    >
      <h2 id={`${baseId}-title`}>
        {correction ? `Koreksi hasil (versi ${String(currentVersion)})` : 'Isi hasil penghitungan'}
      </h2>
      <p className="hint">
        Salin angka persis seperti tertulis di formulir C.Hasil-KWK yang ditandatangani, termasuk
        jumlahnya. Aplikasi memeriksa penjumlahannya sambil Anda mengetik. DPT TPS ini menurut
        daftar TPS: {formatAngka(tps.registeredVoters)} pemilih.
      </p>

      {VOTER_SECTIONS.map((section) => (
        <fieldset key={section} className="chasil-section">
          <legend>{SECTION_TITLE[section]}</legend>
          <VoterTable
            section={section}
            cell={(row, col) => (
              <input
                className="cell"
                {...inputProps(`${section}.${row}.${col}`, cellName(section, row, col))}
              />
            )}
            after={(row) => {
              const fields = SEX_COLUMNS.map((col) => `${section}.${row}.${col}`);
              const shown = fields.flatMap((f) => messages(f));
              return shown.length === 0 ? null : (
                <tr className="row-error">
                  <td colSpan={4}>{shown}</td>
                </tr>
              );
            }}
          />
        </fieldset>
      ))}

      <fieldset className="chasil-section">
        <legend>II Penggunaan surat suara</legend>
        {BALLOT_FIELDS.map((b) =>
          numField(
            `ballots.${b}`,
            BALLOT_NAME[b],
            b === 'received' && Number.isFinite(reserve)
              ? `Cadangan 2,5 % dari DPT ${formatAngka(dpt)}: ${formatAngka(reserve)} lembar.`
              : undefined,
          ),
        )}
      </fieldset>

      <fieldset className="chasil-section">
        <legend>III Pemilih disabilitas</legend>
        {DISABILITY_FIELDS.map((d) => numField(`disability.${d}`, DISABILITY_NAME[d]))}
      </fieldset>

      <fieldset className="chasil-section">
        <legend>IV Perolehan suara</legend>
        {pairs.map((p) => {
          const field = voteField(p.id);
          const props = inputProps(field, voteName(p));
          return (
            <div
              key={p.id}
              className={props['aria-invalid'] ? 'field field-invalid vote-row' : 'field vote-row'}
            >
              <div className={p.isKolomKosong ? 'pair pair-kosong' : 'pair'}>
                <span className="ballot" aria-hidden="true">
                  {p.ballotNumber ?? '–'}
                </span>
                <label htmlFor={props.id} className="pair-names" aria-hidden="true">
                  {pairNames(p)}
                </label>
                <input className="cell vote-input" {...props} />
              </div>
              {messages(field)}
            </div>
          );
        })}
        {numField('valid', TALLY_NAME.valid)}
        {numField('invalid', TALLY_NAME.invalid)}
        {numField('total', TALLY_NAME.total)}
      </fieldset>

      {correction && (
        <Field
          id={idOf('reason')}
          label="Alasan koreksi"
          hint="Wajib untuk setiap kiriman setelah yang pertama, minimal 5 huruf (mis. salah salin angka paslon 01)."
          error={
            shownFor('reason')
              .map((x) => x.message)
              .join(' ') || undefined
          }
        >
          {(a11y) => (
            <textarea
              {...a11y}
              rows={2}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                if (serverError !== undefined) setServerError(undefined);
              }}
              onBlur={() => touch('reason')}
            />
          )}
        </Field>
      )}

      {fix?.error != null && serverError === undefined && (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Kiriman dalam antrean ditolak server:</strong> {fix.error.message}
          </p>
          <p>Perbaiki isiannya lalu tekan Kirim; kiriman lama diganti.</p>
        </div>
      )}
      {serverError !== undefined && !serverOnField && (
        <div className="alert alert-error" role="alert">
          <p>{serverError.message}</p>
          {transient && (
            <p>
              Kiriman belum pasti diterima. Tekan <strong>Kirim</strong> lagi: angka yang sama tidak
              akan tercatat dua kali.
            </p>
          )}
          {serverError.code === 'result.version_changed' && (
            <button type="button" className="button button-small" onClick={onReload}>
              Muat versi terbaru
            </button>
          )}
        </div>
      )}

      <div className="submit-bar">
        <p
          id={summaryId}
          className={
            unchanged ? 'summary-same' : issues.length === 0 ? 'summary-ok' : 'summary-bad'
          }
        >
          {unchanged
            ? `Angka sama dengan versi ${String(currentVersion)}. Ubah angka yang perlu dikoreksi (dengan alasannya) untuk mengirim koreksi.`
            : issues.length === 0
              ? 'Semua isian sudah sesuai aturan C.Hasil.'
              : `${formatAngka(issues.length)} isian belum sesuai.`}
          {issues.length > 0 && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setShowAll(true);
                  const first = issues[0];
                  if (first !== undefined) focusField(first.field);
                }}
              >
                Tunjukkan
              </button>
            </>
          )}
        </p>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || issues.length > 0 || unchanged}
          aria-describedby={summaryId}
        >
          {busy ? 'Mengirim…' : correction ? 'Kirim koreksi' : 'Kirim'}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------
// PPK: verify or return the current version

function VerifyActions({
  tps,
  result,
  version,
  onDone,
}: {
  tps: TpsResultsData;
  result: TpsContestResultData;
  version: number;
  /** `handled`: verified or returned (not a stale version to look at again). */
  onDone: (message: string, handled: boolean) => void;
}) {
  const [open, setOpen] = useState<'verify' | 'return' | null>(null);
  const what = `${tps.label} ${tps.desaName}, ${result.contestName}`;
  return (
    <section className="panel" aria-labelledby="verifikasi-ppk">
      <h2 id="verifikasi-ppk">Verifikasi PPK</h2>
      <p>
        Periksa angka versi {version} terhadap{' '}
        {result.photos.length > 0 ? (
          // On a phone the photos sit below the figures: one tap takes the PPK there.
          <a href="#foto-formulir">foto formulir</a>
        ) : (
          'foto formulir (belum ada foto yang diunggah KPPS)'
        )}
        , lalu verifikasi atau kembalikan ke KPPS dengan catatan.
      </p>
      <div className="dialog-actions">
        {result.status !== 'verified' && (
          <button type="button" className="button button-primary" onClick={() => setOpen('verify')}>
            Verifikasi
          </button>
        )}
        {result.status !== 'returned' && (
          <button type="button" className="button button-danger" onClick={() => setOpen('return')}>
            Kembalikan
          </button>
        )}
      </div>
      {open === 'verify' && (
        <ConfirmDialog
          title={`Verifikasi versi ${String(version)}`}
          confirmLabel="Verifikasi"
          busyLabel="Memverifikasi…"
          tone="primary"
          action={async () => {
            const r = await api.verifyResult(tps.tpsId, result.contestId, { version });
            if (!r.ok && r.error.code === 'result.version_changed') {
              // Someone corrected meanwhile: close, show why, and load the new version to check.
              setOpen(null);
              onDone(r.error.message, false);
            }
            return r;
          }}
          onDone={(data) => {
            setOpen(null);
            onDone(`Versi ${String(data.version)} diverifikasi.`, true);
          }}
          onClose={() => setOpen(null)}
        >
          <p>
            Hasil {what} versi {version} akan ditandai <strong>terverifikasi</strong>. Koreksi
            sesudahnya tetap dapat dikirim KPPS, dan akan ditandai untuk desk.
          </p>
        </ConfirmDialog>
      )}
      {open === 'return' && (
        <ReturnDialog
          tps={tps}
          result={result}
          version={version}
          onClose={() => setOpen(null)}
          onReturned={(data) => {
            setOpen(null);
            onDone(`Versi ${String(data.version)} dikembalikan ke KPPS.`, true);
          }}
          onStale={(message) => {
            setOpen(null);
            onDone(message, false);
          }}
        />
      )}
    </section>
  );
}

function ReturnDialog({
  tps,
  result,
  version,
  onClose,
  onReturned,
  onStale,
}: {
  tps: TpsResultsData;
  result: TpsContestResultData;
  version: number;
  onClose: () => void;
  onReturned: (data: SubmissionAcceptedData) => void;
  onStale: (message: string) => void;
}) {
  const form = useForm(['note'] as const);
  const [note, setNote] = useState('');
  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (note.trim().length < 5) {
      form.fail('note', 'Tuliskan catatan untuk KPPS (minimal 5 huruf).');
      return;
    }
    await form.submit(
      async () => {
        const r = await api.returnResult(tps.tpsId, result.contestId, {
          version,
          note: note.trim(),
        });
        if (!r.ok && r.error.code === 'result.version_changed') onStale(r.error.message);
        return r;
      },
      (data) => {
        onReturned(data);
        return undefined;
      },
    );
  };
  return (
    <Dialog title={`Kembalikan versi ${String(version)}`} onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          Hasil {tps.label} {tps.desaName} dikembalikan ke KPPS untuk diperbaiki. Catatan Anda
          tampil di halaman C.Hasil mereka.
        </p>
        <Field id={form.idOf('note')} label="Catatan untuk KPPS" error={form.errorOf('note')}>
          {(a11y) => (
            <textarea {...a11y} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <FormStatus form={form} />
        <DialogActions onCancel={onClose}>
          <BusyButton tone="danger" busy={form.busy} busyLabel="Mengembalikan…">
            Kembalikan
          </BusyButton>
        </DialogActions>
      </form>
    </Dialog>
  );
}

// ---------------------------------------------------------------------------
// History and photos

function History({ result, pairs }: { result: TpsContestResultData; pairs: readonly Pair[] }) {
  const labels = pairLabels(pairs);
  if (result.history.length === 0) return null;
  return (
    <section aria-labelledby="riwayat-versi">
      <h2 id="riwayat-versi">Riwayat versi</h2>
      <ol className="history" aria-label="Riwayat versi">
        {result.history.map((v, i) => {
          const form = asChasilForm(v.form);
          const older = asChasilForm(result.history[i + 1]?.form);
          const changes =
            form !== undefined && older !== undefined ? changesBetween(older, form, labels) : [];
          return (
            <li key={v.id} className="history-item" data-testid="history-item">
              <p className="history-head">
                <strong>Versi {v.version}</strong>
                {i === 0 && <span className="badge badge-current">terkini</span>}
              </p>
              <p className="small">
                {formatWaktuWib(v.submittedAt)} WIB · oleh {v.submittedByName ?? 'tidak diketahui'}
              </p>
              {v.reason !== null && (
                <p>
                  Alasan: <q>{v.reason}</q>
                </p>
              )}
              {changes.length > 0 && (
                <details className="details">
                  <summary>Perubahan dari versi {result.history[i + 1]?.version}</summary>
                  <ul className="small">
                    {changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </details>
              )}
              <FlagList flags={v.anomalies} />
              {form !== undefined && <Toggle form={form} pairs={pairs} version={v.version} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Toggle({
  form,
  pairs,
  version,
}: {
  form: ChasilForm;
  pairs: readonly Pair[];
  version: number;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Sembunyikan angka' : 'Lihat angka'}
        <span className="visually-hidden"> versi {version}</span>
      </button>
      <div id={id} hidden={!open}>
        {open && <FiguresView form={form} pairs={pairs} />}
      </div>
    </>
  );
}

const PHOTO_LIMIT = 10 * 1024 * 1024;

/** A contest's form photos at a TPS, as the viewer shows them (oldest first). */
function viewablePhotos(
  tps: TpsResultsData,
  result: TpsContestResultData,
  contestLabel: string,
): ViewablePhoto[] {
  return result.photos.map((p, i) => ({
    src: resultPhotoPath(tps.tpsId, result.contestId, p.sha256),
    sha256: p.sha256,
    label: `Foto ${String(i + 1)} C.Hasil ${contestLabel} ${tps.label} ${tps.desaName}`,
    caption: `${formatBytes(p.bytes)}${p.uploadedBy === null ? '' : ` · oleh ${p.uploadedBy}`}`,
  }));
}

function DuplicateWarning({ alsoAtTps }: { alsoAtTps: readonly number[] }) {
  if (alsoAtTps.length === 0) return null;
  return (
    <p className="alert alert-warning" role="alert">
      <strong>Foto yang sama juga diunggah untuk TPS lain</strong> (
      {alsoAtTps.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Link to={tpsPath(id)}>TPS id {id}</Link>
        </span>
      ))}
      ). Periksa apakah foto tertukar.
    </p>
  );
}

function Photos({
  tps,
  result,
  label,
  photos,
  canUpload,
  onUploaded,
}: {
  tps: TpsResultsData;
  result: TpsContestResultData;
  label: string;
  photos: readonly ViewablePhoto[];
  canUpload: boolean;
  onUploaded: () => void;
}) {
  const me = useMe();
  const [queuedPhotos, setQueuedPhotos] = useState(0);
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<{ bytes: number; alsoAtTps: number[] } | undefined>(undefined);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (file === undefined) return;
    setError(undefined);
    setDone(undefined);
    const problem = photoFileProblem(file, PHOTO_LIMIT);
    if (problem !== null) {
      setError(problem);
      input.value = '';
      return;
    }
    // No signal: the photo waits in the queue (stored once by its content hash when sent).
    const keep = async () => {
      if (me.userId === null) return;
      await enqueue(
        {
          clientId: newClientId(),
          kind: 'chasil',
          label: `Foto C.Hasil ${label}`,
          link: hasilTpsPath(tps.tpsId, result.contestId),
          payload: { kind: 'chasil', tpsId: tps.tpsId, contestId: result.contestId, submit: null },
          photos: [file],
          delivered: true,
        },
        me.userId,
      );
      input.value = '';
      setQueuedPhotos((n) => n + 1);
    };
    if (!navigator.onLine) {
      await keep();
      return;
    }
    setBusy(true);
    const sent = await api.uploadPhoto(tps.tpsId, result.contestId, file);
    setBusy(false);
    if (
      !sent.ok &&
      (sent.error.code === CLIENT_ERROR.network || sent.error.code === CLIENT_ERROR.timeout)
    ) {
      await keep();
      return;
    }
    input.value = '';
    if (!sent.ok) {
      setError(sent.error.message);
      return;
    }
    setDone({ bytes: sent.data.bytes, alsoAtTps: sent.data.alsoAtTps });
    onUploaded();
  };

  if (!canUpload && result.photos.length === 0) return null;
  return (
    <section aria-labelledby="foto-formulir">
      <h2 id="foto-formulir">Foto formulir</h2>
      {result.photos.length === 0 ? (
        <p className="muted">Belum ada foto.</p>
      ) : (
        <PhotoThumbs
          photos={photos}
          label="Foto yang sudah diunggah"
          extra={(p) => (
            <DuplicateWarning
              alsoAtTps={result.photos.find((x) => x.sha256 === p.sha256)?.alsoAtTps ?? []}
            />
          )}
        />
      )}
      {canUpload && (
        <div className="field">
          <label htmlFor={inputId}>Tambah foto formulir C.Hasil yang ditandatangani</label>
          <input
            id={inputId}
            type="file"
            accept="image/*"
            capture="environment"
            disabled={busy}
            aria-describedby={error === undefined ? undefined : `${inputId}-error`}
            aria-invalid={error !== undefined}
            onChange={(e) => void onFile(e)}
          />
          <p className="hint">JPEG, PNG, atau WebP, paling besar 10 MB.</p>
          {error !== undefined && (
            <p className="field-error" id={`${inputId}-error`} role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      <div role="status" aria-live="polite">
        {busy && <p className="muted">Mengunggah foto…</p>}
        {queuedPhotos > 0 && (
          <p className="notice">
            {queuedPhotos} foto disimpan di perangkat dan dikirim saat ada sinyal.
          </p>
        )}
        {done !== undefined && (
          <p className="notice">Foto terunggah ({formatBytes(done.bytes)}).</p>
        )}
      </div>
      {done !== undefined && <DuplicateWarning alsoAtTps={done.alsoAtTps} />}
    </section>
  );
}
