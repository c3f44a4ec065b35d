import { useId, useState, type ChangeEvent, type SubmitEvent } from 'react';
import {
  ROLE_LABEL,
  ROLE_SCOPE,
  ROLES,
  type Role,
  type ScopeKind,
} from '../../domain/auth/roles.ts';
import { formatAngka } from '../../domain/common/format.ts';
import {
  api,
  type AccountData,
  type AccountImportData,
  type ApiError,
  type SettingsData,
} from '../api.ts';
import {
  Async,
  BusyButton,
  ConfirmDialog,
  DialogActions,
  Field,
  Forbidden,
  FormStatus,
  useForm,
} from '../components.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { formatWaktuWib } from '../labels.ts';
import type { Throttle } from '../../domain/auth/throttle.schema.ts';
import { AdminTabs } from './admin-tabs.tsx';
import { PrintSheets } from './print-sheets.tsx';

type Open =
  { kind: 'reset'; account: AccountData } | { kind: 'disable'; account: AccountData } | null;

export function AkunPage() {
  useTitle('Akun pengguna');
  const me = useMe();
  if (!can(me, 'account.manage')) {
    return (
      <>
        <AdminTabs />
        <h1>Akun pengguna</h1>
        <Forbidden message="Hanya admin sistem yang dapat mengelola akun pengguna." />
      </>
    );
  }
  return <AkunView myId={me.userId} />;
}

type Status = 'aktif' | 'harus_ganti' | 'terkunci' | 'nonaktif';

const STATUS_LABEL: Record<Status, string> = {
  aktif: 'Aktif',
  harus_ganti: 'Harus ganti sandi',
  terkunci: 'Terkunci',
  nonaktif: 'Nonaktif',
};

function statusOf(account: AccountData): Status {
  if (account.disabled) return 'nonaktif';
  if (account.locked) return 'terkunci';
  if (account.mustChangePassword) return 'harus_ganti';
  return 'aktif';
}

function roleText(role: AccountData['roles'][number]): string {
  return role.scopeKind === 'regency' || role.scopeName === null
    ? role.roleLabel
    : `${role.roleLabel} · ${role.scopeName}`;
}

function AkunView({ myId }: { myId: number | null }) {
  const accounts = useApi((signal) => api.accounts(signal));
  const settings = useApi((signal) => api.settings(signal));
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<ApiError | undefined>(undefined);
  const [sheets, setSheets] = useState<AccountImportData | null>(null);

  const enable = async (account: AccountData) => {
    setActionError(undefined);
    const result = await api.enableAccount(account.id);
    if (!result.ok) {
      setActionError(result.error);
      return;
    }
    setNotice(`Akun ${account.username} diaktifkan kembali.`);
    accounts.reload();
  };

  return (
    <>
      <div className="no-print">
        <AdminTabs />
        <h1>Akun pengguna</h1>
        <p className="lead">
          Setiap orang masuk dengan akunnya sendiri; perannya menentukan wilayah dan tindakan yang
          boleh.
        </p>
        <p className="notice" role="status" aria-live="polite">
          {notice}
        </p>
        {actionError !== undefined && (
          <p className="alert alert-error" role="alert">
            {actionError.message}
          </p>
        )}
        <Async state={accounts}>
          {(list) => (
            <AccountTable
              accounts={list}
              myId={myId}
              onReset={(account) => setOpen({ kind: 'reset', account })}
              onDisable={(account) => setOpen({ kind: 'disable', account })}
              onEnable={(account) => void enable(account)}
            />
          )}
        </Async>
        <ThrottleSection
          onLifted={(text) => {
            setNotice(text);
            accounts.reload();
          }}
        />
        <CreateAccountForm settings={settings.data} onCreated={() => accounts.reload()} />
        <ImportForm
          onImported={(result) => {
            setSheets(result);
            setNotice(`${formatAngka(result.created)} akun dibuat dari CSV.`);
            accounts.reload();
          }}
        />
      </div>
      {sheets !== null && (
        <PrintSheets
          result={sheets}
          regencyName={settings.data?.regencyName ?? null}
          onClose={() => setSheets(null)}
        />
      )}
      {open?.kind === 'reset' && (
        <ResetPasswordDialog
          account={open.account}
          onClose={() => setOpen(null)}
          onReset={() => accounts.reload()}
        />
      )}
      {open?.kind === 'disable' && (
        <DisableDialog
          account={open.account}
          onClose={() => setOpen(null)}
          onDisabled={() => {
            setOpen(null);
            setNotice(`Akun ${open.account.username} dinonaktifkan.`);
            accounts.reload();
          }}
        />
      )}
    </>
  );
}

function AccountTable({
  accounts,
  myId,
  onReset,
  onDisable,
  onEnable,
}: {
  accounts: readonly AccountData[];
  myId: number | null;
  onReset: (account: AccountData) => void;
  onDisable: (account: AccountData) => void;
  onEnable: (account: AccountData) => void;
}) {
  if (accounts.length === 0) return <p className="muted">Belum ada akun.</p>;
  const rows = [...accounts].sort((a, b) => a.username.localeCompare(b.username));
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Daftar akun">
        <thead>
          <tr>
            <th scope="col">Nama pengguna</th>
            <th scope="col">Nama</th>
            <th scope="col">Peran</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Tindakan</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const status = statusOf(a);
            return (
              <tr key={a.id} className={a.disabled ? 'row-muted' : undefined}>
                <th scope="row" className="code">
                  {a.username}
                </th>
                <td>{a.fullName}</td>
                <td>
                  {a.roles.length === 0 ? (
                    <span className="muted">tanpa peran</span>
                  ) : (
                    <ul className="plain">
                      {a.roles.map((r) => (
                        <li key={`${r.role}:${r.scopeRef}`}>{roleText(r)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <span className={`badge badge-akun-${status}`}>{STATUS_LABEL[status]}</span>
                </td>
                <td className="actions">
                  {!a.disabled && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Reset sandi ${a.username}`}
                      onClick={() => onReset(a)}
                    >
                      Reset sandi
                    </button>
                  )}
                  {a.disabled ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Aktifkan ${a.username}`}
                      onClick={() => onEnable(a)}
                    >
                      Aktifkan
                    </button>
                  ) : (
                    a.id !== myId && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={`Nonaktifkan ${a.username}`}
                        onClick={() => onDisable(a)}
                      >
                        Nonaktifkan
                      </button>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What to type as the scope of each kind of role. */
const SCOPE_HINT: Record<ScopeKind, string> = {
  regency: 'Seluruh kabupaten: kode kabupaten, mis. 35.13.',
  korwil: 'Nama Korwil, mis. Korwil I.',
  kecamatan: 'Kode kecamatan, mis. 35.13.01.',
  desa: 'Kode desa/kelurahan, mis. 35.13.01.2001.',
  tps: 'Kode desa lalu garis miring dan nomor TPS, mis. 35.13.01.2001/1.',
};

/** The one-time password, shown once with what to do with it. */
function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <div className="otp" data-testid="otp-box">
      <p>
        Kata sandi sementara untuk <strong>{username}</strong>:
      </p>
      <p className="otp-value">
        <code data-testid="otp">{password}</code>
      </p>
      <p className="small">
        Catat sekarang dan serahkan langsung kepada pemilik akun: kata sandi ini hanya ditampilkan
        sekali. Pemilik akun wajib menggantinya saat pertama kali masuk.
      </p>
    </div>
  );
}

type AccountField = 'username' | 'fullName' | 'role' | 'scope';
const ACCOUNT_FIELDS: readonly AccountField[] = ['username', 'fullName', 'role', 'scope'];

function CreateAccountForm({
  settings,
  onCreated,
}: {
  settings: SettingsData | undefined;
  onCreated: () => void;
}) {
  const form = useForm(ACCOUNT_FIELDS);
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [scope, setScope] = useState('');
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const regencyCode = settings?.regencyCode ?? '';
  const scopeKind = role === '' ? undefined : ROLE_SCOPE[role];

  const onRoleChange = (value: string) => {
    const next = ROLES.find((r) => r === value) ?? '';
    setRole(next);
    // Regency-wide roles: the regency itself, filled in.
    if (next !== '' && ROLE_SCOPE[next] === 'regency') setScope(regencyCode);
    else if (scope === regencyCode) setScope('');
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    setCreated(null);
    // The username rules are the server's; its message shows under the field.
    if (username.trim() === '') {
      form.fail('username', 'Nama pengguna wajib diisi.');
      return;
    }
    if (fullName.trim() === '') {
      form.fail('fullName', 'Nama lengkap wajib diisi.');
      return;
    }
    if (role === '') {
      form.fail('role', 'Pilih peran.');
      return;
    }
    if (scope.trim() === '') {
      form.fail('scope', `Wilayah wajib diisi. ${SCOPE_HINT[ROLE_SCOPE[role]]}`);
      return;
    }
    const done = await form.submit(
      () =>
        api.createAccount({
          username: username.trim().toLowerCase(),
          fullName: fullName.trim(),
          roles: [{ role, scope: scope.trim() }],
        }),
      (answer) => {
        setCreated({ username: answer.account.username, password: answer.oneTimePassword });
        onCreated();
        return `Akun ${answer.account.username} dibuat.`;
      },
    );
    if (done) {
      setUsername('');
      setFullName('');
      setRole('');
      setScope('');
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="akun-baru"
    >
      <h2 id="akun-baru">Tambah akun</h2>
      <div className="form-grid">
        <Field
          id={form.idOf('username')}
          label="Nama pengguna"
          error={form.errorOf('username')}
          hint="Huruf kecil, angka, titik, tanda hubung, atau garis bawah; mis. pps.ngadisari."
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('fullName')} label="Nama lengkap" error={form.errorOf('fullName')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              value={fullName}
              onChange={(e) => setFullName(e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('role')} label="Peran" error={form.errorOf('role')}>
          {(a11y) => (
            <select {...a11y} value={role} onChange={(e) => onRoleChange(e.target.value)}>
              <option value="">— pilih peran —</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={form.idOf('scope')}
          label="Wilayah tugas"
          error={form.errorOf('scope')}
          hint={scopeKind === undefined ? 'Pilih peran dahulu.' : SCOPE_HINT[scopeKind]}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              value={scope}
              onChange={(e) => setScope(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      {created !== null && (
        <div className="otp-panel">
          <OneTimePassword username={created.username} password={created.password} />
          <button type="button" className="button" onClick={() => setCreated(null)}>
            Sudah dicatat, tutup
          </button>
        </div>
      )}
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tambah akun
      </BusyButton>
    </form>
  );
}

function ResetPasswordDialog({
  account,
  onClose,
  onReset,
}: {
  account: AccountData;
  onClose: () => void;
  onReset: () => void;
}) {
  const [password, setPassword] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={`Reset sandi ${account.username}`}
      confirmLabel="Reset sandi"
      busyLabel="Memproses…"
      action={() => api.resetPassword(account.id)}
      onDone={(answer) => {
        setPassword(answer.oneTimePassword);
        onReset();
      }}
      onClose={onClose}
      outcome={
        password === null ? undefined : (
          <>
            <OneTimePassword username={account.username} password={password} />
            <DialogActions>
              <button type="button" className="button button-primary" onClick={onClose}>
                Sudah dicatat, tutup
              </button>
            </DialogActions>
          </>
        )
      }
    >
      <p>
        Kata sandi <strong>{account.fullName}</strong> saat ini tidak akan berlaku lagi. Sistem
        membuat kata sandi sementara yang harus diganti saat pemilik akun masuk.
      </p>
    </ConfirmDialog>
  );
}

function DisableDialog({
  account,
  onClose,
  onDisabled,
}: {
  account: AccountData;
  onClose: () => void;
  onDisabled: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Nonaktifkan ${account.username}?`}
      confirmLabel="Nonaktifkan"
      busyLabel="Memproses…"
      action={() => api.disableAccount(account.id)}
      onDone={onDisabled}
      onClose={onClose}
    >
      <p>
        <strong>{account.fullName}</strong> tidak dapat masuk lagi sampai akunnya diaktifkan
        kembali. Riwayat tindakannya tetap tercatat.
      </p>
    </ConfirmDialog>
  );
}

function ImportForm({ onImported }: { onImported: (result: AccountImportData) => void }) {
  const form = useForm(['csv'] as const);
  const fileId = useId();
  const dryRunId = useId();
  const [csv, setCsv] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [result, setResult] = useState<AccountImportData | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setCsv(await file.text());
    setResult(null);
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    setResult(null);
    if (csv.trim() === '') {
      form.fail('csv', 'Pilih berkas CSV atau tempel isinya di kotak ini.');
      return;
    }
    await form.submit(
      () => api.importAccounts({ csv, dryRun }),
      (answer) => {
        setResult(answer);
        if (!answer.dryRun && answer.errors.length === 0) onImported(answer);
        return undefined;
      },
    );
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="impor-csv"
    >
      <h2 id="impor-csv">Impor dari CSV</h2>
      <p className="small">
        Baris pertama: <code>username,nama,peran,wilayah</code>. Kolom wilayah berisi kode wilayah
        (mis. <code>35.13.01.2001</code>), nama Korwil (mis. <code>Korwil I</code>), atau kode desa
        dan nomor TPS (mis. <code>35.13.01.2001/1</code>) untuk KPPS dan Pantarlih. Bila ada satu
        baris salah, tidak ada akun yang dibuat.
      </p>
      <div className="field">
        <label htmlFor={fileId}>Berkas CSV</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => void onFile(e)}
        />
      </div>
      <Field
        id={form.idOf('csv')}
        label="Isi CSV"
        error={form.errorOf('csv')}
        hint="Terisi otomatis dari berkas; dapat juga ditempel atau diketik langsung."
      >
        {(a11y) => (
          <textarea
            {...a11y}
            rows={6}
            className="code"
            spellCheck={false}
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              setResult(null);
            }}
          />
        )}
      </Field>
      <div className="check">
        <input
          id={dryRunId}
          type="checkbox"
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
        />
        <label htmlFor={dryRunId}>Periksa saja (belum membuat akun)</label>
      </div>
      <FormStatus form={form} />
      {result !== null && <ImportOutcome result={result} />}
      <BusyButton busy={form.busy} busyLabel="Memproses…">
        {dryRun ? 'Periksa CSV' : 'Impor'}
      </BusyButton>
    </form>
  );
}

function ImportOutcome({ result }: { result: AccountImportData }) {
  if (result.errors.length > 0) {
    const errors = [...result.errors].sort((a, b) => a.line - b.line);
    return (
      <div className="alert alert-error" role="alert">
        <p>
          <strong>Ada {formatAngka(errors.length)} kesalahan. Tidak ada akun yang dibuat.</strong>{' '}
          Perbaiki baris berikut lalu impor lagi.
        </p>
        <div className="table-scroll">
          <table className="table" aria-label="Kesalahan impor">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Baris
                </th>
                <th scope="col">Kolom</th>
                <th scope="col">Pesan</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={`${String(e.line)}-${String(i)}`}>
                  <td className="num">{e.line}</td>
                  <td className="code">{e.field ?? '–'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  if (result.dryRun) {
    return (
      <div className="notice" role="status">
        <p>
          CSV benar: {formatAngka(result.accounts.length)} akun siap dibuat. Hapus centang “Periksa
          saja” lalu tekan Impor.
        </p>
        {result.accounts.length > 0 && (
          <ul className="plain small">
            {result.accounts.map((a) => (
              <li key={a.username}>
                {a.username} · {a.fullName} · {a.roleLabel}
                {` · ${a.scopeName}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <p className="notice" role="status">
      {formatAngka(result.created)} akun dibuat. Lembar kata sandi sementara ada di bawah; cetak
      sekarang, karena kata sandi ini tidak akan ditampilkan lagi.
    </p>
  );
}

const THROTTLE_KIND_LABEL: Record<Throttle['kind'], string> = {
  account: 'Akun',
  name: 'Nama tak dikenal',
  address: 'Alamat',
};

/** Sign-in waits in force; the admin may lift one (e.g. a kecamatan behind one carrier address). */
function ThrottleSection({ onLifted }: { onLifted: (notice: string) => void }) {
  const throttles = useApi((signal) => api.throttles(signal));
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const lift = async (t: Throttle) => {
    setError(undefined);
    setBusy(t.key);
    const result = await api.liftThrottle({ kind: t.kind, key: t.key });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onLifted(`Penahanan ${t.key} dilepaskan.`);
    throttles.reload();
  };
  return (
    <section aria-labelledby="ditahan">
      <h2 id="ditahan">Akun/alamat yang sedang ditahan</h2>
      {error !== undefined && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <Async state={throttles}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">Tidak ada yang sedang ditahan.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Jenis</th>
                  <th scope="col">Nama/alamat</th>
                  <th scope="col">Gagal</th>
                  <th scope="col">Ditahan sampai</th>
                  <th scope="col">
                    <span className="visually-hidden">Tindakan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((t) => (
                  <tr key={`${t.kind}:${t.key}`}>
                    <td>{THROTTLE_KIND_LABEL[t.kind]}</td>
                    <td>{t.key}</td>
                    <td>{formatAngka(t.failures)}</td>
                    <td>{formatWaktuWib(t.until)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Lepaskan ${t.key}`}
                        disabled={busy !== null}
                        onClick={() => void lift(t)}
                      >
                        Lepaskan
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </section>
  );
}
