/**
 * Public comments on a desa's DPS (tanggapan masyarakat), without an account:
 * pick the kecamatan and desa, the kind, describe it, optionally leave a name
 * and a contact; the answer is a tracking code. The lookup shows the status
 * and the PPS's resolution only.
 */
import { useState, type SubmitEvent } from 'react';
import { TANGGAPAN_KIND_LABEL, TANGGAPAN_KINDS } from '../../domain/voters/voters.schema.ts';
import { formatWaktuWib } from '../labels.ts';
import { api, type ApiError, type ProblemPlacesData, type PublicTanggapanWrite } from '../api.ts';
import { Async } from '../components.tsx';
import { Link, navigate, useSearchParam } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

type Kind = (typeof TANGGAPAN_KINDS)[number];

export function TanggapanDpsPage() {
  useTitle('Tanggapan masyarakat atas DPS');
  const places = useApi((signal) => api.publicProblemPlaces(signal));
  const asked = useSearchParam('kode') ?? '';
  return (
    <div className="narrow">
      <h1>Tanggapan masyarakat atas DPS</h1>
      <p className="lead">
        Daftar Pemilih Sementara (DPS) diumumkan di setiap desa/kelurahan untuk ditanggapi. Siapa
        pun dapat memberi tahu PPS bila ada warga yang tidak memenuhi syarat, belum terdaftar, atau
        datanya perlu diperbaiki. Anda akan menerima kode untuk melacak tanggapan Anda.
      </p>
      <p>
        <Link to="/cek-dpt">Cek apakah Anda sudah terdaftar</Link>
      </p>
      <Async state={places}>{(p) => <TanggapanForm places={p} />}</Async>
      <TrackForm asked={asked} />
    </div>
  );
}

interface Draft {
  kecamatanCode: string;
  desaCode: string;
  kind: Kind | '';
  description: string;
  submitterName: string;
  submitterContact: string;
  website: string;
}

const EMPTY: Draft = {
  kecamatanCode: '',
  desaCode: '',
  kind: '',
  description: '',
  submitterName: '',
  submitterContact: '',
  website: '',
};

function TanggapanForm({ places }: { places: ProblemPlacesData }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const desa = places.kecamatan.find((k) => k.code === draft.kecamatanCode)?.desa ?? [];

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (draft.kind === '') return;
    setBusy(true);
    setError(null);
    const input: PublicTanggapanWrite = {
      desaCode: draft.desaCode,
      kind: draft.kind,
      description: draft.description.trim(),
      ...(draft.submitterName.trim() === '' ? {} : { submitterName: draft.submitterName.trim() }),
      ...(draft.submitterContact.trim() === ''
        ? {}
        : { submitterContact: draft.submitterContact.trim() }),
      ...(draft.website === '' ? {} : { website: draft.website }),
    };
    const r = await api.sendPublicTanggapan(input);
    setBusy(false);
    if (r.ok) setCode(r.data.trackingCode);
    else setError(r.error);
  };

  if (code !== null) {
    return (
      <section className="panel" aria-labelledby="tanggapan-terkirim">
        <h2 id="tanggapan-terkirim">Terima kasih, tanggapan Anda diterima</h2>
        <p>
          Simpan kode pelacakan ini: <strong className="code">{code}</strong>
        </p>
        <p>
          <Link to={`/tanggapan-dps?kode=${encodeURIComponent(code)}`}>Lacak status tanggapan</Link>
        </p>
      </section>
    );
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <h2>Kirim tanggapan</h2>
      <div className="field">
        <label htmlFor="tg-kecamatan">Kecamatan</label>
        <select
          id="tg-kecamatan"
          required
          value={draft.kecamatanCode}
          onChange={(e) => set({ kecamatanCode: e.target.value, desaCode: '' })}
        >
          <option value="">— pilih kecamatan —</option>
          {places.kecamatan.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="tg-desa">Desa/Kelurahan</label>
        <select
          id="tg-desa"
          required
          disabled={draft.kecamatanCode === ''}
          value={draft.desaCode}
          onChange={(e) => set({ desaCode: e.target.value })}
        >
          <option value="">— pilih desa/kelurahan —</option>
          {desa.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>Jenis tanggapan</legend>
        {TANGGAPAN_KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="tg-kind"
              required
              checked={draft.kind === k}
              onChange={() => set({ kind: k })}
            />{' '}
            {TANGGAPAN_KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="tg-uraian">Uraian</label>
        <textarea
          id="tg-uraian"
          required
          minLength={10}
          maxLength={1000}
          rows={4}
          aria-describedby="tg-uraian-hint"
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
        />
        <p className="hint" id="tg-uraian-hint">
          Sebutkan siapa (nama, RT/RW) dan apa yang perlu diperiksa. Jangan menulis NIK.
        </p>
      </div>
      <div className="field">
        <label htmlFor="tg-nama">Nama Anda (boleh dikosongkan)</label>
        <input
          id="tg-nama"
          maxLength={100}
          value={draft.submitterName}
          onChange={(e) => set({ submitterName: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="tg-kontak">Nomor telepon atau surel (boleh dikosongkan)</label>
        <input
          id="tg-kontak"
          maxLength={100}
          aria-describedby="tg-kontak-hint"
          value={draft.submitterContact}
          onChange={(e) => set({ submitterContact: e.target.value })}
        />
        <p className="hint" id="tg-kontak-hint">
          Hanya dilihat PPS, tidak ditampilkan di halaman pelacakan.
        </p>
      </div>
      {/* Left empty by people; bots fill every field. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="tg-website">Situs web</label>
        <input
          id="tg-website"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={draft.website}
          onChange={(e) => set({ website: e.target.value })}
        />
      </div>
      {error !== null && (
        <div className="alert alert-error" role="alert" data-testid="tanggapan-error">
          <p>
            {error.message} <span className="muted small">({error.code})</span>
          </p>
        </div>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Mengirim…' : 'Kirim tanggapan'}
      </button>
    </form>
  );
}

function TrackForm({ asked }: { asked: string }) {
  const [code, setCode] = useState(asked);
  return (
    <section aria-labelledby="lacak-tanggapan">
      <h2 id="lacak-tanggapan">Lacak tanggapan</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/tanggapan-dps?kode=${encodeURIComponent(code.trim())}`);
        }}
      >
        <div className="field">
          <label htmlFor="tg-lacak">Kode pelacakan</label>
          <input
            id="tg-lacak"
            placeholder="Contoh: TG-7K3M-9QXA"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Lacak
        </button>
      </form>
      {asked !== '' && <TrackingResult key={asked} code={asked} />}
    </section>
  );
}

function TrackingResult({ code }: { code: string }) {
  const status = useApi((signal) => api.trackTanggapan(code, signal), code);
  return (
    <Async state={status}>
      {(s) => (
        <div className="panel" data-testid="tanggapan-status">
          <p className="lead">
            {s.trackingCode}: <strong>{s.statusLabel}</strong>
          </p>
          {s.resolution !== null && <p>Penyelesaian: {s.resolution}</p>}
          {s.resolvedAt !== null && (
            <p className="muted small">Diselesaikan {formatWaktuWib(s.resolvedAt)}</p>
          )}
        </div>
      )}
    </Async>
  );
}
