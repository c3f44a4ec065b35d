import { Fragment, useId, useState, type SubmitEvent } from 'react';
import { ROLE_LABEL, ROLES } from '../../domain/auth/roles.ts';
import { formatAngka } from '../../domain/common/format.ts';
import { api, type AuditFilter, type AuditPageData, type AuditRowData } from '../api.ts';
import { Async, Field, Forbidden, useForm } from '../components.tsx';
import {
  ACTION_LABEL,
  auditActionLabel,
  auditTargetLabel,
  formatWaktuWib,
  OUTCOME_LABEL,
  SCOPE_KIND_LABEL,
} from '../labels.ts';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { AdminTabs } from './admin-tabs.tsx';

const PAGE_SIZE = 50;

export function AuditPage() {
  useTitle('Jejak audit');
  const me = useMe();
  if (!can(me, 'audit.read')) {
    return (
      <>
        <AdminTabs />
        <h1>Jejak audit</h1>
        <Forbidden message="Hanya admin sistem yang dapat melihat jejak audit." />
      </>
    );
  }
  return <AuditView />;
}

interface Filters {
  action: string;
  actor: string;
  outcome: '' | 'ok' | 'denied';
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', actor: '', outcome: '', from: '', to: '' };

function toQuery(filters: Filters, offset: number): AuditFilter {
  return {
    ...(filters.action === '' ? {} : { action: filters.action }),
    ...(filters.actor.trim() === '' ? {} : { actor: filters.actor.trim() }),
    ...(filters.outcome === '' ? {} : { outcome: filters.outcome }),
    ...(filters.from === '' ? {} : { from: filters.from }),
    ...(filters.to === '' ? {} : { to: filters.to }),
    limit: PAGE_SIZE,
    offset,
  };
}

function AuditView() {
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const query = toQuery(applied, offset);
  const page = useApi((signal) => api.audit(query, signal), JSON.stringify(query));

  return (
    <>
      <AdminTabs />
      <h1>Jejak audit</h1>
      <p className="lead">
        Setiap perubahan data, proses masuk, dan tindakan yang ditolak tercatat di sini dan tidak
        dapat diubah. Waktu dalam WIB.
      </p>
      <FilterForm
        initial={applied}
        onApply={(filters) => {
          setApplied(filters);
          setOffset(0);
        }}
      />
      <Async state={page}>
        {(data) => <AuditTable page={data} onPage={(next) => setOffset(next)} />}
      </Async>
    </>
  );
}

function FilterForm({
  initial,
  onApply,
}: {
  initial: Filters;
  onApply: (filters: Filters) => void;
}) {
  const form = useForm(['action', 'actor', 'outcome', 'from', 'to'] as const);
  const [values, setValues] = useState<Filters>(initial);
  const set = <K extends keyof Filters>(field: K, value: Filters[K]) =>
    setValues((v) => ({ ...v, [field]: value }));

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (values.from !== '' && values.to !== '' && values.to < values.from) {
      form.fail('to', 'Tanggal akhir tidak boleh sebelum tanggal awal.');
      return;
    }
    form.clear();
    onApply(values);
  };

  const outcomeOf = (value: string): Filters['outcome'] =>
    value === 'ok' || value === 'denied' ? value : '';

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="saring-audit">
      <h2 id="saring-audit">Saring catatan</h2>
      <div className="form-grid">
        <Field id={form.idOf('action')} label="Aksi" error={form.errorOf('action')}>
          {(a11y) => (
            <select {...a11y} value={values.action} onChange={(e) => set('action', e.target.value)}>
              <option value="">Semua aksi</option>
              {Object.entries(ACTION_LABEL).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={form.idOf('actor')}
          label="Pengguna"
          error={form.errorOf('actor')}
          hint="Sebagian nama pengguna, mis. pps."
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              value={values.actor}
              onChange={(e) => set('actor', e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('outcome')} label="Hasil" error={form.errorOf('outcome')}>
          {(a11y) => (
            <select
              {...a11y}
              value={values.outcome}
              onChange={(e) => set('outcome', outcomeOf(e.target.value))}
            >
              <option value="">Semua hasil</option>
              <option value="ok">{OUTCOME_LABEL.ok}</option>
              <option value="denied">{OUTCOME_LABEL.denied}</option>
            </select>
          )}
        </Field>
        <Field id={form.idOf('from')} label="Dari tanggal" error={form.errorOf('from')}>
          {(a11y) => (
            <input
              {...a11y}
              type="date"
              value={values.from}
              onChange={(e) => set('from', e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('to')} label="Sampai tanggal" error={form.errorOf('to')}>
          {(a11y) => (
            <input
              {...a11y}
              type="date"
              value={values.to}
              onChange={(e) => set('to', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="dialog-actions">
        <button type="submit" className="button button-primary">
          Terapkan
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setValues(EMPTY);
            form.clear();
            onApply(EMPTY);
          }}
        >
          Hapus saringan
        </button>
      </div>
    </form>
  );
}

function roleName(role: string | null): string {
  if (role === null) return '–';
  const known = ROLES.find((r) => r === role);
  return known === undefined ? role : ROLE_LABEL[known];
}

/** `desa:35.13.01.2001` → `desa 35.13.01.2001`. */
function scopeText(scope: string | null): string {
  if (scope === null) return '–';
  const i = scope.indexOf(':');
  if (i < 0) return scope;
  const kind = scope.slice(0, i);
  const ref = scope.slice(i + 1);
  const label = SCOPE_KIND_LABEL[kind] ?? kind;
  return ref === '' ? label : `${label} ${ref}`;
}

/** `problem` `16` → `laporan masalah #16`. */
function targetText(row: AuditRowData): string {
  return auditTargetLabel(row.targetType, row.targetId);
}

function json(value: unknown): string {
  return value === null || value === undefined ? '–' : JSON.stringify(value, null, 2);
}

function AuditTable({ page, onPage }: { page: AuditPageData; onPage: (offset: number) => void }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const baseId = useId();
  if (page.rows.length === 0) {
    return <p className="muted">Tidak ada catatan yang cocok dengan saringan ini.</p>;
  }
  const first = page.offset + 1;
  const last = page.offset + page.rows.length;
  return (
    <section aria-labelledby={`${baseId}-judul`}>
      <h2 id={`${baseId}-judul`}>Catatan</h2>
      <p className="muted" role="status">
        Menampilkan {formatAngka(first)}–{formatAngka(last)} dari {formatAngka(page.total)} catatan.
      </p>
      <div className="table-scroll">
        <table className="table audit-table" aria-label="Jejak audit">
          <thead>
            <tr>
              <th scope="col">Waktu (WIB)</th>
              <th scope="col">Pengguna</th>
              <th scope="col">Peran</th>
              <th scope="col">Lingkup</th>
              <th scope="col">Aksi</th>
              <th scope="col">Target</th>
              <th scope="col">Hasil</th>
              <th scope="col">
                <span className="visually-hidden">Rincian</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => {
              const open = openId === row.id;
              const detailsId = `${baseId}-rincian-${String(row.id)}`;
              return (
                <Fragment key={row.id}>
                  <tr data-testid="audit-row">
                    <td>
                      <time dateTime={row.at}>{formatWaktuWib(row.at)}</time>
                    </td>
                    <td className="code">{row.actorUsername ?? '–'}</td>
                    <td>{roleName(row.role)}</td>
                    <td className="code">{scopeText(row.scope)}</td>
                    <td title={row.action}>{auditActionLabel(row.action)}</td>
                    <td>{targetText(row)}</td>
                    <td>
                      <span className={`badge badge-hasil-${row.outcome}`}>
                        {OUTCOME_LABEL[row.outcome]}
                      </span>
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={open}
                        aria-controls={open ? detailsId : undefined}
                        aria-label={`${open ? 'Tutup rincian' : 'Rincian'} catatan ${String(row.id)}`}
                        onClick={() => setOpenId(open ? null : row.id)}
                      >
                        {open ? 'Tutup' : 'Rincian'}
                      </button>
                    </td>
                  </tr>
                  {open && (
                    <tr id={detailsId} className="audit-details">
                      <td colSpan={8}>
                        <div className="audit-json">
                          <div>
                            <h3>Sebelum</h3>
                            <pre>{json(row.before)}</pre>
                          </div>
                          <div>
                            <h3>Sesudah</h3>
                            <pre>{json(row.after)}</pre>
                          </div>
                        </div>
                        <p className="small muted">
                          Catatan {row.id} · alamat IP {row.address ?? '–'} · hash{' '}
                          <code>{row.hash.slice(0, 16)}…</code> · hash sebelumnya{' '}
                          <code>{row.prevHash.slice(0, 16)}…</code>
                        </p>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label="Halaman catatan" className="pager">
        <button
          type="button"
          className="button"
          disabled={page.offset === 0}
          onClick={() => onPage(Math.max(0, page.offset - PAGE_SIZE))}
        >
          Sebelumnya
        </button>
        <button
          type="button"
          className="button"
          disabled={last >= page.total}
          onClick={() => onPage(page.offset + PAGE_SIZE)}
        >
          Berikutnya
        </button>
      </nav>
    </section>
  );
}
