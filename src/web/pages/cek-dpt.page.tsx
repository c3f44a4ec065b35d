/**
 * Public "cek DPT": NIK plus the first letters of the name; shows the TPS and
 * desa only, with the NIK masked.
 */
import { useState, type SubmitEvent } from 'react';
import { api, type ApiError, type CekDptData } from '../api.ts';
import { LoadError } from '../components.tsx';
import { Link } from '../router.tsx';
import { useTitle } from '../use-title.ts';

export function CekDptPage() {
  useTitle('Cek DPT');
  return (
    <div className="narrow">
      <h1>Cek DPT</h1>
      <p className="lead">
        Periksa apakah Anda terdaftar sebagai pemilih dan di TPS mana. Masukkan NIK (16 digit) dan
        sedikitnya 3 huruf pertama nama Anda seperti di KTP-el.
      </p>
      <CekDptForm idPrefix="cek" />
      <p>
        Tidak terdaftar, atau ada yang salah di Daftar Pemilih Sementara desa Anda?{' '}
        <Link to="/tanggapan-dps">Kirim tanggapan atas DPS</Link>.
      </p>
      <p className="muted small">
        Setiap pencarian dicatat. Pencarian dari satu alamat dibatasi agar data pemilih tidak dapat
        ditelusuri massal.
      </p>
    </div>
  );
}

/** The lookup form and its answer (also on the public home page). */
export function CekDptForm({ idPrefix }: { idPrefix: string }) {
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<CekDptData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setAnswer(null);
    const r = await api.cekDpt(nik.trim(), name.trim());
    setBusy(false);
    if (r.ok) setAnswer(r.data);
    else setError(r.error);
  };
  return (
    <>
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${idPrefix}-nik`}>NIK</label>
          <input
            id={`${idPrefix}-nik`}
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            value={nik}
            onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-nama`}>Huruf awal nama</label>
          <input
            id={`${idPrefix}-nama`}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Mencari…' : 'Cari'}
        </button>
      </form>
      {error !== null && <LoadError error={error} />}
      {answer !== null && (
        <section
          className={`alert ${answer.found ? 'notice' : 'alert-warning'}`}
          aria-live="polite"
          data-testid="cek-dpt-answer"
        >
          <p>
            <strong>{answer.message}</strong>
          </p>
          <p>NIK: {answer.nik}</p>
          {answer.found && (
            <p>
              {answer.tps}, Desa/Kelurahan {answer.desaName}, Kecamatan {answer.kecamatanName}
            </p>
          )}
        </section>
      )}
    </>
  );
}
