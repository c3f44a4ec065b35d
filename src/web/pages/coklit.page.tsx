/**
 * Coklit for a Pantarlih, phone-sized: the voters of the TPS grouped by
 * household (NKK), one tap to open a voter, then MS, U (changed fields) or
 * TMS with its code; pemilih baru with its reason. Each record carries, if
 * allowed, the phone's location. A household's first record gets its
 * sticker number from the server ("Stiker rumah: …", to write on the
 * sticker); then a photo of the house with its sticker can be added.
 */
import { useId, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { formatTanggal, formatTps } from '../../domain/common/format.ts';
import {
  EMPTY_DRAFT,
  entryOfDraft,
  matchesVoterSearch,
  NEW_VOTER_REASON,
  TMS_CODES,
  TMS_LABEL,
  type ChangeableField,
  type CoklitDraft,
  type NewVoterReason,
  type TmsCode,
} from '../../domain/voters/coklit.ts';
import { MARITAL_LABEL } from '../../domain/voters/eligibility.ts';
import {
  api,
  CLIENT_ERROR,
  type ApiError,
  type CoklitAcceptedData,
  type CoklitChangesWrite,
  type CoklitWrite,
  type HouseholdData,
  type NewVoterWrite,
  type TpsVoterListData,
  type VoterData,
} from '../api.ts';
import { Async, LoadError } from '../components.tsx';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { enqueue } from '../offline/queue.ts';
import { useMe } from '../session.ts';
import { formatBytes, photoFileProblem } from '../photo-file.ts';
import { householdPhotoPath, PhotoThumbs } from '../photo-viewer.tsx';

/** No signal (or it dropped while sending): the queue delivers it later, once. */
function isTransient(error: ApiError): boolean {
  return error.code === CLIENT_ERROR.network || error.code === CLIENT_ERROR.timeout;
}

const QUEUED_NOTICE =
  'Disimpan di perangkat: belum ada sinyal. Dikirim otomatis saat koneksi kembali, hanya tercatat sekali. Nomor stiker rumah diberikan saat data terkirim.';

/** What the officer reads after a record is accepted: the household's sticker number. */
function stickerNotice(accepted: CoklitAcceptedData): string | null {
  const h = accepted.household;
  if (h === null) return null;
  return accepted.newHousehold
    ? `Stiker rumah: ${h.sticker} (nomor baru — tulis pada stiker rumah ini).`
    : `Stiker rumah: ${h.sticker}`;
}

const PHOTO_LIMIT = 5 * 1024 * 1024;

const STATUS_LABEL = (v: VoterData): string =>
  v.coklitStatus === null
    ? v.source === 'baru'
      ? 'Baru'
      : 'Belum'
    : v.coklitStatus === 'TMS'
      ? `TMS-${String(v.tmsCode)}`
      : v.coklitStatus;

function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${String(Date.now())}-${String(Math.random()).slice(2)}`;
}

export function CoklitPage({ tpsId }: { tpsId: number }) {
  const list = useApi((signal) => api.tpsVoters(tpsId, signal), String(tpsId));
  const coklitWindow = useApi((signal) => api.coklitWindow(signal));
  useTitle(list.data === undefined ? 'Coklit' : `Coklit ${formatTps(list.data.tps.number)}`);
  // Records are offered only while the coklit window is open (the message says
  // which window is closed and who may open it). Offline, the last known state
  // is unknown: the form stays, and the server judges the queued record.
  const windowOpen = coklitWindow.data?.open ?? coklitWindow.error !== undefined;
  return (
    <div className="narrow coklit">
      <Async state={list}>
        {(data) => (
          <>
            <h1>
              Coklit {formatTps(data.tps.number)} {data.tps.desaName}
            </h1>
            {coklitWindow.data !== undefined && (
              <p
                className={coklitWindow.data.open ? 'notice' : 'alert alert-warning'}
                role="status"
              >
                {coklitWindow.data.message}
              </p>
            )}
            <Summary data={data} />
            <VoterList
              data={data}
              canRecord={data.canRecord && windowOpen}
              onChange={list.reload}
            />
            {data.canRecord && windowOpen && <NewVoterForm tpsId={tpsId} onDone={list.reload} />}
          </>
        )}
      </Async>
    </div>
  );
}

function Summary({ data }: { data: TpsVoterListData }) {
  const dp4 = data.voters.filter((v) => v.source === 'dp4');
  const done = dp4.filter((v) => v.coklitStatus !== null).length;
  return (
    <p className="muted" data-testid="coklit-summary">
      {done} dari {dp4.length} pemilih DP4 sudah dicoklit;{' '}
      {data.voters.filter((v) => v.source === 'baru').length} pemilih baru; {data.households.length}{' '}
      rumah tangga berstiker.
    </p>
  );
}

function VoterList({
  data,
  canRecord,
  onChange,
}: {
  data: TpsVoterListData;
  canRecord: boolean;
  onChange: () => void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const searchId = useId();
  /** The notice of the last accepted record, shown in its household's card. */
  const [accepted, setAccepted] = useState<{ nkk: string; text: string } | null>(null);
  const households = new Map<string, VoterData[]>();
  const found = data.voters.filter((v) => matchesVoterSearch(v, query));
  for (const v of found) {
    const list = households.get(v.nkk) ?? [];
    list.push(v);
    households.set(v.nkk, list);
  }
  const visits = new Map(data.households.map((h) => [h.nkk, h]));
  return (
    <>
      <div className="field search" role="search">
        <label htmlFor={searchId}>Cari pemilih</label>
        <input
          id={searchId}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${searchId}-hint`}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="hint" id={`${searchId}-hint`}>
          Nama, atau angka akhir NIK (mis. 0012).
        </p>
        {query.trim() !== '' && (
          <p className="muted small" role="status" data-testid="coklit-search-count">
            {found.length === 0
              ? 'Tidak ada pemilih yang cocok.'
              : `${String(found.length)} dari ${String(data.voters.length)} pemilih cocok.`}
          </p>
        )}
      </div>
      {[...households.entries()].map(([nkk, members]) => (
        <section key={nkk} className="card" data-testid={`household-${nkk}`}>
          <h2 className="small">KK {nkk}</h2>
          {accepted?.nkk === nkk && (
            <p className="notice" role="status">
              {accepted.text}
            </p>
          )}
          {(() => {
            const visit = visits.get(nkk);
            return visit === undefined ? null : (
              <Household
                household={visit}
                canAddPhoto={data.canAddPhoto}
                tpsId={data.tps.id}
                onUploaded={onChange}
              />
            );
          })()}
          <ul className="plain">
            {members.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={open === v.id}
                  onClick={() => setOpen(open === v.id ? null : v.id)}
                >
                  {v.name}
                </button>{' '}
                <span className="badge" data-testid={`status-${String(v.id)}`}>
                  {STATUS_LABEL(v)}
                </span>
                <div className="muted small">
                  {v.nik} · RT {v.rt}/RW {v.rw} · {v.address}
                </div>
                {open === v.id && (
                  <VoterPanel
                    voter={v}
                    data={data}
                    canRecord={canRecord}
                    onDone={(text) => {
                      setOpen(null);
                      setAccepted(text === null ? null : { nkk, text });
                      onChange();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

async function position(): Promise<{ latitude: number; longitude: number } | null> {
  if (!('geolocation' in navigator)) return null;
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000 },
    );
  });
}

/** Free-text boxes of a U; the choices (sex, marital status, KTP-el) and the birth date follow. */
const TEXT_FIELDS: { field: 'name' | 'address' | 'rt' | 'rw' | 'birthPlace'; label: string }[] = [
  { field: 'name', label: 'Nama' },
  { field: 'address', label: 'Alamat' },
  { field: 'rt', label: 'RT' },
  { field: 'rw', label: 'RW' },
  { field: 'birthPlace', label: 'Tempat lahir' },
];

const SEX_LABEL = { L: 'Laki-laki', P: 'Perempuan' } as const;
const KTP_EL_LABEL = { S: 'Sudah punya KTP-el', B: 'Belum punya KTP-el' } as const;

const CHOICES: {
  field: 'sex' | 'marital' | 'ktpEl';
  label: string;
  options: Readonly<Record<string, string>>;
}[] = [
  { field: 'sex', label: 'Jenis kelamin', options: SEX_LABEL },
  { field: 'marital', label: 'Status kawin', options: MARITAL_LABEL },
  { field: 'ktpEl', label: 'KTP-el', options: KTP_EL_LABEL },
];

function VoterPanel({
  voter,
  data,
  canRecord,
  onDone,
}: {
  voter: VoterData;
  data: TpsVoterListData;
  canRecord: boolean;
  onDone: (notice: string | null) => void;
}) {
  const [draft, setDraft] = useState<CoklitDraft>(EMPTY_DRAFT);
  const [withLocation, setWithLocation] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** Why the form cannot be sent yet (checked here before sending). */
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [queued, setQueued] = useState(false);
  const me = useMe();
  const prefix = `v${String(voter.id)}`;
  const update = (over: Partial<CoklitDraft>) => {
    setDraft({ ...draft, ...over });
    setProblem(null);
  };
  const change = (field: ChangeableField, value: string) =>
    update({ changes: { ...draft.changes, [field]: value } });
  const problemAt = (field: string) =>
    problem?.field === field ? (
      <p className="field-error" role="alert">
        {problem.message}
      </p>
    ) : null;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const entry = entryOfDraft(draft, voter);
    if (!entry.ok) {
      setProblem({ field: entry.error.field ?? '', message: entry.error.message });
      return;
    }
    setBusy(true);
    setError(null);
    const where = withLocation ? await position() : null;
    const evidence = {
      clientId: newClientId(),
      ...(entry.value.reason === undefined ? {} : { reason: entry.value.reason }),
      ...(where ?? {}),
    };
    const v = entry.value;
    const body: CoklitWrite =
      v.kind === 'MS'
        ? { kind: 'MS', ...evidence }
        : v.kind === 'U'
          ? { kind: 'U', changes: v.changes as CoklitChangesWrite, ...evidence }
          : {
              kind: 'TMS',
              code: v.code,
              ...(v.newTpsId === undefined ? {} : { newTpsId: v.newTpsId }),
              ...evidence,
            };
    const keep = async () => {
      if (me.userId === null || body.clientId === undefined) return;
      await enqueue(
        {
          clientId: body.clientId,
          kind: 'coklit',
          label: `${body.kind} · ${voter.name}`,
          link: `/coklit/${String(data.tps.id)}`,
          payload: { kind: 'coklit', voterId: voter.id, body },
        },
        me.userId,
      );
      setBusy(false);
      setQueued(true);
    };
    if (!navigator.onLine) return keep();
    const r = await api.coklit(voter.id, body);
    if (!r.ok && isTransient(r.error)) return keep();
    setBusy(false);
    if (r.ok) onDone(stickerNotice(r.data));
    else setError(r.error);
  };
  return (
    <div className="panel">
      <p className="small">
        Lahir {voter.birthPlace}, {formatTanggal(voter.birthDate)} · {SEX_LABEL[voter.sex]} ·{' '}
        {MARITAL_LABEL[voter.marital]} ·{' '}
        <Link to={`/pemilih/${String(voter.id)}/riwayat`}>Riwayat</Link>
      </p>
      {canRecord && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="chips" aria-describedby={`${prefix}-kind-error`}>
            <legend>Hasil coklit</legend>
            {(['MS', 'U', 'TMS'] as const).map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name={`${prefix}-mode`}
                  checked={draft.kind === m}
                  onChange={() => update({ kind: m })}
                />{' '}
                {m === 'MS' ? 'MS ✓' : m === 'U' ? 'U (ubah data)' : 'TMS'}
              </label>
            ))}
          </fieldset>
          <div id={`${prefix}-kind-error`}>{problemAt('kind')}</div>
          {draft.kind === 'U' && (
            <>
              <p className="hint">Isi hanya data yang berubah, sesuai KTP-el atau KK.</p>
              {TEXT_FIELDS.map((c) => (
                <div key={c.field} className="field">
                  <label htmlFor={`${prefix}-${c.field}`}>
                    {c.label} (sekarang: {voter[c.field]})
                  </label>
                  <input
                    id={`${prefix}-${c.field}`}
                    value={draft.changes[c.field] ?? ''}
                    onChange={(e) => change(c.field, e.target.value)}
                  />
                </div>
              ))}
              <div className="field">
                <label htmlFor={`${prefix}-birthDate`}>
                  Tanggal lahir (sekarang: {formatTanggal(voter.birthDate)})
                </label>
                <input
                  id={`${prefix}-birthDate`}
                  type="date"
                  value={draft.changes.birthDate ?? ''}
                  onChange={(e) => change('birthDate', e.target.value)}
                />
              </div>
              {CHOICES.map((c) => (
                <div key={c.field} className="field">
                  <label htmlFor={`${prefix}-${c.field}`}>
                    {c.label} (sekarang: {c.options[voter[c.field]] ?? voter[c.field]})
                  </label>
                  <select
                    id={`${prefix}-${c.field}`}
                    value={draft.changes[c.field] ?? ''}
                    onChange={(e) => change(c.field, e.target.value)}
                  >
                    <option value="">— tidak berubah —</option>
                    {Object.entries(c.options)
                      .filter(([code]) => code !== voter[c.field])
                      .map(([code, label]) => (
                        <option key={code} value={code}>
                          {label}
                        </option>
                      ))}
                  </select>
                </div>
              ))}
              {problemAt('changes')}
            </>
          )}
          {draft.kind === 'TMS' && (
            <div className="field">
              <label htmlFor={`${prefix}-code`}>Alasan TMS</label>
              <select
                id={`${prefix}-code`}
                value={draft.tmsCode ?? ''}
                required
                aria-invalid={problem?.field === 'code'}
                onChange={(e) =>
                  update({
                    tmsCode: e.target.value === '' ? null : (Number(e.target.value) as TmsCode),
                  })
                }
              >
                <option value="">— pilih alasan —</option>
                {TMS_CODES.map((c) => (
                  <option key={c} value={c}>
                    {c}. {TMS_LABEL[c]}
                  </option>
                ))}
              </select>
              {problemAt('code')}
            </div>
          )}
          {draft.kind === 'TMS' && draft.tmsCode === 8 && (
            <div className="field">
              <label htmlFor={`${prefix}-tps`}>TPS yang benar</label>
              <select
                id={`${prefix}-tps`}
                value={draft.newTpsId ?? ''}
                onChange={(e) =>
                  update({ newTpsId: e.target.value === '' ? null : Number(e.target.value) })
                }
              >
                <option value="">— pilih —</option>
                {data.desaTps
                  .filter((t) => t.id !== data.tps.id)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {formatTps(t.number)}
                    </option>
                  ))}
              </select>
              {problemAt('newTpsId')}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${prefix}-reason`}>
              Alasan / catatan{voter.coklitStatus !== null ? ' (wajib untuk koreksi)' : ''}
            </label>
            <input
              id={`${prefix}-reason`}
              value={draft.reason}
              aria-invalid={error?.field === 'reason'}
              onChange={(e) => update({ reason: e.target.value })}
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={withLocation}
              onChange={(e) => setWithLocation(e.target.checked)}
            />{' '}
            Sertakan lokasi ponsel
          </label>
          {error !== null && <LoadError error={error} />}
          {queued && (
            <p className="notice" role="status">
              {QUEUED_NOTICE}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={busy || queued}>
            {busy ? 'Menyimpan…' : 'Simpan'}
          </button>
        </form>
      )}
    </div>
  );
}

type NewVoterFieldsWrite = NewVoterWrite['voter'];

const EMPTY_NEW: NewVoterFieldsWrite = {
  nkk: '',
  nik: '',
  name: '',
  birthPlace: '',
  birthDate: '',
  marital: 'B',
  sex: 'L',
  address: '',
  rt: '',
  rw: '',
  disability: '',
  ktpEl: 'S',
  remarks: '',
};

/** Free-text boxes of a pemilih baru; the birth date and the choices follow, as in a U. */
const NEW_TEXT_FIELDS: {
  field: 'nik' | 'nkk' | 'name' | 'birthPlace' | 'address' | 'rt' | 'rw';
  label: string;
}[] = [
  { field: 'nik', label: 'NIK' },
  { field: 'nkk', label: 'NKK' },
  { field: 'name', label: 'Nama' },
  { field: 'birthPlace', label: 'Tempat lahir' },
  { field: 'address', label: 'Alamat' },
  { field: 'rt', label: 'RT' },
  { field: 'rw', label: 'RW' },
];

function NewVoterForm({ tpsId, onDone }: { tpsId: number; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [voter, setVoter] = useState(EMPTY_NEW);
  const [reason, setReason] = useState<NewVoterReason>('genap_17');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const me = useMe();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { voter, reason, clientId: newClientId() };
    const keep = async () => {
      if (me.userId === null) return;
      await enqueue(
        {
          clientId: body.clientId,
          kind: 'coklit',
          label: `Pemilih baru · ${voter.name}`,
          link: `/coklit/${String(tpsId)}`,
          payload: { kind: 'coklit', newVoterAtTps: tpsId, body },
        },
        me.userId,
      );
      setBusy(false);
      setNotice(QUEUED_NOTICE);
      setVoter(EMPTY_NEW);
      setOpen(false);
    };
    if (!navigator.onLine) return keep();
    const r = await api.newVoter(tpsId, body);
    if (!r.ok && isTransient(r.error)) return keep();
    setBusy(false);
    if (r.ok) {
      const sticker = stickerNotice(r.data);
      setNotice(
        `${r.data.voter.name} dicatat sebagai pemilih baru.${sticker === null ? '' : ` ${sticker}`}`,
      );
      setVoter(EMPTY_NEW);
      setOpen(false);
      onDone();
    } else setError(r.error);
  };
  return (
    <section className="card">
      <h2>Pemilih baru</h2>
      {notice !== null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!open ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Tambah pemilih baru
        </button>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          {NEW_TEXT_FIELDS.map((f) => (
            <div key={f.field} className="field">
              <label htmlFor={`baru-${f.field}`}>{f.label}</label>
              <input
                id={`baru-${f.field}`}
                value={voter[f.field]}
                aria-invalid={error?.field === f.field}
                onChange={(e) => setVoter({ ...voter, [f.field]: e.target.value })}
              />
            </div>
          ))}
          <div className="field">
            <label htmlFor="baru-birthDate">Tanggal lahir</label>
            <input
              id="baru-birthDate"
              type="date"
              required
              value={voter.birthDate}
              aria-invalid={error?.field === 'birthDate'}
              onChange={(e) => setVoter({ ...voter, birthDate: e.target.value })}
            />
          </div>
          {CHOICES.map((c) => (
            <div key={c.field} className="field">
              <label htmlFor={`baru-${c.field}`}>{c.label}</label>
              <select
                id={`baru-${c.field}`}
                value={voter[c.field]}
                aria-invalid={error?.field === c.field}
                onChange={(e) => setVoter({ ...voter, [c.field]: e.target.value })}
              >
                {Object.entries(c.options).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="field">
            <label htmlFor="baru-reason">Alasan</label>
            <select
              id="baru-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value as NewVoterReason)}
            >
              {Object.entries(NEW_VOTER_REASON).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {error !== null && <LoadError error={error} />}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Menyimpan…' : 'Simpan pemilih baru'}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * A visited household: its sticker number, and (for the Pantarlih and the
 * officers above) a photo of the house with its sticker. Without signal the
 * photo waits in the queue and is sent, once, when the connection returns.
 */
function Household({
  household,
  canAddPhoto,
  tpsId,
  onUploaded,
}: {
  household: HouseholdData;
  canAddPhoto: boolean;
  tpsId: number;
  onUploaded: () => void;
}) {
  const me = useMe();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (file === undefined) return;
    setError(null);
    setNotice(null);
    const problem = photoFileProblem(file, PHOTO_LIMIT);
    if (problem !== null) {
      setError(problem);
      input.value = '';
      return;
    }
    const keep = async () => {
      if (me.userId === null) return;
      await enqueue(
        {
          clientId: newClientId(),
          kind: 'coklit',
          label: `Foto rumah ${household.sticker}`,
          link: `/coklit/${String(tpsId)}`,
          payload: { kind: 'coklit', household: household.id },
          photos: [file],
          delivered: true,
        },
        me.userId,
      );
      input.value = '';
      setBusy(false);
      setNotice('Foto rumah disimpan di perangkat dan dikirim saat ada sinyal.');
    };
    if (!navigator.onLine) return keep();
    setBusy(true);
    const r = await api.uploadHouseholdPhoto(household.id, file);
    if (!r.ok && isTransient(r.error)) return keep();
    setBusy(false);
    input.value = '';
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onUploaded();
    setNotice(
      r.data.alsoAtHouseholds.length === 0
        ? 'Foto rumah terkirim.'
        : `Foto rumah terkirim, tetapi foto yang sama sudah dipakai untuk rumah tangga ${r.data.alsoAtHouseholds.join(', ')}; ini ditandai untuk diperiksa.`,
    );
  };

  const photos = household.photos;
  return (
    <div className="household">
      <p>
        Stiker rumah: <strong className="code">{household.sticker}</strong>{' '}
        <span className="muted small">
          · {photos === 0 ? 'belum ada foto' : `${String(photos)} foto`}
        </span>
      </p>
      {photos > 0 && <HouseholdPhotos household={household} />}
      {canAddPhoto && (
        <div className="field">
          <label htmlFor={inputId}>Foto rumah</label>
          <input
            id={inputId}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            disabled={busy}
            aria-invalid={error !== null}
            aria-describedby={`${inputId}-hint`}
            onChange={(e) => void onFile(e)}
          />
          <p className="hint" id={`${inputId}-hint`}>
            Rumah dengan stikernya terlihat; JPEG, PNG, atau WebP, paling besar 5 MB.
          </p>
          {error !== null && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      <div role="status" aria-live="polite">
        {busy && <p className="muted">Mengunggah foto…</p>}
        {notice !== null && <p className="notice">{notice}</p>}
      </div>
    </div>
  );
}

/** The house photos of a visit, loaded when asked for (a TPS lists many households). */
function HouseholdPhotos({ household }: { household: HouseholdData }) {
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <button type="button" className="button button-small" onClick={() => setShown(true)}>
        Lihat foto rumah
      </button>
    );
  }
  return <HouseholdPhotoList household={household} />;
}

function HouseholdPhotoList({ household }: { household: HouseholdData }) {
  const list = useApi(
    (signal) => api.householdPhotos(household.id, signal),
    `${String(household.id)}:${String(household.photos)}`,
  );
  return (
    <Async state={list}>
      {(items) => (
        <PhotoThumbs
          label={`Foto rumah ${household.sticker}`}
          photos={items.map((p, i) => ({
            src: householdPhotoPath(household.id, p.sha256),
            sha256: p.sha256,
            label: `Foto ${String(i + 1)} rumah ${household.sticker}`,
            caption: formatBytes(p.bytes),
          }))}
        />
      )}
    </Async>
  );
}
