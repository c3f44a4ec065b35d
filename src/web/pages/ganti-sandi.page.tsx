import { useState, type SubmitEvent } from 'react';
import { api } from '../api.ts';
import { BusyButton, Field, FormStatus, useForm } from '../components.tsx';
import { navigate, safeNext, useSearchParam } from '../router.tsx';
import { homeOf, setMe, useMe } from '../session.ts';
import { useTitle } from '../use-title.ts';

/** Same rule as the server's (src/server/auth/passwords.ts); the server decides. */
const MIN_LENGTH = 10;

/**
 * Password change: forced after a sign-in with a one-time password (every
 * other page sends the user here until it is done), or chosen from the user menu.
 */
export function GantiSandiPage() {
  useTitle('Ganti kata sandi');
  const me = useMe();
  const next = safeNext(useSearchParam('next'));
  const forced = me.mustChangePassword;
  const form = useForm(['currentPassword', 'newPassword', 'confirm'] as const);
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const set = (field: keyof typeof values, value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (values.currentPassword === '') {
      form.fail(
        'currentPassword',
        forced ? 'Isi kata sandi sementara Anda.' : 'Isi kata sandi Anda saat ini.',
      );
      return;
    }
    if (values.newPassword.length < MIN_LENGTH) {
      form.fail('newPassword', `Kata sandi baru minimal ${String(MIN_LENGTH)} karakter.`);
      return;
    }
    if (values.confirm !== values.newPassword) {
      form.fail('confirm', 'Ulangi kata sandi baru persis sama.');
      return;
    }
    const changed = await form.submit(
      () =>
        api.changePassword({
          currentPassword: values.currentPassword,
          newPassword: values.newPassword,
        }),
      () => 'Kata sandi berhasil diganti. Sesi Anda di perangkat lain telah diakhiri.',
    );
    if (!changed) return;
    setValues({ currentPassword: '', newPassword: '', confirm: '' });
    const fresh = await api.me();
    if (!fresh.ok) return;
    setMe(fresh.data);
    if (forced) navigate(next ?? homeOf(fresh.data), { replace: true });
  };

  return (
    <div className="narrow">
      <h1>Ganti kata sandi</h1>
      {forced && (
        <p className="alert alert-warning" role="status">
          Anda masuk dengan kata sandi sementara. Buat kata sandi baru sebelum melanjutkan; hanya
          Anda yang boleh mengetahuinya.
        </p>
      )}
      <form
        className="panel"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-labelledby="judul-sandi"
      >
        <h2 id="judul-sandi" className="visually-hidden">
          Formulir ganti kata sandi
        </h2>
        <Field
          id={form.idOf('currentPassword')}
          label={forced ? 'Kata sandi sementara' : 'Kata sandi saat ini'}
          error={form.errorOf('currentPassword')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={(e) => set('currentPassword', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('newPassword')}
          label="Kata sandi baru"
          error={form.errorOf('newPassword')}
          hint={`Minimal ${String(MIN_LENGTH)} karakter. Gunakan kalimat yang mudah Anda ingat, mis. empat kata acak.`}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="new-password"
              value={values.newPassword}
              onChange={(e) => set('newPassword', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('confirm')}
          label="Ulangi kata sandi baru"
          error={form.errorOf('confirm')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="new-password"
              value={values.confirm}
              onChange={(e) => set('confirm', e.target.value)}
            />
          )}
        </Field>
        <FormStatus form={form} />
        <BusyButton busy={form.busy} busyLabel="Menyimpan…">
          Simpan kata sandi baru
        </BusyButton>
      </form>
    </div>
  );
}
