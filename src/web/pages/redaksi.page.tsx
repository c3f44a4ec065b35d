/**
 * The desk's editorial pages (redaksi): the list of news items by status,
 * and the editor — title, place, date, body, people quoted, photos — with
 * the preview as the public will see it and the workflow buttons (ajukan;
 * terbitkan or kembalikan with a note for reviewers).
 */
import { useState, type SubmitEvent } from 'react';
import { formatTanggal } from '../../domain/common/format.ts';
import { todayWib } from '../../domain/common/dates.ts';
import {
  NEWS_ACTION_LABEL,
  NEWS_STATUS_LABEL,
  NEWS_STATUSES,
  type NewsAction,
  type NewsStatus,
} from '../../domain/news/news.ts';
import {
  api,
  newsPhotoPath,
  type ApiError,
  type NewsDetailData,
  type NewsItemData,
  type NewsWrite,
} from '../api.ts';
import { Async, BusyButton, Field, FormStatus, useForm } from '../components.tsx';
import { Link, navigate, useSearchParam } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { newsPath } from './berita.page.tsx';

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});
const when = (iso: string) => `${dateTime.format(new Date(iso))} WIB`;

function isStatus(value: string | null): value is NewsStatus {
  return value !== null && (NEWS_STATUSES as readonly string[]).includes(value);
}

export function RedaksiPage() {
  useTitle('Redaksi berita');
  const asked = useSearchParam('status');
  const status = isStatus(asked) ? asked : undefined;
  const list = useApi((signal) => api.newsList(status, signal), status ?? 'semua');
  const tabs: { label: string; value: NewsStatus | undefined }[] = [
    { label: 'Semua', value: undefined },
    ...NEWS_STATUSES.map((s) => ({ label: NEWS_STATUS_LABEL[s], value: s })),
  ];
  return (
    <>
      <h1>Redaksi berita</h1>
      <p className="lead">
        Berita ditulis oleh staf desk atau operator KPU, diajukan, lalu ditinjau dan diterbitkan
        oleh pimpinan desk. <Link to="/redaksi/baru">Tulis berita baru</Link>
      </p>
      <nav aria-label="Saring menurut status">
        <ul className="chips">
          {tabs.map((t) => (
            <li key={t.label}>
              <Link
                to={t.value === undefined ? '/redaksi' : `/redaksi?status=${t.value}`}
                aria-current={t.value === status ? 'page' : undefined}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Async state={list}>{(items) => <NewsTable items={items} />}</Async>
    </>
  );
}

function NewsTable({ items }: { items: readonly NewsItemData[] }) {
  if (items.length === 0) return <p className="muted">Tidak ada berita dengan status ini.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Daftar berita</caption>
        <thead>
          <tr>
            <th scope="col">Judul</th>
            <th scope="col">Tanggal</th>
            <th scope="col">Status</th>
            <th scope="col">Penulis</th>
          </tr>
        </thead>
        <tbody>
          {items.map((n) => (
            <tr key={n.id} data-testid="news-row">
              <td>
                <Link to={`/redaksi/${String(n.id)}`}>{n.title}</Link>
              </td>
              <td>{formatTanggal(n.date)}</td>
              <td>
                <span className={`badge badge-news-${n.status}`}>
                  {NEWS_STATUS_LABEL[n.status]}
                </span>
              </td>
              <td>{n.authorName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RedaksiBaruPage() {
  useTitle('Tulis berita');
  return (
    <>
      <p className="overline">
        <Link to="/redaksi">Redaksi berita</Link>
      </p>
      <h1>Tulis berita</h1>
      <NewsForm
        submitLabel="Simpan draf"
        send={(input) => api.createNews(input)}
        onSaved={(item) => navigate(`/redaksi/${String(item.id)}`)}
      />
    </>
  );
}

export function RedaksiItemPage({ id }: { id: number }) {
  const item = useApi((signal) => api.newsItem(id, signal), String(id));
  useTitle(item.data?.title ?? 'Berita');
  return <Async state={item}>{(data) => <NewsEditor item={data} onChanged={item.reload} />}</Async>;
}

function NewsEditor({ item, onChanged }: { item: NewsDetailData; onChanged: () => void }) {
  const [notice, setNotice] = useState<string | undefined>(undefined);
  return (
    <>
      <p className="overline">
        <Link to="/redaksi">Redaksi berita</Link>
      </p>
      <h1>{item.title}</h1>
      <p>
        Status:{' '}
        <span className={`badge badge-news-${item.status}`}>{NEWS_STATUS_LABEL[item.status]}</span>
        {item.status === 'terbit' && (
          <>
            {' '}
            · <Link to={newsPath(item.slug)}>Lihat di halaman publik</Link>
          </>
        )}
      </p>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {item.reviewNote !== null && item.status === 'draf' && (
        <div className="alert alert-warning" role="note">
          <strong>Catatan peninjau:</strong> {item.reviewNote}
        </div>
      )}
      <Workflow
        item={item}
        onMoved={(message) => {
          setNotice(message);
          onChanged();
        }}
      />
      {item.editable && (
        <section className="panel" aria-labelledby="ubah-berita">
          <h2 id="ubah-berita">Ubah draf</h2>
          <NewsForm
            initial={item}
            submitLabel="Simpan perubahan"
            send={(input) => api.updateNews(item.id, input)}
            onSaved={() => {
              setNotice('Draf disimpan.');
              onChanged();
            }}
          />
          <PhotoUpload item={item} onDone={onChanged} />
        </section>
      )}
      <section aria-labelledby="pratinjau" className="panel">
        <h2 id="pratinjau">Pratinjau</h2>
        <Preview item={item} />
      </section>
      <section aria-labelledby="riwayat">
        <h2 id="riwayat">Riwayat</h2>
        <ol className="history">
          {item.history.map((h, i) => (
            <li key={`${h.at}-${String(i)}`} className="history-item">
              <strong>{h.action}</strong> → {NEWS_STATUS_LABEL[h.toStatus]} · {h.actorName ?? '—'} ·{' '}
              <span className="muted">{when(h.at)}</span>
              {h.note !== null && <p>Catatan: {h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** The item as the public page will show it (the server's sanitised HTML). */
function Preview({ item }: { item: NewsDetailData }) {
  return (
    <article className="news-article" data-testid="news-preview">
      <p className="h-like">{item.title}</p>
      <p className="muted">
        {formatTanggal(item.date)} · {item.place}
      </p>
      {item.photos.map((p) => (
        <figure key={p.sha256} className="news-photo">
          <img src={newsPhotoPath(item.id, p.sha256)} alt={p.caption ?? `Foto: ${item.title}`} />
          {p.caption !== null && <figcaption>{p.caption}</figcaption>}
        </figure>
      ))}
      <div className="news-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      {item.people.length > 0 && (
        <ul className="news-people" aria-label="Narasumber">
          {item.people.map((p, i) => (
            <li key={`${p.name}-${String(i)}`}>
              <strong>{p.name}</strong>
              {p.jabatan !== '' && <span className="muted">, {p.jabatan}</span>}
              {p.quote !== '' && <blockquote>“{p.quote}”</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

const MOVE_DONE: Record<NewsAction, string> = {
  ajukan: 'Berita diajukan untuk ditinjau.',
  terbitkan: 'Berita diterbitkan dan tampil di halaman publik.',
  kembalikan: 'Berita dikembalikan ke draf dengan catatan.',
};

function Workflow({ item, onMoved }: { item: NewsDetailData; onMoved: (m: string) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  if (item.actions.length === 0) return null;
  const move = async (action: NewsAction) => {
    setBusy(true);
    const r = await api.moveNews(item.id, note.trim() === '' ? { action } : { action, note });
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      setNote('');
      onMoved(MOVE_DONE[action]);
    } else setError(r.error);
  };
  const noteId = `catatan-${String(item.id)}`;
  return (
    <section className="panel" aria-labelledby="alur">
      <h2 id="alur">Tindakan</h2>
      {item.actions.includes('kembalikan') && (
        <div className="field">
          <label htmlFor={noteId}>Catatan peninjau (wajib untuk mengembalikan)</label>
          <textarea
            id={noteId}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error?.field === 'note'}
          />
        </div>
      )}
      <div className="dialog-actions">
        {item.actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'kembalikan' ? 'button' : 'button button-primary'}
            disabled={busy}
            onClick={() => void move(a)}
          >
            {NEWS_ACTION_LABEL[a]}
          </button>
        ))}
      </div>
      {error !== undefined && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}

type Person = { name: string; jabatan: string; quote: string };
const FIELDS = ['title', 'place', 'date', 'body', 'people'] as const;

function NewsForm({
  initial,
  submitLabel,
  send,
  onSaved,
}: {
  initial?: NewsDetailData;
  submitLabel: string;
  send: (input: NewsWrite) => ReturnType<typeof api.createNews>;
  onSaved: (item: NewsDetailData) => void;
}) {
  const form = useForm(FIELDS);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [place, setPlace] = useState(initial?.place ?? '');
  const [date, setDate] = useState(initial?.date ?? todayWib());
  const [body, setBody] = useState(initial?.bodyHtml ?? '');
  const [people, setPeople] = useState<Person[]>(initial?.people.map((p) => ({ ...p })) ?? []);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    await form.submit(
      () => send({ title, place, date, body, people: people.filter((p) => p.name.trim() !== '') }),
      (item) => {
        onSaved(item);
        return undefined;
      },
    );
  };
  const setPerson = (i: number, patch: Partial<Person>) =>
    setPeople((list) => list.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Formulir berita">
      <Field id={form.idOf('title')} label="Judul" error={form.errorOf('title')}>
        {(a) => <input {...a} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="form-grid">
        <Field id={form.idOf('place')} label="Tempat" error={form.errorOf('place')}>
          {(a) => <input {...a} value={place} onChange={(e) => setPlace(e.target.value)} />}
        </Field>
        <Field id={form.idOf('date')} label="Tanggal" error={form.errorOf('date')}>
          {(a) => (
            <input {...a} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          )}
        </Field>
      </div>
      <Field
        id={form.idOf('body')}
        label="Isi berita"
        error={form.errorOf('body')}
        hint="Pisahkan paragraf dengan baris kosong. HTML sederhana boleh (<p>, <strong>, <em>, <ul>, <li>, <a href>, <h2>, <blockquote>); kode lain dibuang."
      >
        {(a) => (
          <textarea {...a} rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
        )}
      </Field>
      <fieldset className="people-fieldset">
        <legend>Narasumber yang dikutip</legend>
        {form.errorOf('people') !== undefined && (
          <p className="field-error" role="alert">
            {form.errorOf('people')}
          </p>
        )}
        {people.map((p, i) => (
          <div key={i} className="person-row" data-testid="person-row">
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${form.idOf('people')}-${String(i)}-name`}>Nama</label>
                <input
                  id={`${form.idOf('people')}-${String(i)}-name`}
                  value={p.name}
                  onChange={(e) => setPerson(i, { name: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${form.idOf('people')}-${String(i)}-jabatan`}>Jabatan</label>
                <input
                  id={`${form.idOf('people')}-${String(i)}-jabatan`}
                  value={p.jabatan}
                  onChange={(e) => setPerson(i, { jabatan: e.target.value })}
                />
              </div>
            </div>
            <div className="field">
              <label htmlFor={`${form.idOf('people')}-${String(i)}-quote`}>Kutipan</label>
              <textarea
                id={`${form.idOf('people')}-${String(i)}-quote`}
                rows={2}
                value={p.quote}
                onChange={(e) => setPerson(i, { quote: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="button button-small"
              onClick={() => setPeople((list) => list.filter((_, j) => j !== i))}
            >
              Hapus narasumber {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setPeople((list) => [...list, { name: '', jabatan: '', quote: '' }])}
        >
          Tambah narasumber
        </button>
      </fieldset>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        {submitLabel}
      </BusyButton>
    </form>
  );
}

function PhotoUpload({ item, onDone }: { item: NewsDetailData; onDone: () => void }) {
  const id = item.id;
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const inputId = `foto-${String(id)}`;
  const captionId = `foto-keterangan-${String(id)}`;
  return (
    <div className="photo-upload">
      <h3>Foto</h3>
      {item.photos.length > 0 && (
        <ul className="plain" aria-label="Foto berita">
          {item.photos.map((p, i) => (
            <li key={p.sha256}>
              {p.caption ?? `Foto ${String(i + 1)}`}{' '}
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void api.removeNewsPhoto(id, p.sha256).then((r) => {
                    setBusy(false);
                    if (r.ok) {
                      setError(undefined);
                      onDone();
                    } else setError(r.error);
                  });
                }}
              >
                Hapus foto {i + 1}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={captionId}>Keterangan foto</label>
        <input id={captionId} value={caption} onChange={(e) => setCaption(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={inputId}>Tambah foto (JPEG, PNG, atau WebP, paling besar 5 MB)</label>
        <input
          id={inputId}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file === undefined) return;
            setBusy(true);
            void api.uploadNewsPhoto(id, file, caption.trim()).then((r) => {
              setBusy(false);
              e.target.value = '';
              if (r.ok) {
                setError(undefined);
                setCaption('');
                onDone();
              } else setError(r.error);
            });
          }}
        />
      </div>
      {busy && <p role="status">Mengunggah foto…</p>}
      {error !== undefined && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
