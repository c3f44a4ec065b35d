/**
 * Reporting a field problem: the phone-sized form for field roles
 * (/masalah/lapor), the public form without an account (/lapor) and the
 * public tracking page (/lapor/lacak?kode=…), which shows the status only.
 */
import { useState, type SubmitEvent } from 'react';
import {
  api,
  CLIENT_ERROR,
  type ProblemConfigData,
  type ProblemCreatedData,
  type ProblemPlacesData,
  type ProblemReport,
} from '../api.ts';
import { Async, BusyButton, Field, FormStatus, useForm } from '../components.tsx';
import { formatTanggal, formatTps } from '../../domain/common/format.ts';
import {
  ASN_CATEGORY,
  ASN_VIOLATIONS,
  ASN_VIOLATION_LABEL,
  ETHICS_CATEGORY,
  ETHICS_PRINCIPLES,
  ETHICS_PRINCIPLE_LABEL,
  ORGANISER_BODIES,
  SEVERITIES,
  SEVERITY_LABEL,
  type AsnViolation,
  type EthicsPrinciple,
  type OrganiserBody,
  type Severity,
} from '../../domain/problems/problems.ts';
import { Link, navigate, useSearchParam } from '../router.tsx';
import { formatWaktuWib } from '../labels.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { enqueue, discard, useQueue } from '../offline/queue.ts';
import { newClientId } from '../results.ts';
import { useMe } from '../session.ts';

const FIELDS = [
  'category',
  'severity',
  'kecamatanCode',
  'desaCode',
  'tpsId',
  'occurredAt',
  'description',
  'people',
  'asn',
  'asn.name',
  'asn.nip',
  'asn.office',
  'asn.violation',
  'ethics',
  'ethics.body',
  'ethics.role',
  'ethics.principle',
  'contactName',
  'contactPhone',
  'photo',
] as const;
type FieldName = (typeof FIELDS)[number];

/** `YYYY-MM-DDTHH:mm` in WIB for a datetime-local input. */
function nowWibLocal(): string {
  const d = new Date(Date.now() + 7 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

/** The datetime-local value (WIB wall time) as an instant with its offset. */
function wibInstant(local: string): string {
  return `${local}:00+07:00`;
}

interface Draft {
  category: string;
  severity: Severity;
  kecamatanCode: string;
  desaCode: string;
  tpsId: string;
  occurredAt: string;
  description: string;
  people: string;
  asnName: string;
  asnNip: string;
  asnOffice: string;
  asnViolation: AsnViolation | '';
  ethicsBody: OrganiserBody | '';
  ethicsRole: string;
  ethicsPrinciple: EthicsPrinciple | '';
  contactName: string;
  contactPhone: string;
  website: string;
}

function emptyDraft(places: ProblemPlacesData): Draft {
  // A reporter with one place (a PPS, a KPPS) gets it chosen already.
  const onlyKec = places.kecamatan.length === 1 ? places.kecamatan[0] : undefined;
  const onlyDesa = onlyKec?.desa.length === 1 ? onlyKec.desa[0] : undefined;
  const onlyTps = onlyDesa?.tps.length === 1 ? onlyDesa.tps[0] : undefined;
  return {
    category: '',
    severity: 'sedang',
    kecamatanCode: onlyKec?.code ?? '',
    desaCode: onlyDesa?.code ?? '',
    tpsId: onlyTps === undefined ? '' : String(onlyTps.id),
    occurredAt: nowWibLocal(),
    description: '',
    people: '',
    asnName: '',
    asnNip: '',
    asnOffice: '',
    asnViolation: '',
    ethicsBody: '',
    ethicsRole: '',
    ethicsPrinciple: '',
    contactName: '',
    contactPhone: '',
    website: '',
  };
}

/** The first thing to fix before sending, under its own field; the server checks again. */
function draftProblem(d: Draft): [FieldName, string] | undefined {
  if (d.category === '') return ['category', 'Pilih kategori masalah.'];
  if (d.kecamatanCode === '') return ['kecamatanCode', 'Pilih kecamatan.'];
  if (d.description.trim() === '') return ['description', 'Uraikan masalahnya.'];
  if (d.category === ASN_CATEGORY) {
    if (d.asnViolation === '') return ['asn.violation', 'Pilih jenis pelanggaran ASN.'];
    if (d.asnNip.trim() !== '' && !/^\d{18}$/.test(d.asnNip.trim())) {
      return ['asn.nip', 'NIP harus 18 angka; kosongkan bila tidak tahu.'];
    }
  }
  if (d.category === ETHICS_CATEGORY) {
    if (d.ethicsBody === '') return ['ethics.body', 'Pilih lembaga penyelenggara.'];
    if (d.ethicsRole.trim() === '') return ['ethics.role', 'Isi jabatan penyelenggara.'];
    if (d.ethicsPrinciple === '') return ['ethics.principle', 'Pilih prinsip yang dilanggar.'];
  }
  return undefined;
}

/** The report body from the draft; the server checks everything again. */
function toReport(d: Draft): ProblemReport {
  const body: ProblemReport = {
    category: d.category,
    severity: d.severity,
    kecamatanCode: d.kecamatanCode,
    occurredAt: wibInstant(d.occurredAt),
    description: d.description,
  };
  if (d.desaCode !== '') body.desaCode = d.desaCode;
  if (d.tpsId !== '') body.tpsId = Number(d.tpsId);
  if (d.people.trim() !== '') body.people = d.people;
  if (d.category === ASN_CATEGORY && d.asnViolation !== '') {
    // Name, NIP and office are each optional: sent only when known.
    body.asn = {
      violation: d.asnViolation,
      ...(d.asnName.trim() === '' ? {} : { name: d.asnName }),
      ...(d.asnNip.trim() === '' ? {} : { nip: d.asnNip.trim() }),
      ...(d.asnOffice.trim() === '' ? {} : { office: d.asnOffice }),
    };
  }
  if (d.category === ETHICS_CATEGORY && d.ethicsBody !== '' && d.ethicsPrinciple !== '') {
    body.ethics = { body: d.ethicsBody, role: d.ethicsRole, principle: d.ethicsPrinciple };
  }
  return body;
}

function ReportFields({
  draft,
  set,
  places,
  config,
  form,
  withTps,
}: {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  places: ProblemPlacesData;
  config: ProblemConfigData;
  form: ReturnType<typeof useForm<FieldName>>;
  withTps: boolean;
}) {
  const kec = places.kecamatan.find((k) => k.code === draft.kecamatanCode);
  const desa = kec?.desa.find((d) => d.code === draft.desaCode);
  return (
    <>
      <Field id={form.idOf('category')} label="Kategori" error={form.errorOf('category')}>
        {(a) => (
          <select {...a} value={draft.category} onChange={(e) => set({ category: e.target.value })}>
            <option value="">— pilih kategori —</option>
            {config.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={form.idOf('severity')} label="Tingkat keparahan" error={form.errorOf('severity')}>
        {(a) => (
          <select
            {...a}
            value={draft.severity}
            onChange={(e) => set({ severity: e.target.value as Severity })}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABEL[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={form.idOf('kecamatanCode')}
        label="Kecamatan"
        error={form.errorOf('kecamatanCode')}
      >
        {(a) => (
          <select
            {...a}
            value={draft.kecamatanCode}
            onChange={(e) => set({ kecamatanCode: e.target.value, desaCode: '', tpsId: '' })}
          >
            <option value="">— pilih kecamatan —</option>
            {places.kecamatan.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={form.idOf('desaCode')} label="Desa/kelurahan" error={form.errorOf('desaCode')}>
        {(a) => (
          <select
            {...a}
            value={draft.desaCode}
            onChange={(e) => set({ desaCode: e.target.value, tpsId: '' })}
          >
            <option value="">— pilih desa —</option>
            {(kec?.desa ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {withTps && (
        <Field id={form.idOf('tpsId')} label="TPS (bila di TPS)" error={form.errorOf('tpsId')}>
          {(a) => (
            <select {...a} value={draft.tpsId} onChange={(e) => set({ tpsId: e.target.value })}>
              <option value="">— bukan di TPS tertentu —</option>
              {(desa?.tps ?? []).map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {formatTps(t.number)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id={form.idOf('occurredAt')}
        label="Waktu kejadian (WIB)"
        error={form.errorOf('occurredAt')}
      >
        {(a) => (
          <input
            {...a}
            type="datetime-local"
            value={draft.occurredAt}
            onChange={(e) => set({ occurredAt: e.target.value })}
          />
        )}
      </Field>
      <Field
        id={form.idOf('description')}
        label="Uraian masalah"
        error={form.errorOf('description')}
      >
        {(a) => (
          <textarea
            {...a}
            rows={4}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      {draft.category === ASN_CATEGORY && (
        <fieldset className="panel">
          <legend>ASN yang dilaporkan</legend>
          <p className="hint">
            Isi yang Anda ketahui saja: nama, instansi, atau ciri orangnya di uraian masalah.
          </p>
          <Field
            id={form.idOf('asn.name')}
            label="Nama ASN (boleh dikosongkan)"
            error={form.errorOf('asn.name') ?? form.errorOf('asn')}
          >
            {(a) => (
              <input
                {...a}
                value={draft.asnName}
                onChange={(e) => set({ asnName: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={form.idOf('asn.nip')}
            label="NIP (boleh dikosongkan)"
            hint="18 angka, bila Anda tahu."
            error={form.errorOf('asn.nip')}
          >
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={draft.asnNip}
                onChange={(e) => set({ asnNip: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={form.idOf('asn.office')}
            label="Instansi (boleh dikosongkan)"
            error={form.errorOf('asn.office')}
          >
            {(a) => (
              <input
                {...a}
                value={draft.asnOffice}
                onChange={(e) => set({ asnOffice: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={form.idOf('asn.violation')}
            label="Pelanggaran (SKB 2022)"
            error={form.errorOf('asn.violation')}
          >
            {(a) => (
              <select
                {...a}
                value={draft.asnViolation}
                onChange={(e) => set({ asnViolation: e.target.value as AsnViolation | '' })}
              >
                <option value="">— pilih pelanggaran —</option>
                {ASN_VIOLATIONS.map((v) => (
                  <option key={v} value={v}>
                    {ASN_VIOLATION_LABEL[v]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
      )}
      {draft.category === ETHICS_CATEGORY && (
        <fieldset className="panel">
          <legend>Penyelenggara yang dilaporkan</legend>
          <Field
            id={form.idOf('ethics.body')}
            label="Lembaga"
            error={form.errorOf('ethics.body') ?? form.errorOf('ethics')}
          >
            {(a) => (
              <select
                {...a}
                value={draft.ethicsBody}
                onChange={(e) => set({ ethicsBody: e.target.value as OrganiserBody | '' })}
              >
                <option value="">— pilih lembaga —</option>
                {ORGANISER_BODIES.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={form.idOf('ethics.role')} label="Jabatan" error={form.errorOf('ethics.role')}>
            {(a) => (
              <input
                {...a}
                value={draft.ethicsRole}
                onChange={(e) => set({ ethicsRole: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={form.idOf('ethics.principle')}
            label="Prinsip yang dilanggar (DKPP)"
            error={form.errorOf('ethics.principle')}
          >
            {(a) => (
              <select
                {...a}
                value={draft.ethicsPrinciple}
                onChange={(e) => set({ ethicsPrinciple: e.target.value as EthicsPrinciple | '' })}
              >
                <option value="">— pilih prinsip —</option>
                {ETHICS_PRINCIPLES.map((p) => (
                  <option key={p} value={p}>
                    {ETHICS_PRINCIPLE_LABEL[p]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
      )}
    </>
  );
}

function PhotoField({
  form,
  onPick,
}: {
  form: ReturnType<typeof useForm<FieldName>>;
  onPick: (file: File | undefined) => void;
}) {
  return (
    <Field
      id={form.idOf('photo')}
      label="Foto (boleh dikosongkan)"
      hint="JPEG, PNG, atau WebP; paling besar 5 MB."
      error={form.errorOf('photo')}
    >
      {(a) => (
        <input
          {...a}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          onChange={(e) => onPick(e.target.files?.[0])}
        />
      )}
    </Field>
  );
}

// ---------------------------------------------------------------- field roles

export function MasalahLaporPage() {
  useTitle('Lapor masalah');
  const places = useApi((signal) => api.problemPlaces(signal));
  const config = useApi((signal) => api.problemConfig(signal));
  return (
    <div className="narrow">
      <p className="breadcrumb">
        <Link to="/masalah">Masalah</Link> › Lapor
      </p>
      <h1>Lapor masalah</h1>
      <Async state={places}>
        {(p) => (
          <Async state={config}>{(c) => <FieldReportFormOrFix places={p} config={c} />}</Async>
        )}
      </Async>
    </div>
  );
}

/** The draft a queued report was made from (to fix one the server refused). */
function draftOf(report: ProblemReport, places: ProblemPlacesData): Draft {
  const local = new Date(Date.parse(report.occurredAt) + 7 * 3_600_000).toISOString().slice(0, 16);
  return {
    ...emptyDraft(places),
    category: report.category,
    severity: report.severity,
    kecamatanCode: report.kecamatanCode,
    desaCode: report.desaCode ?? '',
    tpsId: report.tpsId === undefined ? '' : String(report.tpsId),
    occurredAt: local,
    description: report.description,
    people: report.people ?? '',
    asnName: report.asn?.name ?? '',
    asnNip: report.asn?.nip ?? '',
    asnOffice: report.asn?.office ?? '',
    asnViolation: report.asn?.violation ?? '',
    ethicsBody: report.ethics?.body ?? '',
    ethicsRole: report.ethics?.role ?? '',
    ethicsPrinciple: report.ethics?.principle ?? '',
  };
}

/** `?antrean=<client id>`: the form opens on that queued report, to fix it. */
function FieldReportFormOrFix({
  places,
  config,
}: {
  places: ProblemPlacesData;
  config: ProblemConfigData;
}) {
  const fixing = useSearchParam('antrean');
  const queued = useQueue().find((i) => i.clientId === fixing);
  const fix =
    queued?.payload.kind === 'problem'
      ? {
          clientId: queued.clientId,
          report: queued.payload.report,
          photos: queued.photos,
          error: queued.lastError,
        }
      : undefined;
  return (
    <FieldReportForm key={fix?.clientId ?? 'baru'} places={places} config={config} fix={fix} />
  );
}

function FieldReportForm({
  places,
  config,
  fix,
}: {
  places: ProblemPlacesData;
  config: ProblemConfigData;
  fix?:
    | {
        clientId: string;
        report: ProblemReport;
        /** Its photos, sent with the fixed report unless another is chosen. */
        photos: Blob[];
        error: { code: string; message: string; field?: string | undefined } | null;
      }
    | undefined;
}) {
  const form = useForm(FIELDS);
  const me = useMe();
  const [draft, setDraft] = useState(() =>
    fix === undefined ? emptyDraft(places) : draftOf(fix.report, places),
  );
  /** One id per report, kept across resends: the server takes it once. */
  const [clientId, setClientId] = useState(newClientId);
  const [queuedNote, setQueuedNote] = useState(false);
  const [photo, setPhoto] = useState<File | undefined>(undefined);
  const [created, setCreated] = useState<ProblemCreatedData | undefined>(undefined);
  /** The photo sent after the report: none, sending, sent, or the failure's message. */
  const [photoState, setPhotoState] = useState<
    { kind: 'none' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string }
  >({ kind: 'none' });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const problem = draftProblem(draft);
    if (problem !== undefined) return form.fail(...problem);
    if (photo !== undefined && photo.size > 5 * 1024 * 1024) {
      return form.fail('photo', 'Foto melebihi 5 MB.');
    }
    const report = { ...toReport(draft), clientId };
    // No signal (or it dropped while sending): keep it on the device; the queue delivers it.
    const keep = async () => {
      if (me.userId === null) return;
      const kec = places.kecamatan.find((k) => k.code === draft.kecamatanCode);
      const category = config.categories.find((c) => c.code === draft.category);
      await enqueue(
        {
          clientId,
          kind: 'problem',
          label: `${category?.label ?? draft.category} · ${kec?.name ?? draft.kecamatanCode}`,
          link: '/masalah/lapor',
          payload: { kind: 'problem', report },
          photos: photo === undefined ? (fix?.photos ?? []) : [photo],
        },
        me.userId,
      );
      if (fix !== undefined) await discard(fix.clientId);
      setQueuedNote(true);
    };
    if (!navigator.onLine) {
      await keep();
      return;
    }
    if (fix !== undefined) await discard(fix.clientId);
    await form.submit<ProblemCreatedData | undefined>(
      async () => {
        const sent = await api.reportProblem(report);
        if (
          !sent.ok &&
          (sent.error.code === CLIENT_ERROR.network || sent.error.code === CLIENT_ERROR.timeout)
        ) {
          await keep();
          return { ok: true as const, data: undefined };
        }
        return sent;
      },
      (data) => {
        if (data === undefined) return undefined;
        setCreated(data);
        // The photo chosen now, else the one queued with the report being fixed.
        const sendPhoto = photo ?? fix?.photos[0];
        if (sendPhoto !== undefined) {
          setPhotoState({ kind: 'sending' });
          void api.uploadProblemPhoto(data.id, sendPhoto).then((r) => {
            setPhotoState(r.ok ? { kind: 'sent' } : { kind: 'failed', message: r.error.message });
          });
        }
        return `Laporan terkirim. Kode: ${data.trackingCode}.`;
      },
    );
  };

  if (created !== undefined) {
    return (
      <section className="panel" aria-labelledby="terkirim">
        <h2 id="terkirim">Laporan terkirim</h2>
        <p>
          Kode laporan: <TrackingCode code={created.trackingCode} />
        </p>
        {photoState.kind === 'sending' && <p role="status">Mengirim foto…</p>}
        {photoState.kind === 'sent' && <p role="status">Foto terkirim.</p>}
        {photoState.kind === 'failed' && (
          <p className="alert alert-error" role="alert">
            Foto gagal dikirim: {photoState.message} Tambahkan foto dari halaman laporan.
          </p>
        )}
        {created.duplicates.length > 0 && (
          <div className="alert alert-warning">
            <p>Ada laporan serupa (kategori, tempat, dan waktu berdekatan):</p>
            <ul>
              {created.duplicates.map((d) => (
                <li key={d.id}>
                  <Link to={`/masalah/${String(d.id)}`}>
                    #{d.id} {d.categoryLabel} — {d.description}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
        <p>
          <Link to={`/masalah/${String(created.id)}`}>Lihat laporan</Link> ·{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setCreated(undefined);
              setPhoto(undefined);
              setPhotoState({ kind: 'none' });
              setDraft(emptyDraft(places));
              setClientId(newClientId());
              form.clear();
            }}
          >
            Lapor masalah lain
          </button>
        </p>
      </section>
    );
  }

  if (queuedNote) {
    return (
      <section className="panel" aria-labelledby="disimpan">
        <h2 id="disimpan">Laporan disimpan di perangkat</h2>
        <p data-testid="problem-queued">
          Belum ada sinyal. Laporan akan dikirim otomatis saat koneksi kembali (atau tekan{' '}
          <strong>Kirim sekarang</strong>); laporan hanya tercatat sekali.
        </p>
        <p>
          <Link to="/antrean">Lihat antrean</Link> ·{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQueuedNote(false);
              setPhoto(undefined);
              setDraft(emptyDraft(places));
              setClientId(newClientId());
              form.clear();
              if (fix !== undefined) navigate('/masalah/lapor', { replace: true });
            }}
          >
            Lapor masalah lain
          </button>
        </p>
      </section>
    );
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      {fix?.error != null && (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Laporan dalam antrean ditolak server:</strong> {fix.error.message}
          </p>
          <p>Perbaiki isiannya lalu kirim lagi.</p>
        </div>
      )}
      <ReportFields draft={draft} set={set} places={places} config={config} form={form} withTps />
      <Field id={form.idOf('people')} label="Pihak yang terlibat (boleh dikosongkan)">
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={draft.people}
            onChange={(e) => set({ people: e.target.value })}
          />
        )}
      </Field>
      <PhotoField form={form} onPick={setPhoto} />
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Mengirim…">
        Kirim laporan
      </BusyButton>
    </form>
  );
}

// ---------------------------------------------------------------- public

export function LaporPublikPage() {
  useTitle('Lapor masalah Pilkada');
  const places = useApi((signal) => api.publicProblemPlaces(signal));
  const config = useApi((signal) => api.problemConfig(signal));
  return (
    <div className="narrow">
      <h1>Lapor masalah Pilkada</h1>
      <p className="lead">
        Siapa pun dapat melaporkan masalah Pilkada tanpa akun. Anda akan menerima kode untuk melacak
        status laporan.
      </p>
      <p>
        <Link to="/lapor/lacak">Lacak laporan dengan kode</Link>
      </p>
      <Async state={places}>
        {(p) => <Async state={config}>{(c) => <PublicReportForm places={p} config={c} />}</Async>}
      </Async>
    </div>
  );
}

function PublicReportForm({
  places,
  config,
}: {
  places: ProblemPlacesData;
  config: ProblemConfigData;
}) {
  const form = useForm(FIELDS);
  const [draft, setDraft] = useState(() => emptyDraft(places));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const [code, setCode] = useState<string | undefined>(undefined);

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const problem = draftProblem(draft);
    if (problem !== undefined) return form.fail(...problem);
    // The public form has no TPS or people fields.
    const report = toReport({ ...draft, tpsId: '', people: '' });
    await form.submit(
      () =>
        api.reportPublicProblem({
          ...report,
          ...(draft.contactName.trim() === '' ? {} : { contactName: draft.contactName }),
          ...(draft.contactPhone.trim() === '' ? {} : { contactPhone: draft.contactPhone }),
          ...(draft.website === '' ? {} : { website: draft.website }),
        }),
      (data) => {
        setCode(data.trackingCode);
        return undefined;
      },
    );
  };

  if (code !== undefined) {
    return (
      <section className="panel" aria-labelledby="terkirim">
        <h2 id="terkirim">Terima kasih, laporan Anda diterima</h2>
        <p>
          Simpan kode pelacakan ini: <TrackingCode code={code} />
        </p>
        <p>
          <Link to={`/lapor/lacak?kode=${encodeURIComponent(code)}`}>Lacak status laporan</Link>
        </p>
      </section>
    );
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <ReportFields
        draft={draft}
        set={set}
        places={places}
        config={config}
        form={form}
        withTps={false}
      />
      <Field
        id={form.idOf('contactName')}
        label="Nama Anda (boleh dikosongkan)"
        error={form.errorOf('contactName')}
      >
        {(a) => (
          <input
            {...a}
            value={draft.contactName}
            onChange={(e) => set({ contactName: e.target.value })}
          />
        )}
      </Field>
      <Field
        id={form.idOf('contactPhone')}
        label="Nomor telepon (boleh dikosongkan)"
        hint="Hanya dilihat petugas Desk Pilkada, tidak ditampilkan di halaman pelacakan."
        error={form.errorOf('contactPhone')}
      >
        {(a) => (
          <input
            {...a}
            type="tel"
            value={draft.contactPhone}
            onChange={(e) => set({ contactPhone: e.target.value })}
          />
        )}
      </Field>
      {/* Left empty by people; bots fill every field. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="lapor-website">Situs web</label>
        <input
          id="lapor-website"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={draft.website}
          onChange={(e) => set({ website: e.target.value })}
        />
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Mengirim…">
        Kirim laporan
      </BusyButton>
    </form>
  );
}

export function LacakPage() {
  useTitle('Lacak laporan');
  const asked = useSearchParam('kode') ?? '';
  const [code, setCode] = useState(asked);
  return (
    <div className="narrow">
      <h1>Lacak laporan</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/lapor/lacak?kode=${encodeURIComponent(code.trim())}`);
        }}
      >
        <Field id="lacak-kode" label="Kode pelacakan" hint="Contoh: LP-7K3M-9QXA">
          {(a) => <input {...a} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary">
          Lacak
        </button>
      </form>
      {asked !== '' && <TrackingResult key={asked} code={asked} />}
    </div>
  );
}

/**
 * A tracking code that never breaks across lines, with a button that copies
 * it (the code is what the citizen needs to keep).
 */
export function TrackingCode({ code }: { code: string }) {
  const [copied, setCopied] = useState<'ya' | 'gagal' | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('ya');
    } catch {
      setCopied('gagal');
    }
  };
  return (
    <span className="tracking-code">
      <strong className="code nowrap" data-testid="kode-pelacakan">
        {code}
      </strong>{' '}
      <button type="button" className="button button-small" onClick={() => void copy()}>
        Salin kode
      </button>
      <span role="status" className="small muted">
        {copied === 'ya'
          ? ' Kode tersalin.'
          : copied === 'gagal'
            ? ' Salin manual kode di atas.'
            : ''}
      </span>
    </span>
  );
}

function TrackingResult({ code }: { code: string }) {
  const status = useApi((signal) => api.trackProblem(code, signal), code);
  return (
    <Async state={status}>
      {(s) => (
        <section className="panel" aria-labelledby="status-laporan">
          <h2 id="status-laporan">Status laporan</h2>
          <p>
            Kode: <TrackingCode code={s.trackingCode} />
          </p>
          <p className="lead">
            Status: <strong data-testid="status-laporan">{s.statusLabel}</strong>
          </p>
          <p className="muted small">
            Dilaporkan {formatWaktuWib(s.reportedAt)} · diperbarui {formatWaktuWib(s.updatedAt)}
          </p>
          {s.closingNote !== null && (
            <div className="alert" data-testid="catatan-penutup">
              <p>
                <strong>
                  {s.status === 'ditolak' ? 'Alasan laporan tidak ditindaklanjuti' : 'Penyelesaian'}
                  :
                </strong>{' '}
                {s.closingNote}
              </p>
            </div>
          )}
          {s.referrals.length > 0 && (
            <>
              <h3>Diteruskan kepada instansi</h3>
              <ul className="plain" data-testid="rujukan">
                {s.referrals.map((r, i) => (
                  <li key={i}>
                    <strong>{r.agency}</strong>, sejak {formatTanggal(r.referredOn)}
                    {r.updates.map((u, j) => (
                      <div key={j} className="small">
                        {formatWaktuWib(u.at)}: {u.text}
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Perjalanan laporan</h3>
          <ol className="plain" data-testid="langkah-laporan">
            {s.steps.map((step, i) => (
              <li key={i}>
                <span className="muted small">{formatWaktuWib(step.at)}</span> — {step.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Async>
  );
}
