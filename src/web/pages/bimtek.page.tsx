/**
 * Bimtek (training) of the ad hoc bodies: the events; an event with its
 * waves, sessions, materials, recaps per wave and per kecamatan and the list
 * of who is not yet trained; a wave's attendance list per day, by ticking
 * names or by entering a participant's code.
 */
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { formatAngka, formatTanggal } from '../../domain/common/format.ts';
import { BODIES, BODY_LABEL, type Body } from '../../domain/people/seats.ts';
import { renderSVG } from 'uqr';
import {
  api,
  downloads,
  type BimtekEventData,
  type KorwilData,
  type WaveDetailData,
} from '../api.ts';
import { Async, BusyButton, Field, Forbidden, FormStatus, useForm } from '../components.tsx';
import { Link } from '../router.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

export const bimtekPath = (id: number) => `/bimtek/${String(id)}`;
export const wavePath = (id: number) => `/bimtek/gelombang/${String(id)}`;

const range = (a: string, b: string) =>
  a === b ? formatTanggal(a) : `${formatTanggal(a)} – ${formatTanggal(b)}`;

const STATUS_LABEL = { lengkap: 'Sudah', sebagian: 'Sebagian', belum: 'Belum' } as const;

function Guard({ children, title }: { children: ReactNode; title: string }) {
  const me = useMe();
  if (!can(me, 'bimtek.read'))
    return (
      <>
        <h1>{title}</h1>
        <Forbidden message="Halaman Bimtek untuk KPU, Desk Pilkada, dan pengawas." />
      </>
    );
  return <>{children}</>;
}

// ---------------------------------------------------------------- list

export function BimtekListPage() {
  useTitle('Bimtek');
  const me = useMe();
  const list = useApi((signal) => api.bimtekList(signal));
  return (
    <Guard title="Bimtek">
      <h1>Bimbingan teknis (Bimtek)</h1>
      <Async state={list}>
        {(events) =>
          events.length === 0 ? (
            <p>Belum ada Bimtek.</p>
          ) : (
            <ul className="plain">
              {events.map((e) => (
                <li key={e.id} className="panel">
                  <Link to={bimtekPath(e.id)}>{e.name}</Link>
                  <p className="small">
                    {BODY_LABEL[e.body]} · {range(e.startsOn, e.endsOn)} · {e.venue} · {e.waves}{' '}
                    gelombang
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {can(me, 'bimtek.manage') && <CreateEvent onCreated={list.reload} />}
    </Guard>
  );
}

function CreateEvent({ onCreated }: { onCreated: () => void }) {
  const form = useForm(['name', 'body', 'startsOn', 'endsOn', 'venue'] as const);
  const [name, setName] = useState('');
  const [body, setBody] = useState<Body>('pps');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [venue, setVenue] = useState('');
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const ok = await form.submit(
      () => api.createBimtek({ name: name.trim(), body, startsOn, endsOn, venue: venue.trim() }),
      (ev) => `Bimtek "${ev.name}" dibuat. Tambahkan gelombangnya.`,
    );
    if (ok) onCreated();
  };
  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="bimtek-baru"
    >
      <h2 id="bimtek-baru">Bimtek baru</h2>
      <div className="form-grid">
        <Field id={form.idOf('name')} label="Nama kegiatan" error={form.errorOf('name')}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id={form.idOf('body')} label="Peserta" error={form.errorOf('body')}>
          {(a) => (
            <select {...a} value={body} onChange={(e) => setBody(e.target.value as Body)}>
              {BODIES.map((b) => (
                <option key={b} value={b}>
                  {BODY_LABEL[b]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={form.idOf('startsOn')} label="Mulai" error={form.errorOf('startsOn')}>
          {(a) => (
            <input
              {...a}
              type="date"
              value={startsOn}
              onChange={(e) => setStartsOn(e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('endsOn')} label="Selesai" error={form.errorOf('endsOn')}>
          {(a) => (
            <input {...a} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
          )}
        </Field>
        <Field id={form.idOf('venue')} label="Tempat" error={form.errorOf('venue')}>
          {(a) => <input {...a} value={venue} onChange={(e) => setVenue(e.target.value)} />}
        </Field>
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Buat Bimtek
      </BusyButton>
    </form>
  );
}

// ---------------------------------------------------------------- event

export function BimtekPage({ id }: { id: number }) {
  useTitle('Bimtek');
  const me = useMe();
  const event = useApi((signal) => api.bimtek(id, signal), String(id));
  const manage = can(me, 'bimtek.manage');
  return (
    <Guard title="Bimtek">
      <p className="no-print">
        <Link to="/bimtek">← Semua Bimtek</Link>
      </p>
      <Async state={event}>
        {(ev) => (
          <>
            <h1>{ev.name}</h1>
            <p className="lead">
              {ev.organiser} · {BODY_LABEL[ev.body]} · {range(ev.startsOn, ev.endsOn)} · {ev.venue}
            </p>
            <p className="no-print">
              <a className="button button-small" href={downloads.bimtekXlsx(ev.id)} download>
                Unduh rekap kehadiran (Excel)
              </a>
            </p>
            <dl className="counts">
              <Count label={`${BODY_LABEL[ev.body]} terdaftar`} value={ev.recap.members} />
              <Count label="Diundang" value={ev.recap.invited} />
              <Count label="Sudah ikut penuh" value={ev.recap.trained} />
              <Count label="Belum terlatih" value={ev.recap.members - ev.recap.trained} />
            </dl>
            <Waves ev={ev} />
            {manage && <AddWave ev={ev} onAdded={event.reload} />}
            <Sessions ev={ev} />
            {manage && <AddSession ev={ev} onAdded={event.reload} />}
            <Materials ev={ev} manage={manage} onAdded={event.reload} />
            <ByKecamatan ev={ev} />
            <Untrained id={ev.id} />
          </>
        )}
      </Async>
    </Guard>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="count">
      <dt>{label}</dt>
      <dd>{formatAngka(value)}</dd>
    </div>
  );
}

function Waves({ ev }: { ev: BimtekEventData }) {
  return (
    <section aria-labelledby="gelombang">
      <h2 id="gelombang">Gelombang</h2>
      {ev.waves.length === 0 ? (
        <p>Belum ada gelombang.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Gelombang</th>
                <th scope="col">Tanggal</th>
                <th scope="col">Kecamatan</th>
                <th scope="col">Diundang</th>
                <th scope="col">Hadir penuh</th>
                <th scope="col">Sebagian</th>
                <th scope="col">Belum hadir</th>
                <th scope="col">Rata-rata pre/post-test</th>
              </tr>
            </thead>
            <tbody>
              {ev.waves.map((w) => (
                <tr key={w.id}>
                  <th scope="row">
                    <Link to={wavePath(w.id)}>{w.name}</Link>
                  </th>
                  <td>{range(w.startsOn, w.endsOn)}</td>
                  <td>{w.kecamatan.map((k) => k.name).join(', ')}</td>
                  <td>{formatAngka(w.recap.invited)}</td>
                  <td>{formatAngka(w.recap.trained)}</td>
                  <td>{formatAngka(w.recap.partial)}</td>
                  <td>{formatAngka(w.recap.absent)}</td>
                  <td>
                    {w.recap.preTestMean ?? '–'} / {w.recap.postTestMean ?? '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AddWave({ ev, onAdded }: { ev: BimtekEventData; onAdded: () => void }) {
  const form = useForm(['name', 'startsOn', 'endsOn', 'kecamatanCodes'] as const);
  const korwil = useApi((signal) => api.korwil(signal));
  const [name, setName] = useState(
    `Gelombang ${['I', 'II', 'III', 'IV', 'V', 'VI'][ev.waves.length] ?? String(ev.waves.length + 1)}`,
  );
  const [startsOn, setStartsOn] = useState(ev.startsOn);
  const [endsOn, setEndsOn] = useState(ev.startsOn);
  const [chosen, setChosen] = useState<number[]>([]);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const ok = await form.submit(
      () => api.addWave(ev.id, { name: name.trim(), startsOn, endsOn, korwilIds: chosen }),
      () => `${name} ditambahkan.`,
    );
    if (ok) {
      setChosen([]);
      onAdded();
    }
  };
  const taken = new Set(ev.waves.flatMap((w) => w.kecamatan.map((k) => k.code)));
  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="gelombang-baru"
    >
      <h2 id="gelombang-baru">Tambah gelombang</h2>
      <div className="form-grid">
        <Field id={form.idOf('name')} label="Nama gelombang" error={form.errorOf('name')}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field
          id={form.idOf('startsOn')}
          label="Tanggal mulai gelombang"
          error={form.errorOf('startsOn')}
        >
          {(a) => (
            <input
              {...a}
              type="date"
              value={startsOn}
              onChange={(e) => setStartsOn(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('endsOn')}
          label="Tanggal selesai gelombang"
          error={form.errorOf('endsOn')}
        >
          {(a) => (
            <input {...a} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
          )}
        </Field>
      </div>
      <fieldset>
        <legend>Peserta: {BODY_LABEL[ev.body]} dari kecamatan Korwil</legend>
        <Async state={korwil}>
          {(list: KorwilData[]) => (
            <>
              {list.map((k) => {
                const free = k.kecamatan.some((c) => !taken.has(c.code));
                return (
                  <label key={k.id} className="check">
                    <input
                      type="checkbox"
                      disabled={!free}
                      checked={chosen.includes(k.id)}
                      onChange={(e) =>
                        setChosen(
                          e.target.checked ? [...chosen, k.id] : chosen.filter((x) => x !== k.id),
                        )
                      }
                    />{' '}
                    {k.name} ({k.kecamatan.length} kecamatan)
                    {free ? '' : ' — sudah di gelombang lain'}
                  </label>
                );
              })}
            </>
          )}
        </Async>
        {form.errorOf('kecamatanCodes') !== undefined && (
          <p className="field-error" role="alert">
            {form.errorOf('kecamatanCodes')}
          </p>
        )}
      </fieldset>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tambah gelombang
      </BusyButton>
    </form>
  );
}

function Sessions({ ev }: { ev: BimtekEventData }) {
  return (
    <section aria-labelledby="materi-sesi">
      <h2 id="materi-sesi">Sesi dan narasumber</h2>
      {ev.sessions.length === 0 ? (
        <p>Belum ada sesi.</p>
      ) : (
        <ul>
          {ev.sessions.map((s) => (
            <li key={s.id}>
              <strong>{s.topic}</strong> — {s.speaker}, {s.speakerOrganisation}
              {s.external && ' (narasumber luar)'}
              {s.waveId !== null && ` · ${ev.waves.find((w) => w.id === s.waveId)?.name ?? ''}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AddSession({ ev, onAdded }: { ev: BimtekEventData; onAdded: () => void }) {
  const form = useForm(['topic', 'speaker', 'speakerOrganisation'] as const);
  const [topic, setTopic] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [org, setOrg] = useState('');
  const [external, setExternal] = useState(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const ok = await form.submit(
      () =>
        api.addSession(ev.id, {
          topic: topic.trim(),
          speaker: speaker.trim(),
          speakerOrganisation: org.trim(),
          external,
        }),
      () => 'Sesi ditambahkan.',
    );
    if (ok) {
      setTopic('');
      setSpeaker('');
      setOrg('');
      onAdded();
    }
  };
  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="sesi-baru"
    >
      <h2 id="sesi-baru">Tambah sesi</h2>
      <div className="form-grid">
        <Field id={form.idOf('topic')} label="Topik" error={form.errorOf('topic')}>
          {(a) => <input {...a} value={topic} onChange={(e) => setTopic(e.target.value)} />}
        </Field>
        <Field id={form.idOf('speaker')} label="Narasumber" error={form.errorOf('speaker')}>
          {(a) => <input {...a} value={speaker} onChange={(e) => setSpeaker(e.target.value)} />}
        </Field>
        <Field
          id={form.idOf('speakerOrganisation')}
          label="Instansi narasumber"
          error={form.errorOf('speakerOrganisation')}
        >
          {(a) => <input {...a} value={org} onChange={(e) => setOrg(e.target.value)} />}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} />{' '}
        Narasumber dari luar KPU (mis. Polres)
      </label>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tambah sesi
      </BusyButton>
    </form>
  );
}

function Materials({
  ev,
  manage,
  onAdded,
}: {
  ev: BimtekEventData;
  manage: boolean;
  onAdded: () => void;
}) {
  const [message, setMessage] = useState<string | undefined>(undefined);
  const upload = async (file: File) => {
    const r = await api.uploadMaterial(ev.id, file);
    setMessage(r.ok ? `${r.data.fileName} tersimpan.` : r.error.message);
    if (r.ok) onAdded();
  };
  return (
    <section aria-labelledby="materi">
      <h2 id="materi">Materi</h2>
      {ev.materials.length === 0 ? (
        <p>Belum ada materi.</p>
      ) : (
        <ul>
          {ev.materials.map((m) => (
            <li key={m.id}>
              <a href={`/api/bimtek/materials/${String(m.id)}`}>{m.fileName}</a>{' '}
              <span className="small">({formatAngka(Math.ceil(m.bytes / 1024))} KB)</span>
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <div className="field">
          <label htmlFor="unggah-materi">
            Unggah materi (PDF, Word, PowerPoint, Excel, gambar)
          </label>
          <input
            id="unggah-materi"
            type="file"
            accept=".pdf,.doc,.docx,.ppt,.pptx,.xlsx,image/*"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) void upload(file);
            }}
          />
        </div>
      )}
      <p className="notice" role="status">
        {message}
      </p>
    </section>
  );
}

function ByKecamatan({ ev }: { ev: BimtekEventData }) {
  return (
    <section aria-labelledby="rekap-kecamatan">
      <h2 id="rekap-kecamatan">Rekap per kecamatan</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Kecamatan</th>
              <th scope="col">Terdaftar</th>
              <th scope="col">Diundang</th>
              <th scope="col">Hadir penuh</th>
              <th scope="col">Belum terlatih</th>
            </tr>
          </thead>
          <tbody>
            {ev.byKecamatan.map((k) => (
              <tr key={k.code}>
                <th scope="row">{k.name}</th>
                <td>{formatAngka(k.members)}</td>
                <td>{formatAngka(k.invited)}</td>
                <td>{formatAngka(k.trained)}</td>
                <td>{formatAngka(k.members - k.trained)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Untrained({ id }: { id: number }) {
  const list = useApi((signal) => api.untrained(id, signal), String(id));
  return (
    <section aria-labelledby="belum-terlatih">
      <h2 id="belum-terlatih">Belum terlatih</h2>
      <Async state={list}>
        {(people) =>
          people.length === 0 ? (
            <p>Semua sudah terlatih.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption>{formatAngka(people.length)} orang</caption>
                <thead>
                  <tr>
                    <th scope="col">Nama</th>
                    <th scope="col">Desa/kecamatan</th>
                    <th scope="col">Gelombang</th>
                    <th scope="col">Kehadiran</th>
                  </tr>
                </thead>
                <tbody>
                  {people.slice(0, 500).map((p) => (
                    <tr key={p.memberId}>
                      <td>{p.name}</td>
                      <td>
                        {p.regionName}, {p.kecamatanName}
                      </td>
                      <td>{p.waveName ?? 'Tidak diundang'}</td>
                      <td>{STATUS_LABEL[p.status]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {people.length > 500 && <p className="small">500 orang pertama ditampilkan.</p>}
            </div>
          )
        }
      </Async>
    </section>
  );
}

// ---------------------------------------------------------------- wave

export function WavePage({ id }: { id: number }) {
  useTitle('Daftar hadir Bimtek');
  const me = useMe();
  const wave = useApi((signal) => api.wave(id, signal), String(id));
  return (
    <Guard title="Daftar hadir Bimtek">
      <Async state={wave}>
        {(w) => <Attendance w={w} manage={can(me, 'bimtek.manage')} onChange={wave.reload} />}
      </Async>
    </Guard>
  );
}

function Attendance({
  w,
  manage,
  onChange,
}: {
  w: WaveDetailData;
  manage: boolean;
  onChange: () => void;
}) {
  const [day, setDay] = useState(w.days[0] ?? '');
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [filter, setFilter] = useState('');
  const [cards, setCards] = useState(false);
  const [scores, setScores] = useState<Map<number, { pre: string; post: string }>>(new Map());
  const scoreOf = (p: WaveDetailData['participants'][number]) =>
    scores.get(p.memberId) ?? {
      pre: p.preTest === null ? '' : String(p.preTest),
      post: p.postTest === null ? '' : String(p.postTest),
    };
  const setScore = (id: number, value: { pre: string; post: string }) =>
    setScores(new Map(scores).set(id, value));
  const saveScores = async () => {
    const parse = (t: string) => (t.trim() === '' ? null : Number(t));
    const r = await api.recordScores(w.wave.id, {
      scores: [...scores].map(([memberId, v]) => ({
        memberId,
        preTest: parse(v.pre),
        postTest: parse(v.post),
      })),
    });
    if (r.ok) {
      setMessage({ text: `Nilai ${formatAngka(r.data.recorded)} peserta disimpan.`, error: false });
      setScores(new Map());
      onChange();
    } else setMessage({ text: r.error.message, error: true });
  };
  const presentToday = (p: WaveDetailData['participants'][number]) => p.presentDays.includes(day);
  const shown = w.participants.filter((p) =>
    `${p.name} ${p.regionName} ${p.kecamatanName}`.toLowerCase().includes(filter.toLowerCase()),
  );
  const save = async () => {
    const r = await api.recordAttendance(w.wave.id, { day, memberIds: [...ticked], present: true });
    if (r.ok) {
      setMessage({
        text: `${formatAngka(r.data.recorded)} kehadiran baru dicatat untuk ${formatTanggal(day)}.`,
        error: false,
      });
      setTicked(new Set());
      onChange();
    } else setMessage({ text: r.error.message, error: true });
  };
  const byCode = async (e: SubmitEvent) => {
    e.preventDefault();
    const r = await api.recordAttendanceCode(w.wave.id, day, code);
    if (r.ok) {
      setMessage({ text: `Kode ${code.trim().toUpperCase()} dicatat hadir.`, error: false });
      setCode('');
      onChange();
    } else setMessage({ text: r.error.message, error: true });
  };
  return (
    <>
      <p>
        <Link to={`/bimtek/${String(w.eventId)}`}>← Kembali ke Bimtek</Link>
      </p>
      <h1>Daftar hadir {w.wave.name}</h1>
      <p className="lead">
        {range(w.wave.startsOn, w.wave.endsOn)} · {w.wave.kecamatan.map((k) => k.name).join(', ')}
      </p>
      <dl className="counts">
        <Count label="Diundang" value={w.wave.recap.invited} />
        <Count label="Hadir penuh" value={w.wave.recap.trained} />
        <Count label="Sebagian" value={w.wave.recap.partial} />
        <Count label="Belum hadir" value={w.wave.recap.absent} />
      </dl>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="hari">Hari</label>
          <select id="hari" value={day} onChange={(e) => setDay(e.target.value)}>
            {w.days.map((d) => (
              <option key={d} value={d}>
                {formatTanggal(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cari-peserta">Cari peserta</label>
          <input
            id="cari-peserta"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      </div>
      {manage && (
        <form onSubmit={(e) => void byCode(e)} className="search-row">
          <div className="field">
            <label htmlFor="kode-peserta">Kode peserta</label>
            <input
              id="kode-peserta"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="DPB-…"
            />
          </div>
          <button type="submit" className="button">
            Catat dari kode
          </button>
        </form>
      )}
      {message !== undefined && (
        <p
          className={message.error ? 'alert alert-error' : 'notice'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {manage && (
        <p>
          <button
            type="button"
            className="button button-primary"
            disabled={ticked.size === 0}
            onClick={() => void save()}
          >
            Simpan kehadiran ({formatAngka(ticked.size)})
          </button>{' '}
          <button
            type="button"
            className="button"
            disabled={scores.size === 0}
            onClick={() => void saveScores()}
          >
            Simpan nilai ({formatAngka(scores.size)})
          </button>
        </p>
      )}
      <p className="no-print">
        <button type="button" className="button" onClick={() => setCards(!cards)}>
          {cards ? 'Sembunyikan kartu QR peserta' : 'Tampilkan kartu QR peserta'}
        </button>
        {cards && (
          <>
            {' '}
            <button type="button" className="button" onClick={() => window.print()}>
              Cetak kartu
            </button>
          </>
        )}
      </p>
      {cards && <QrCards w={w} participants={shown} />}
      <div className="table-scroll no-print">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Hadir {formatTanggal(day)}</th>
              <th scope="col">Nama</th>
              <th scope="col">Desa</th>
              <th scope="col">Kecamatan</th>
              <th scope="col">Kode peserta</th>
              <th scope="col">Status</th>
              <th scope="col">Pre/post-test</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.memberId}>
                <td>
                  {presentToday(p) ? (
                    '✓ hadir'
                  ) : manage ? (
                    <input
                      type="checkbox"
                      aria-label={`Hadir: ${p.name}, ${p.regionName}`}
                      checked={ticked.has(p.memberId)}
                      onChange={(e) => {
                        const next = new Set(ticked);
                        if (e.target.checked) next.add(p.memberId);
                        else next.delete(p.memberId);
                        setTicked(next);
                      }}
                    />
                  ) : (
                    '–'
                  )}
                </td>
                <td>{p.name}</td>
                <td>{p.regionName}</td>
                <td>{p.kecamatanName}</td>
                <td className="code">{p.code}</td>
                <td>{STATUS_LABEL[p.status]}</td>
                <td>
                  {manage ? (
                    <>
                      <input
                        className="score"
                        type="number"
                        min={0}
                        max={100}
                        aria-label={`Pre-test: ${p.name}`}
                        value={scoreOf(p).pre}
                        onChange={(e) =>
                          setScore(p.memberId, { ...scoreOf(p), pre: e.target.value })
                        }
                      />{' '}
                      <input
                        className="score"
                        type="number"
                        min={0}
                        max={100}
                        aria-label={`Post-test: ${p.name}`}
                        value={scoreOf(p).post}
                        onChange={(e) =>
                          setScore(p.memberId, { ...scoreOf(p), post: e.target.value })
                        }
                      />
                    </>
                  ) : (
                    <>
                      {p.preTest ?? '–'} / {p.postTest ?? '–'}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * Participant cards with their code as a QR code (rendered by `uqr`, a small
 * dependency-free encoder), to print and hand out or show on a phone; the
 * door scans it with any QR reader into the "Kode peserta" field.
 */
function QrCards({
  w,
  participants,
}: {
  w: WaveDetailData;
  participants: WaveDetailData['participants'];
}) {
  return (
    <section className="qr-cards sheet" aria-label="Kartu QR peserta">
      {participants.map((p) => (
        <figure key={p.memberId} className="qr-card">
          <div
            className="qr"
            role="img"
            aria-label={`Kode QR ${p.code}`}
            // The SVG is generated locally from the participant code (letters, digits, dashes).
            dangerouslySetInnerHTML={{ __html: renderSVG(p.code, { border: 2 }) }}
          />
          <figcaption>
            <strong>{p.name}</strong>
            <br />
            {p.regionName}, {p.kecamatanName}
            <br />
            <span className="code">{p.code}</span>
            <br />
            <span className="small">
              {w.wave.name} · {range(w.wave.startsOn, w.wave.endsOn)}
            </span>
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
