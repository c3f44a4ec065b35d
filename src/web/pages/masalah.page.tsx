/**
 * Field problems for the desk, the Korwil and field roles: the list with
 * filters and the overdue view, live arrivals (Server-Sent Events), a
 * problem's page with its workflow, and the summary for the Bupati.
 */
import { useEffect, useLayoutEffect, useRef, useState, type SubmitEvent } from 'react';
import {
  api,
  downloads,
  PROBLEMS_STREAM_PATH,
  type ApiError,
  type ProblemDetailData,
  type ProblemFilter,
  type ProblemConfigData,
  type ProblemItemData,
  type ProblemTrendData,
} from '../api.ts';
import { Async, BusyButton, Field, FormStatus, useForm } from '../components.tsx';
import { formatAngka, formatTanggal, formatTps } from '../../domain/common/format.ts';
import {
  ACTION_LABEL,
  AGENCIES,
  AGENCY_LABEL,
  ASN_VIOLATION_LABEL,
  ETHICS_PRINCIPLE_LABEL,
  SEVERITIES,
  SEVERITY_LABEL,
  STATUSES,
  STATUS_LABEL,
  actionsFrom,
  type Action,
  type Agency,
  type Severity,
} from '../../domain/problems/problems.ts';
import { REFERRAL_STATUS_LABEL, REFERRAL_STATUSES } from '../../domain/problems/problems.schema.ts';
import { Link } from '../router.tsx';
import { formatWaktuWib } from '../labels.ts';
import { can, canOn, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { PhotoThumbs, problemPhotoPath } from '../photo-viewer.tsx';

function placeOf(p: ProblemItemData): string {
  return [
    p.tpsNumber === null ? null : formatTps(p.tpsNumber),
    p.desaName,
    `Kec. ${p.kecamatanName}`,
  ]
    .filter((x) => x !== null)
    .join(', ');
}

function overdueText(p: ProblemItemData): string | null {
  if (p.overdue === null) return null;
  const what = p.overdue.kind === 'respond' ? 'belum ditanggapi' : 'belum selesai';
  return `Terlambat: ${what} (lewat ${formatAngka(p.overdue.hoursLate)} jam)`;
}

// ---------------------------------------------------------------- live

interface ProblemEventData {
  type: 'problem';
  kind: 'baru' | 'status';
  problemId: number;
  severity: Severity;
}

function isProblemEvent(v: unknown): v is ProblemEventData {
  return typeof v === 'object' && v !== null && 'type' in v && v.type === 'problem';
}

/** Listens to the problems stream; `onEvent(null)` after a reconnection. */
function useProblemStream(onEvent: (event: ProblemEventData | null) => void): boolean {
  const [live, setLive] = useState(false);
  const callback = useRef(onEvent);
  useLayoutEffect(() => {
    callback.current = onEvent;
  });
  useEffect(() => {
    const es = new EventSource(PROBLEMS_STREAM_PATH);
    let missed = false;
    es.onopen = () => {
      setLive(true);
      if (missed) callback.current(null);
      missed = false;
    };
    es.addEventListener('problem', (event) => {
      let data: unknown;
      try {
        data = JSON.parse(String((event as MessageEvent<unknown>).data));
      } catch {
        return;
      }
      if (isProblemEvent(data)) callback.current(data);
    });
    es.onerror = () => {
      missed = true;
      setLive(false);
    };
    return () => es.close();
  }, []);
  return live;
}

// ---------------------------------------------------------------- list

export function MasalahPage() {
  useTitle('Masalah lapangan');
  const me = useMe();
  const [filter, setFilter] = useState<ProblemFilter>({ status: 'terbuka' });
  const key = JSON.stringify(filter);
  const list = useApi((signal) => api.problems(filter, signal), key);
  const config = useApi((signal) => api.problemConfig(signal));
  const places = useApi((signal) => api.publicProblemPlaces(signal));
  const korwil = useApi((signal) => api.korwil(signal));
  const trend = useApi((signal) => api.problemTrend(14, signal));
  const [arrivals, setArrivals] = useState<ProblemEventData[]>([]);
  const reload = useRef(() => {
    list.reload();
    trend.reload();
  });
  useLayoutEffect(() => {
    reload.current = () => {
      list.reload();
      trend.reload();
    };
  });
  const live = useProblemStream((event) => {
    reload.current();
    if (
      event !== null &&
      event.kind === 'baru' &&
      (event.severity === 'tinggi' || event.severity === 'darurat')
    ) {
      setArrivals((a) => [event, ...a].slice(0, 5));
    }
  });
  const set = (patch: Partial<ProblemFilter>) => {
    setFilter((f) => {
      const merged: ProblemFilter = { ...f, ...patch };
      // Empty choices mean "all": leave them out of the query.
      return Object.fromEntries(
        Object.entries(merged).filter(([, v]) => v !== undefined && v !== ''),
      );
    });
  };

  return (
    <>
      <h1>Masalah lapangan</h1>
      <p className="live-bar">
        <span
          className={`live-dot ${live ? 'live-live' : 'live-reconnecting'}`}
          aria-hidden="true"
        />{' '}
        {live ? 'Langsung: laporan baru muncul otomatis' : 'Menghubungkan siaran langsung…'}
      </p>
      <p>
        {can(me, 'problem.report') && (
          <Link to="/masalah/lapor" className="button button-primary">
            Lapor masalah
          </Link>
        )}{' '}
        {can(me, 'problem.summary') && (
          <Link to="/masalah/ringkasan" className="button">
            Ringkasan untuk Bupati
          </Link>
        )}{' '}
        <a className="button" href={downloads.problemsXlsx(filter)} download>
          Unduh daftar (Excel)
        </a>
      </p>
      {arrivals.length > 0 && (
        <div className="alert alert-warning" role="alert" aria-live="assertive">
          <p>
            <strong>Laporan baru berprioritas tinggi:</strong>
          </p>
          <ul>
            {arrivals.map((a) => (
              <li key={a.problemId}>
                <Link to={`/masalah/${String(a.problemId)}`}>
                  Laporan #{a.problemId} ({SEVERITY_LABEL[a.severity]})
                </Link>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => setArrivals([])}>
            Tutup
          </button>
        </div>
      )}
      <form className="form-grid" aria-label="Saring laporan" onSubmit={(e) => e.preventDefault()}>
        <Field id="saring-status" label="Status">
          {(a) => (
            <select
              {...a}
              value={filter.status ?? ''}
              onChange={(e) => set({ status: e.target.value as ProblemFilter['status'] })}
            >
              <option value="terbuka">Masih terbuka</option>
              <option value="">Semua</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="saring-korwil" label="Korwil">
          {(a) => (
            <select
              {...a}
              value={typeof filter.korwilId === 'number' ? String(filter.korwilId) : ''}
              onChange={(e) =>
                set({ korwilId: e.target.value === '' ? undefined : Number(e.target.value) })
              }
            >
              <option value="">Semua</option>
              {(korwil.data ?? []).map((k) => (
                <option key={k.id} value={String(k.id)}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="saring-kecamatan" label="Kecamatan">
          {(a) => (
            <select
              {...a}
              value={filter.kecamatanCode ?? ''}
              onChange={(e) => set({ kecamatanCode: e.target.value })}
            >
              <option value="">Semua</option>
              {(places.data?.kecamatan ?? []).map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="saring-kategori" label="Kategori">
          {(a) => (
            <select
              {...a}
              value={filter.category ?? ''}
              onChange={(e) => set({ category: e.target.value })}
            >
              <option value="">Semua</option>
              {(config.data?.categories ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="saring-keparahan" label="Keparahan">
          {(a) => (
            <select
              {...a}
              value={filter.severity ?? ''}
              onChange={(e) =>
                set({ severity: e.target.value === '' ? undefined : (e.target.value as Severity) })
              }
            >
              <option value="">Semua</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.overdue === 'ya'}
            onChange={(e) => set({ overdue: e.target.checked ? 'ya' : undefined })}
          />{' '}
          Hanya yang terlambat
        </label>
      </form>
      <Async state={list}>{(items) => <ProblemTable items={items} />}</Async>
      <h2>Tren 14 hari</h2>
      <Async state={trend}>{(t) => <TrendTable trend={t} />}</Async>
      {can(me, 'problem.configure') && <PengaturanMasalah />}
    </>
  );
}

function ProblemTable({ items }: { items: ProblemItemData[] }) {
  if (items.length === 0) return <p className="muted">Tidak ada laporan yang cocok.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Daftar laporan masalah</caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Kategori</th>
            <th scope="col">Keparahan</th>
            <th scope="col">Tempat</th>
            <th scope="col">Korwil</th>
            <th scope="col">Status</th>
            <th scope="col">Dilaporkan</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => {
            const late = overdueText(p);
            return (
              <tr key={p.id} className={late === null ? undefined : 'row-error'}>
                <td>
                  <Link to={`/masalah/${String(p.id)}`}>#{p.id}</Link>
                </td>
                <td>
                  <Link to={`/masalah/${String(p.id)}`}>{p.categoryLabel}</Link>
                  <br />
                  <span className="small muted">{p.description.slice(0, 80)}</span>
                </td>
                <td>{SEVERITY_LABEL[p.severity]}</td>
                <td>{placeOf(p)}</td>
                <td>{p.korwilName ?? '—'}</td>
                <td>
                  <span className="badge">{STATUS_LABEL[p.status]}</span>
                  {p.currentAgency !== null && p.status === 'diteruskan' && (
                    <span className="small"> ke {AGENCY_LABEL[p.currentAgency]}</span>
                  )}
                  {late !== null && <p className="field-error small">{late}</p>}
                </td>
                <td>{formatWaktuWib(p.reportedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TrendTable({ trend }: { trend: ProblemTrendData }) {
  const max = Math.max(1, ...trend.days.map((d) => d.reported));
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Laporan baru dan selesai per hari</caption>
        <thead>
          <tr>
            <th scope="col">Tanggal</th>
            <th scope="col">Dilaporkan</th>
            <th scope="col">Ditutup</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {trend.days.map((d) => (
            <tr key={d.day}>
              <td>{formatTanggal(d.day)}</td>
              <td>{formatAngka(d.reported)}</td>
              <td>{formatAngka(d.closed)}</td>
              <td aria-hidden="true">
                <span className="bar">
                  <span
                    className="bar-fill"
                    style={{ width: `${String((d.reported / max) * 100)}%` }}
                  />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------- detail

export function MasalahDetailPage({ id }: { id: number }) {
  useTitle(`Laporan #${String(id)}`);
  const detail = useApi((signal) => api.problem(id, signal), String(id));
  const [current, setCurrent] = useState<ProblemDetailData | undefined>(undefined);
  useEffect(() => setCurrent(detail.data), [detail.data]);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/masalah">Masalah</Link> › #{id}
      </p>
      <Async state={{ ...detail, data: current ?? detail.data }}>
        {(p) => <ProblemView problem={p} onChange={setCurrent} reload={detail.reload} />}
      </Async>
    </>
  );
}

function ProblemView({
  problem: p,
  onChange,
  reload,
}: {
  problem: ProblemDetailData;
  onChange: (p: ProblemDetailData) => void;
  reload: () => void;
}) {
  const me = useMe();
  const target = {
    regionCode: p.desaCode ?? p.kecamatanCode,
    korwilId: p.korwilId,
    ...(p.tpsId === null ? {} : { tpsId: p.tpsId }),
  };
  const mayHandle = canOn(me, 'problem.handle', target);
  const mayComment = canOn(me, 'problem.comment', target);
  const mayPhoto = mayHandle || canOn(me, 'problem.report', target);
  const late = overdueText(p);
  return (
    <>
      <h1>
        #{p.id} {p.categoryLabel}
      </h1>
      <p className="lead">
        Status: <strong data-testid="status-masalah">{STATUS_LABEL[p.status]}</strong>
        {p.status === 'diteruskan' && p.currentAgency !== null && (
          <> ke {AGENCY_LABEL[p.currentAgency]}</>
        )}{' '}
        · Keparahan: <strong>{SEVERITY_LABEL[p.severity]}</strong>
      </p>
      {late !== null && <p className="alert alert-error">{late}</p>}
      <dl className="facts">
        <dt>Kode</dt>
        <dd className="code">{p.trackingCode}</dd>
        <dt>Tempat</dt>
        <dd>{placeOf(p)}</dd>
        <dt>Korwil</dt>
        <dd>{p.korwilName ?? '—'}</dd>
        <dt>Waktu kejadian</dt>
        <dd>{formatWaktuWib(p.occurredAt)}</dd>
        <dt>Dilaporkan</dt>
        <dd>
          {formatWaktuWib(p.reportedAt)} oleh{' '}
          {p.source === 'publik' ? 'masyarakat' : (p.reporterName ?? '—')}
        </dd>
        {p.source === 'publik' && (
          <>
            <dt>Kontak pelapor</dt>
            <dd>{[p.contactName, p.contactPhone].filter((x) => x !== null).join(', ') || '—'}</dd>
          </>
        )}
        <dt>Penanggung jawab</dt>
        <dd>{p.assigneeName ?? '—'}</dd>
        <dt>Uraian</dt>
        <dd>{p.description}</dd>
        {p.people !== null && (
          <>
            <dt>Pihak terlibat</dt>
            <dd>{p.people}</dd>
          </>
        )}
        {p.asn !== null && (
          <>
            <dt>ASN</dt>
            <dd>
              {[
                p.asn.name ?? 'Nama tidak diketahui',
                p.asn.nip === undefined ? undefined : `NIP ${p.asn.nip}`,
                p.asn.office,
              ]
                .filter((part) => part !== undefined)
                .join(', ')}{' '}
              — {ASN_VIOLATION_LABEL[p.asn.violation]}
            </dd>
          </>
        )}
        {p.ethics !== null && (
          <>
            <dt>Penyelenggara</dt>
            <dd>
              {p.ethics.body}, {p.ethics.role} — prinsip{' '}
              {ETHICS_PRINCIPLE_LABEL[p.ethics.principle]}
            </dd>
          </>
        )}
        {p.resolution !== null && (
          <>
            <dt>Penyelesaian</dt>
            <dd>{p.resolution}</dd>
          </>
        )}
        {p.rejectionReason !== null && (
          <>
            <dt>Alasan penolakan</dt>
            <dd>{p.rejectionReason}</dd>
          </>
        )}
        {p.mergedIntoId !== null && (
          <>
            <dt>Digabung ke</dt>
            <dd>
              <Link to={`/masalah/${String(p.mergedIntoId)}`}>Laporan #{p.mergedIntoId}</Link>
            </dd>
          </>
        )}
        {p.mergedFrom.length > 0 && (
          <>
            <dt>Laporan yang digabungkan</dt>
            <dd>
              {p.mergedFrom.map((m) => (
                <Link key={m} to={`/masalah/${String(m)}`}>
                  #{m}{' '}
                </Link>
              ))}
            </dd>
          </>
        )}
      </dl>

      {p.duplicates.length > 0 && (
        <section className="alert alert-warning" aria-labelledby="duplikat">
          <h2 id="duplikat">Kemungkinan laporan ganda</h2>
          <ul>
            {p.duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/masalah/${String(d.id)}`}>
                  #{d.id} {d.categoryLabel}, {placeOf(d)} — {STATUS_LABEL[d.status]}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {mayHandle && actionsFrom(p.status).length > 0 && (
        <TransitionPanel problem={p} onChange={onChange} />
      )}
      {mayHandle && <AssignForm problem={p} onChange={onChange} />}

      <section aria-labelledby="penerusan">
        <h2 id="penerusan">Penerusan ke instansi</h2>
        {p.referrals.length === 0 ? (
          <p className="muted">Belum diteruskan.</p>
        ) : (
          p.referrals.map((r) => (
            <div key={r.id} className="panel">
              <p>
                <strong>{r.agencyName ?? AGENCY_LABEL[r.agency]}</strong> ·{' '}
                {formatTanggal(r.referredOn)}
                {r.referenceNumber !== null && <> · nomor {r.referenceNumber}</>} · oleh{' '}
                {r.createdBy ?? '—'}
              </p>
              {r.note !== null && <p>{r.note}</p>}
              {r.updates.length > 0 && (
                <ul>
                  {r.updates.map((u, i) => (
                    <li key={i}>
                      {formatWaktuWib(u.at)} — {REFERRAL_STATUS_LABEL[u.status]}: {u.note}
                      {u.referenceNumber !== null && <> (nomor {u.referenceNumber})</>} ·{' '}
                      {u.by ?? '—'}
                    </li>
                  ))}
                </ul>
              )}
              {mayHandle && (
                <ReferralUpdateForm problemId={p.id} referralId={r.id} onChange={onChange} />
              )}
            </div>
          ))
        )}
      </section>

      <section aria-labelledby="foto">
        <h2 id="foto">Foto</h2>
        {p.photos.length === 0 ? (
          <p className="muted">Belum ada foto.</p>
        ) : (
          <PhotoThumbs
            label="Foto masalah"
            photos={p.photos.map((ph, i) => ({
              src: problemPhotoPath(p.id, ph.sha256),
              sha256: ph.sha256,
              label: `Foto ${String(i + 1)} laporan ${p.trackingCode}`,
              caption: `dari ${ph.uploadedBy ?? 'pelapor'}`,
            }))}
          />
        )}
        {mayPhoto && <PhotoUpload problemId={p.id} onDone={reload} />}
      </section>

      <section aria-labelledby="komentar">
        <h2 id="komentar">Komentar</h2>
        {p.comments.length === 0 ? (
          <p className="muted">Belum ada komentar.</p>
        ) : (
          <ul className="plain">
            {p.comments.map((c, i) => (
              <li key={i}>
                <strong>{c.by ?? '—'}</strong> · {formatWaktuWib(c.at)}
                <p>{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {mayComment && <CommentForm problemId={p.id} onChange={onChange} />}
      </section>

      <section aria-labelledby="riwayat">
        <h2 id="riwayat">Riwayat</h2>
        <ol className="timeline">
          {p.history.map((h, i) => (
            <li key={i}>
              {formatWaktuWib(h.at)} · <strong>{h.by ?? '—'}</strong> ·{' '}
              {h.toStatus !== null
                ? `${h.fromStatus === null ? '' : `${STATUS_LABEL[h.fromStatus]} → `}${STATUS_LABEL[h.toStatus]}`
                : h.kind === 'penugasan'
                  ? 'Penugasan'
                  : h.kind === 'gabung'
                    ? 'Penggabungan'
                    : 'Kabar penerusan'}
              {h.note !== null && <> — {h.note}</>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

const TRANSITION_FIELDS = ['action', 'note', 'agency', 'referenceNumber', 'mergeIntoId'] as const;

function TransitionPanel({
  problem: p,
  onChange,
}: {
  problem: ProblemDetailData;
  onChange: (p: ProblemDetailData) => void;
}) {
  const actions = actionsFrom(p.status);
  const [action, setAction] = useState<Action>(actions[0] ?? 'terima');
  const [note, setNote] = useState('');
  const [agency, setAgency] = useState<Agency>('kpu');
  const [agencyName, setAgencyName] = useState('');
  const [reference, setReference] = useState('');
  const [mergeInto, setMergeInto] = useState('');
  const form = useForm(TRANSITION_FIELDS);
  const chosen = actions.includes(action) ? action : (actions[0] ?? 'terima');

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    await form.submit(
      () =>
        api.moveProblem(p.id, {
          action: chosen,
          ...(note.trim() === '' ? {} : { note }),
          ...(chosen === 'teruskan' ? { agency } : {}),
          ...(chosen === 'teruskan' && agencyName.trim() !== '' ? { agencyName } : {}),
          ...(chosen === 'teruskan' && reference.trim() !== ''
            ? { referenceNumber: reference }
            : {}),
          ...(chosen === 'gabungkan' && mergeInto !== '' ? { mergeIntoId: Number(mergeInto) } : {}),
        }),
      (data) => {
        onChange(data);
        setNote('');
        setReference('');
        return `Status sekarang: ${STATUS_LABEL[data.status]}.`;
      },
    );
  };

  const noteLabel =
    chosen === 'selesaikan'
      ? 'Catatan penyelesaian (wajib)'
      : chosen === 'tolak'
        ? 'Alasan penolakan (wajib)'
        : 'Catatan (boleh dikosongkan)';
  return (
    <section className="panel" aria-labelledby="tindak-lanjut">
      <h2 id="tindak-lanjut">Tindak lanjut</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset>
          <legend>Tindakan</legend>
          {actions.map((a) => (
            <label key={a} className="check">
              <input
                type="radio"
                name="tindakan"
                value={a}
                checked={chosen === a}
                onChange={() => setAction(a)}
              />{' '}
              {ACTION_LABEL[a]}
            </label>
          ))}
        </fieldset>
        {chosen === 'teruskan' && (
          <>
            <Field id={form.idOf('agency')} label="Instansi tujuan" error={form.errorOf('agency')}>
              {(a) => (
                <select {...a} value={agency} onChange={(e) => setAgency(e.target.value as Agency)}>
                  {AGENCIES.map((g) => (
                    <option key={g} value={g}>
                      {AGENCY_LABEL[g]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {agency === 'lainnya' && (
              <Field id="nama-instansi" label="Nama instansi">
                {(a) => (
                  <input
                    {...a}
                    value={agencyName}
                    onChange={(e) => setAgencyName(e.target.value)}
                  />
                )}
              </Field>
            )}
            <Field
              id={form.idOf('referenceNumber')}
              label="Nomor surat/rujukan"
              error={form.errorOf('referenceNumber')}
            >
              {(a) => (
                <input {...a} value={reference} onChange={(e) => setReference(e.target.value)} />
              )}
            </Field>
          </>
        )}
        {chosen === 'gabungkan' && (
          <Field
            id={form.idOf('mergeIntoId')}
            label="Gabungkan ke laporan"
            error={form.errorOf('mergeIntoId')}
          >
            {(a) => (
              <select {...a} value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
                <option value="">— pilih laporan —</option>
                {p.duplicates.map((d) => (
                  <option key={d.id} value={String(d.id)}>
                    #{d.id} {d.categoryLabel} — {d.description.slice(0, 40)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id={form.idOf('note')} label={noteLabel} error={form.errorOf('note')}>
          {(a) => (
            <textarea {...a} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <FormStatus form={form} />
        <BusyButton busy={form.busy} busyLabel="Menyimpan…">
          {ACTION_LABEL[chosen]}
        </BusyButton>
      </form>
    </section>
  );
}

function AssignForm({
  problem: p,
  onChange,
}: {
  problem: ProblemDetailData;
  onChange: (p: ProblemDetailData) => void;
}) {
  const form = useForm(['username'] as const);
  const [username, setUsername] = useState('');
  const people = useApi((signal) => api.problemAssignees(p.id, signal), String(p.id));
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          () => api.assignProblem(p.id, { username: username.trim() === '' ? null : username }),
          (data) => {
            onChange(data);
            return data.assigneeName === null
              ? 'Penugasan dilepas.'
              : `Ditugaskan kepada ${data.assigneeName}.`;
          },
        );
      }}
    >
      <Async state={people}>
        {(list) => (
          <Field
            id={form.idOf('username')}
            label="Tugaskan kepada"
            hint="Hanya akun yang berwenang menangani masalah di wilayah ini."
            error={form.errorOf('username')}
          >
            {(a) => (
              <select {...a} value={username} onChange={(e) => setUsername(e.target.value)}>
                <option value="">— lepas penugasan —</option>
                {list.map((person) => (
                  <option key={person.username} value={person.username}>
                    {person.fullName} — {person.roleLabel}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </Async>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tugaskan
      </BusyButton>
    </form>
  );
}

function ReferralUpdateForm({
  problemId,
  referralId,
  onChange,
}: {
  problemId: number;
  referralId: number;
  onChange: (p: ProblemDetailData) => void;
}) {
  const form = useForm(['status', 'note', 'referenceNumber'] as const);
  const [status, setStatus] = useState<(typeof REFERRAL_STATUSES)[number]>('diproses');
  const [note, setNote] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          () => api.updateReferral(problemId, referralId, { status, note }),
          (data) => {
            onChange(data);
            setNote('');
            return 'Kabar penerusan dicatat.';
          },
        );
      }}
    >
      <Field id={form.idOf('status')} label="Kabar dari instansi">
        {(a) => (
          <select
            {...a}
            value={status}
            onChange={(e) => setStatus(e.target.value as (typeof REFERRAL_STATUSES)[number])}
          >
            {REFERRAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {REFERRAL_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={form.idOf('note')} label="Keterangan" error={form.errorOf('note')}>
        {(a) => <input {...a} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Catat kabar
      </BusyButton>
    </form>
  );
}

function CommentForm({
  problemId,
  onChange,
}: {
  problemId: number;
  onChange: (p: ProblemDetailData) => void;
}) {
  const form = useForm(['body'] as const);
  const [body, setBody] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          () => api.commentProblem(problemId, body),
          (data) => {
            onChange(data);
            setBody('');
            return 'Komentar terkirim.';
          },
        );
      }}
    >
      <Field id={form.idOf('body')} label="Komentar" error={form.errorOf('body')}>
        {(a) => <textarea {...a} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Mengirim…">
        Kirim komentar
      </BusyButton>
    </form>
  );
}

function PhotoUpload({ problemId, onDone }: { problemId: number; onDone: () => void }) {
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <p>
      <label>
        Tambah foto (JPEG, PNG, atau WebP; paling besar 5 MB){' '}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file === undefined) return;
            setBusy(true);
            void api.uploadProblemPhoto(problemId, file).then((r) => {
              setBusy(false);
              setError(r.ok ? undefined : r.error);
              if (r.ok) onDone();
            });
          }}
        />
      </label>
      {error !== undefined && (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      )}
    </p>
  );
}

// ---------------------------------------------------------------- Bupati

export function RingkasanPage() {
  useTitle('Ringkasan untuk Bupati');
  const summary = useApi((signal) => api.bupatiSummary(signal));
  const trend = useApi((signal) => api.problemTrend(14, signal));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/masalah">Masalah</Link> › Ringkasan
      </p>
      <h1>Ringkasan untuk Bupati</h1>
      <Async state={summary}>
        {(s) => (
          <>
            <p className="muted small">Keadaan per {formatWaktuWib(s.generatedAt)}</p>
            <dl className="counts" data-testid="ringkasan-angka">
              <div>
                <dt>Masih terbuka</dt>
                <dd>{formatAngka(s.open)}</dd>
              </div>
              <div>
                <dt>Selesai</dt>
                <dd data-testid="ringkasan-selesai">{formatAngka(s.settled)}</dd>
              </div>
              <div>
                <dt>Tertahan di instansi lain</dt>
                <dd>{formatAngka(s.withAgency)}</dd>
              </div>
              <div>
                <dt>Terlambat</dt>
                <dd>{formatAngka(s.overdue)}</dd>
              </div>
            </dl>
            <ul>
              {s.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
            {s.byCategory.length > 0 && (
              <div className="table-scroll">
                <table className="table">
                  <caption>Per kategori</caption>
                  <thead>
                    <tr>
                      <th scope="col">Kategori</th>
                      <th scope="col">Terbuka</th>
                      <th scope="col">Selesai</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.byCategory.map((c) => (
                      <tr key={c.category}>
                        <td>{c.label}</td>
                        <td>{formatAngka(c.open)}</td>
                        <td>{formatAngka(c.settled)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Async>
      <h2>Tren 14 hari</h2>
      <Async state={trend}>{(t) => <TrendTable trend={t} />}</Async>
    </>
  );
}

// ---------------------------------------------------------------- settings

/** The desk's editable category list and response-time targets (problem.configure). */
export function PengaturanMasalah() {
  const config = useApi((signal) => api.problemConfig(signal));
  return (
    <details className="panel">
      <summary>Pengaturan kategori dan batas waktu</summary>
      <Async state={config}>{(c) => <ConfigForm initial={c} />}</Async>
    </details>
  );
}

function ConfigForm({ initial }: { initial: ProblemConfigData }) {
  const form = useForm(['categories', 'targets'] as const);
  const [categories, setCategories] = useState(initial.categories);
  const [targets, setTargets] = useState(initial.targets);
  const [newCode, setNewCode] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const hours = (s: Severity, k: 'respondHours' | 'settleHours', v: string) =>
    setTargets((t) => ({ ...t, [s]: { ...t[s], [k]: Number(v) } }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const added =
          newCode.trim() === '' ? [] : [{ code: newCode.trim(), label: newLabel.trim() }];
        void form.submit(
          () => api.saveProblemConfig({ categories: [...categories, ...added], targets }),
          (data) => {
            setCategories(data.categories);
            setTargets(data.targets);
            setNewCode('');
            setNewLabel('');
            return 'Pengaturan disimpan.';
          },
        );
      }}
    >
      <fieldset>
        <legend>Kategori</legend>
        {categories.map((c, i) => (
          <Field key={c.code} id={`kategori-${c.code}`} label={`Nama kategori "${c.code}"`}>
            {(a) => (
              <input
                {...a}
                value={c.label}
                onChange={(e) =>
                  setCategories((list) =>
                    list.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)),
                  )
                }
              />
            )}
          </Field>
        ))}
        <Field
          id={form.idOf('categories')}
          label="Kode kategori baru (huruf kecil, angka, garis bawah)"
          error={form.errorOf('categories')}
        >
          {(a) => <input {...a} value={newCode} onChange={(e) => setNewCode(e.target.value)} />}
        </Field>
        <Field id="kategori-baru-nama" label="Nama kategori baru">
          {(a) => <input {...a} value={newLabel} onChange={(e) => setNewLabel(e.target.value)} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Batas waktu (jam)</legend>
        {SEVERITIES.map((s) => (
          <div key={s} className="form-grid">
            <Field
              id={`${form.idOf('targets')}-${s}-respond`}
              label={`${SEVERITY_LABEL[s]}: ditanggapi dalam`}
            >
              {(a) => (
                <input
                  {...a}
                  type="number"
                  min={1}
                  value={String(targets[s].respondHours)}
                  onChange={(e) => hours(s, 'respondHours', e.target.value)}
                />
              )}
            </Field>
            <Field
              id={`${form.idOf('targets')}-${s}-settle`}
              label={`${SEVERITY_LABEL[s]}: selesai dalam`}
            >
              {(a) => (
                <input
                  {...a}
                  type="number"
                  min={1}
                  value={String(targets[s].settleHours)}
                  onChange={(e) => hours(s, 'settleHours', e.target.value)}
                />
              )}
            </Field>
          </div>
        ))}
        {form.errorOf('targets') !== undefined && (
          <p className="field-error" role="alert">
            {form.errorOf('targets')}
          </p>
        )}
      </fieldset>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Simpan pengaturan
      </BusyButton>
    </form>
  );
}
