import { useState, type SubmitEvent } from 'react';
import { daysBetween } from '../../domain/common/dates.ts';
import { formatAngka, formatTanggal } from '../../domain/common/format.ts';
import { STAGE_KINDS, type StageKind } from '../../domain/stages/stage.rules.ts';
import {
  api,
  type ApiResult,
  type StageCalendarData,
  type StageData,
  type StageWrite,
} from '../api.ts';
import {
  Async,
  BusyButton,
  ConfirmDialog,
  Dialog,
  DialogActions,
  Field,
  FormStatus,
  useForm,
} from '../components.tsx';
import { STAGE_KIND_LABEL, STAGE_PHASE_LABEL } from '../labels.ts';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

type Open = { kind: 'ubah'; stage: StageData } | { kind: 'hapus'; stage: StageData } | null;

export function TahapanPage() {
  useTitle('Tahapan');
  const calendar = useApi((signal) => api.stages(signal));
  const manage = can(useMe(), 'stage.manage');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const changed = (message: string) => {
    setOpen(null);
    setNotice(message);
    calendar.reload();
  };

  return (
    <>
      <h1>Tahapan Pilkada</h1>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <Async state={calendar}>
        {(data) => (
          <Timeline
            calendar={data}
            manage={manage}
            onEdit={(stage) => setOpen({ kind: 'ubah', stage })}
            onDelete={(stage) => setOpen({ kind: 'hapus', stage })}
          />
        )}
      </Async>
      {manage && (
        <section className="panel" aria-labelledby="tahapan-baru">
          <h2 id="tahapan-baru">Tambah tahapan</h2>
          <StageForm
            submitLabel="Tambah tahapan"
            send={(input) => api.createStage(input)}
            onSaved={(stage) => {
              setNotice(`Tahapan “${stage.name}” ditambahkan.`);
              calendar.reload();
            }}
            resetOnSuccess
          />
        </section>
      )}
      {open?.kind === 'ubah' && (
        <Dialog title={`Ubah tahapan “${open.stage.name}”`} onClose={() => setOpen(null)}>
          <StageForm
            initial={open.stage}
            submitLabel="Simpan"
            send={(input) => api.updateStage(open.stage.id, input)}
            onSaved={(stage) => changed(`Tahapan “${stage.name}” diperbarui.`)}
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      )}
      {open?.kind === 'hapus' && (
        <DeleteStageDialog
          stage={open.stage}
          onClose={() => setOpen(null)}
          onDeleted={() => changed(`Tahapan “${open.stage.name}” dihapus.`)}
        />
      )}
    </>
  );
}

function dateRange(stage: StageData): string {
  return stage.startsOn === stage.endsOn
    ? formatTanggal(stage.startsOn)
    : `${formatTanggal(stage.startsOn)} – ${formatTanggal(stage.endsOn)}`;
}

function Timeline({
  calendar,
  manage,
  onEdit,
  onDelete,
}: {
  calendar: StageCalendarData;
  manage: boolean;
  onEdit: (stage: StageData) => void;
  onDelete: (stage: StageData) => void;
}) {
  const stages = [...calendar.stages].sort(
    (a, b) =>
      a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn) || a.id - b.id,
  );
  const first = stages[0];
  if (first === undefined) {
    return (
      <p>
        Hari ini (WIB): {formatTanggal(calendar.today)}. Belum ada tahapan
        {manage ? '; tambahkan lewat formulir di bawah.' : '.'}
      </p>
    );
  }
  const start = first.startsOn;
  const end = stages.reduce((max, s) => (s.endsOn > max ? s.endsOn : max), first.endsOn);
  const span = daysBetween(start, end) + 1;
  const pct = (date: string) => (daysBetween(start, date) / span) * 100;
  const todayInside = calendar.today >= start && calendar.today <= end;
  const running = stages.filter((s) => s.phase === 'berlangsung');

  return (
    <>
      <p className="lead">
        Hari ini (WIB): <strong>{formatTanggal(calendar.today)}</strong>.{' '}
        {running.length === 0
          ? 'Tidak ada tahapan yang sedang berlangsung.'
          : `${formatAngka(running.length)} tahapan sedang berlangsung.`}
      </p>
      <ol className="timeline" aria-label="Jadwal tahapan">
        {stages.map((s) => (
          <li
            key={s.id}
            className={`stage phase-${s.phase}`}
            aria-current={s.phase === 'berlangsung' ? 'step' : undefined}
            data-testid="stage"
          >
            <div className="stage-head">
              <h3>{s.name}</h3>
              <span className={`badge badge-${s.phase}`}>{STAGE_PHASE_LABEL[s.phase]}</span>
            </div>
            <p className="stage-dates">
              <time dateTime={s.startsOn}>{dateRange(s)}</time>{' '}
              <span className="muted">
                · {formatAngka(daysBetween(s.startsOn, s.endsOn) + 1)} hari
              </span>
            </p>
            <StageNote stage={s} />
            <div className="bar" aria-hidden="true">
              <span
                className="bar-fill"
                style={{
                  left: `${String(pct(s.startsOn))}%`,
                  width: `${String(Math.max(((daysBetween(s.startsOn, s.endsOn) + 1) / span) * 100, 0.8))}%`,
                }}
              />
              {todayInside && (
                <span className="bar-today" style={{ left: `${String(pct(calendar.today))}%` }} />
              )}
            </div>
            {manage && (
              <div className="stage-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Ubah tahapan ${s.name}`}
                  onClick={() => onEdit(s)}
                >
                  Ubah
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-label={`Hapus tahapan ${s.name}`}
                  onClick={() => onDelete(s)}
                >
                  Hapus
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The stage's kind (when the name does not already say it) and its notes. */
function StageNote({ stage }: { stage: StageData }) {
  const parts = [
    stage.name === STAGE_KIND_LABEL[stage.kind] ? null : `Jenis: ${STAGE_KIND_LABEL[stage.kind]}`,
    stage.notes === null || stage.notes === '' ? null : stage.notes,
  ].filter((p) => p !== null);
  return parts.length === 0 ? null : <p className="muted small">{parts.join(' · ')}</p>;
}

type StageField = 'kind' | 'name' | 'startsOn' | 'endsOn' | 'notes';
const STAGE_FIELDS: readonly StageField[] = ['kind', 'name', 'startsOn', 'endsOn', 'notes'];

function StageForm({
  initial,
  submitLabel,
  send,
  onSaved,
  onCancel,
  resetOnSuccess = false,
}: {
  initial?: StageData;
  submitLabel: string;
  send: (input: StageWrite) => Promise<ApiResult<StageData>>;
  onSaved: (stage: StageData) => void;
  onCancel?: () => void;
  resetOnSuccess?: boolean;
}) {
  const form = useForm(STAGE_FIELDS);
  const blank: { kind: StageKind; name: string; startsOn: string; endsOn: string; notes: string } =
    {
      kind: initial?.kind ?? 'lainnya',
      name: initial?.name ?? '',
      startsOn: initial?.startsOn ?? '',
      endsOn: initial?.endsOn ?? '',
      notes: initial?.notes ?? '',
    };
  const [values, setValues] = useState(blank);
  const set = (field: StageField, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const onKindChange = (value: string) => {
    const kind = STAGE_KINDS.find((k) => k === value);
    if (kind === undefined) return;
    setValues((v) => {
      // Suggest the kind's name while the user has not written their own.
      const suggested = v.name === '' || v.name === STAGE_KIND_LABEL[v.kind];
      return {
        ...v,
        kind,
        name: suggested && kind !== 'lainnya' ? STAGE_KIND_LABEL[kind] : v.name,
      };
    });
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (values.name.trim().length < 3) {
      form.fail('name', 'Nama tahapan minimal 3 huruf.');
      return;
    }
    if (values.startsOn === '') {
      form.fail('startsOn', 'Tanggal mulai wajib diisi.');
      return;
    }
    if (values.endsOn === '') {
      form.fail('endsOn', 'Tanggal selesai wajib diisi.');
      return;
    }
    // The end-before-start rule is the server's (one source of truth); its message shows under "Tanggal selesai".
    const saved = await form.submit(
      () =>
        send({
          kind: values.kind,
          name: values.name.trim(),
          startsOn: values.startsOn,
          endsOn: values.endsOn,
          ...(values.notes.trim() === '' ? {} : { notes: values.notes.trim() }),
        }),
      (stage) => {
        onSaved(stage);
        return undefined;
      },
    );
    if (saved && resetOnSuccess) setValues(blank);
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="form-grid">
        <Field id={form.idOf('kind')} label="Jenis tahapan" error={form.errorOf('kind')}>
          {(a11y) => (
            <select {...a11y} value={values.kind} onChange={(e) => onKindChange(e.target.value)}>
              {STAGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {STAGE_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={form.idOf('name')} label="Nama tahapan" error={form.errorOf('name')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('startsOn')} label="Tanggal mulai" error={form.errorOf('startsOn')}>
          {(a11y) => (
            <input
              {...a11y}
              type="date"
              value={values.startsOn}
              onChange={(e) => set('startsOn', e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('endsOn')} label="Tanggal selesai" error={form.errorOf('endsOn')}>
          {(a11y) => (
            <input
              {...a11y}
              type="date"
              value={values.endsOn}
              onChange={(e) => set('endsOn', e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('notes')} label="Catatan (opsional)" error={form.errorOf('notes')}>
          {(a11y) => (
            <textarea
              {...a11y}
              rows={2}
              value={values.notes}
              onChange={(e) => set('notes', e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      <DialogActions onCancel={onCancel}>
        <BusyButton busy={form.busy} busyLabel="Menyimpan…">
          {submitLabel}
        </BusyButton>
      </DialogActions>
    </form>
  );
}

function DeleteStageDialog({
  stage,
  onClose,
  onDeleted,
}: {
  stage: StageData;
  onClose: () => void;
  onDeleted: () => void;
}) {
  return (
    <ConfirmDialog
      title="Hapus tahapan?"
      confirmLabel="Hapus"
      busyLabel="Menghapus…"
      action={() => api.deleteStage(stage.id)}
      onDone={onDeleted}
      onClose={onClose}
    >
      <p>
        Tahapan <strong>{stage.name}</strong> ({dateRange(stage)}) akan dihapus dari jadwal.
      </p>
    </ConfirmDialog>
  );
}
