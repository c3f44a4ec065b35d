import { useEffect, useState, type SubmitEvent } from 'react';
import { api } from '../api.ts';
import { BusyButton, Field, FormStatus, useForm } from '../components.tsx';
import { Link } from '../router.tsx';
import { setMe, setSignInMessage, signInMessage } from '../session.ts';
import { useTitle } from '../use-title.ts';

/**
 * Sign-in. On success the session is stored and the app's guard takes the
 * user on: to `?next=`, to the password page when a new password is due, or
 * to the person's own page.
 */
export function MasukPage() {
  useTitle('Masuk');
  const form = useForm(['username', 'password'] as const);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [message] = useState(signInMessage);
  // The reason is shown once, on this visit.
  useEffect(() => () => setSignInMessage(undefined), []);

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (username.trim() === '') {
      form.fail('username', 'Nama pengguna wajib diisi.');
      return;
    }
    if (password === '') {
      form.fail('password', 'Kata sandi wajib diisi.');
      return;
    }
    const ok = await form.submit(
      () => api.signIn({ username: username.trim(), password }),
      (me) => {
        setMe(me);
        return undefined;
      },
    );
    if (!ok) setPassword('');
  };

  return (
    <div className="narrow">
      <h1>Masuk ke Desk Pilkada</h1>
      {message !== undefined && (
        <p className="alert alert-warning" role="status">
          {message}
        </p>
      )}
      <form
        className="panel"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-labelledby="judul-masuk"
      >
        <h2 id="judul-masuk" className="visually-hidden">
          Formulir masuk
        </h2>
        <Field id={form.idOf('username')} label="Nama pengguna" error={form.errorOf('username')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('password')} label="Kata sandi" error={form.errorOf('password')}>
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <FormStatus form={form} />
        <BusyButton busy={form.busy} busyLabel="Memeriksa…">
          Masuk
        </BusyButton>
      </form>
      <p className="muted small">
        Lupa kata sandi atau akun terkunci? Hubungi admin Desk Pilkada untuk mendapat kata sandi
        sementara yang baru.
      </p>
      <p className="small">
        Tanpa masuk, Anda tetap dapat melihat <Link to="/tahapan">jadwal tahapan</Link> dan{' '}
        <Link to="/pemilihan">pemilihan</Link>.
      </p>
    </div>
  );
}
