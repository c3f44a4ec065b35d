import { useId, useState, type SubmitEvent } from 'react';
import { formatTanggal } from '../../domain/common/format.ts';
import {
  CONTEST_KIND_LABEL,
  CONTEST_KINDS,
  KOLOM_KOSONG_LABEL,
  type ContestKind,
} from '../../domain/contests/contest.rules.ts';
import { api, type ContestData } from '../api.ts';
import {
  Async,
  BusyButton,
  ConfirmDialog,
  Field,
  FormStatus,
  parseWhole,
  useForm,
} from '../components.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

type Pair = ContestData['pairs'][number];

export function PemilihanPage() {
  useTitle('Pemilihan');
  const contests = useApi((signal) => api.contests(signal));
  const settings = useApi((signal) => api.settings(signal));
  const manage = can(useMe(), 'contest.manage');
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const changed = (message: string) => {
    setNotice(message);
    contests.reload();
  };

  return (
    <>
      <h1>Pemilihan dan pasangan calon</h1>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <Async state={contests}>
        {(list) => (
          <>
            {list.length === 0 && (
              <p>Belum ada pemilihan.{manage && ' Tambahkan lewat formulir di bawah.'}</p>
            )}
            {list.map((c) => (
              <ContestCard key={c.id} contest={c} manage={manage} onChanged={changed} />
            ))}
            {manage && (
              <AddContestForm
                regencyCode={settings.data?.regencyCode ?? null}
                votingDay={list[0]?.votingDay ?? ''}
                onAdded={(c) => changed(`${c.name} ditambahkan.`)}
              />
            )}
          </>
        )}
      </Async>
    </>
  );
}

function pairNames(pair: Pair): string {
  if (pair.isKolomKosong) return KOLOM_KOSONG_LABEL;
  return pair.deputyName === null ? pair.headName : `${pair.headName} – ${pair.deputyName}`;
}

function ContestCard({
  contest,
  manage,
  onChanged,
}: {
  contest: ContestData;
  manage: boolean;
  onChanged: (message: string) => void;
}) {
  const headingId = useId();
  const [removing, setRemoving] = useState<Pair | null>(null);
  const pairs = [...contest.pairs].sort(
    (a, b) =>
      Number(a.isKolomKosong) - Number(b.isKolomKosong) ||
      (a.ballotNumber ?? 0) - (b.ballotNumber ?? 0),
  );
  const used = contest.pairs.flatMap((p) => (p.ballotNumber === null ? [] : [p.ballotNumber]));
  let nextNumber = 1;
  while (used.includes(nextNumber)) nextNumber += 1;

  return (
    <section className="card contest" aria-labelledby={headingId}>
      <h2 id={headingId}>{contest.name}</h2>
      <p className="muted">
        {CONTEST_KIND_LABEL[contest.kind]} · {contest.regionName ?? contest.regionCode} · pemungutan
        suara {formatTanggal(contest.votingDay)}
      </p>
      {pairs.length === 0 ? (
        <p className="muted">Belum ada pasangan calon.</p>
      ) : (
        <ol className="pairs" aria-label={`Pasangan calon ${contest.name}`}>
          {pairs.map((p) => (
            <li key={p.id} className={p.isKolomKosong ? 'pair pair-kosong' : 'pair'}>
              <span className="ballot" aria-hidden="true">
                {p.ballotNumber ?? '–'}
              </span>
              <span className="pair-names">
                {p.ballotNumber !== null && (
                  <span className="visually-hidden">Nomor urut {p.ballotNumber}: </span>
                )}
                {pairNames(p)}
              </span>
              {manage && !p.isKolomKosong && (
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-label={`Hapus pasangan nomor urut ${String(p.ballotNumber ?? '')}`}
                  onClick={() => setRemoving(p)}
                >
                  Hapus
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {pairs.length === 1 && pairs[0]?.isKolomKosong === false && (
        <p className="hint">Satu pasangan calon melawan kolom kosong.</p>
      )}
      {manage && (
        <details className="details">
          <summary>Tambah pasangan calon</summary>
          <AddPairForm
            key={nextNumber}
            contest={contest}
            suggested={nextNumber}
            onAdded={(message) => onChanged(message)}
          />
        </details>
      )}
      {removing !== null && (
        <RemovePairDialog
          pair={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setRemoving(null);
            onChanged(`Pasangan calon nomor urut ${String(removing.ballotNumber ?? '')} dihapus.`);
          }}
        />
      )}
    </section>
  );
}

function AddPairForm({
  contest,
  suggested,
  onAdded,
}: {
  contest: ContestData;
  suggested: number;
  onAdded: (message: string) => void;
}) {
  const form = useForm(['ballotNumber', 'headName', 'deputyName'] as const);
  const [ballotNumber, setBallotNumber] = useState(String(suggested));
  const [headName, setHeadName] = useState('');
  const [deputyName, setDeputyName] = useState('');

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const number = parseWhole(ballotNumber);
    if (number === undefined) {
      form.fail('ballotNumber', 'Nomor urut wajib diisi dengan angka.');
      return;
    }
    if (headName.trim().length < 2) {
      form.fail('headName', 'Nama calon minimal 2 huruf.');
      return;
    }
    if (deputyName.trim().length < 2) {
      form.fail('deputyName', 'Nama calon wakil minimal 2 huruf.');
      return;
    }
    const added = await form.submit(
      () =>
        api.addPair(contest.id, {
          ballotNumber: number,
          headName: headName.trim(),
          deputyName: deputyName.trim(),
        }),
      () => undefined,
    );
    if (added) {
      setHeadName('');
      setDeputyName('');
      onAdded(`Pasangan calon nomor urut ${String(number)} ditambahkan ke ${contest.name}.`);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="form-grid">
        <Field
          id={form.idOf('ballotNumber')}
          label="Nomor urut"
          error={form.errorOf('ballotNumber')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              inputMode="numeric"
              value={ballotNumber}
              onChange={(e) => setBallotNumber(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('headName')}
          label="Nama calon kepala daerah"
          error={form.errorOf('headName')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={headName}
              onChange={(e) => setHeadName(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('deputyName')}
          label="Nama calon wakil"
          error={form.errorOf('deputyName')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={deputyName}
              onChange={(e) => setDeputyName(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tambah pasangan
      </BusyButton>
    </form>
  );
}

function RemovePairDialog({
  pair,
  onClose,
  onRemoved,
}: {
  pair: Pair;
  onClose: () => void;
  onRemoved: () => void;
}) {
  return (
    <ConfirmDialog
      title="Hapus pasangan calon?"
      confirmLabel="Hapus"
      busyLabel="Menghapus…"
      action={() => api.deletePair(pair.id)}
      onDone={onRemoved}
      onClose={onClose}
    >
      <p>
        Nomor urut {pair.ballotNumber ?? '–'}: <strong>{pairNames(pair)}</strong> akan dihapus dari
        pemilihan ini.
      </p>
    </ConfirmDialog>
  );
}

function regionCodeFor(kind: ContestKind, regencyCode: string | null): string {
  if (regencyCode === null) return '';
  return kind === 'gubernur' ? (regencyCode.split('.')[0] ?? regencyCode) : regencyCode;
}

function AddContestForm({
  regencyCode,
  votingDay,
  onAdded,
}: {
  regencyCode: string | null;
  votingDay: string;
  onAdded: (contest: ContestData) => void;
}) {
  const form = useForm(['kind', 'name', 'regionCode', 'votingDay'] as const);
  const [kind, setKind] = useState<ContestKind>('bupati');
  const [name, setName] = useState('');
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [day, setDay] = useState<string | undefined>(undefined);
  // Until the user types their own, follow the installation's regency and the known voting day.
  const shownRegion = regionCode ?? regionCodeFor(kind, regencyCode);
  const shownDay = day ?? votingDay;

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (name.trim().length < 3) {
      form.fail('name', 'Nama pemilihan minimal 3 huruf.');
      return;
    }
    if (shownRegion.trim() === '') {
      form.fail('regionCode', 'Kode wilayah wajib diisi, mis. 35.13.');
      return;
    }
    if (shownDay === '') {
      form.fail('votingDay', 'Tanggal pemungutan suara wajib diisi.');
      return;
    }
    const added = await form.submit(
      () =>
        api.createContest({
          kind,
          name: name.trim(),
          regionCode: shownRegion.trim(),
          votingDay: shownDay,
        }),
      (c) => {
        onAdded(c);
        return undefined;
      },
    );
    if (added) {
      setName('');
      setRegionCode(undefined);
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="pemilihan-baru"
    >
      <h2 id="pemilihan-baru">Tambah pemilihan</h2>
      <div className="form-grid">
        <Field id={form.idOf('kind')} label="Jenis pemilihan" error={form.errorOf('kind')}>
          {(a11y) => (
            <select
              {...a11y}
              value={kind}
              onChange={(e) => {
                const next = CONTEST_KINDS.find((k) => k === e.target.value);
                if (next !== undefined) setKind(next);
              }}
            >
              {CONTEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CONTEST_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={form.idOf('name')}
          label="Nama pemilihan"
          error={form.errorOf('name')}
          hint="Mis. Pilbup Probolinggo 2024."
        >
          {(a11y) => (
            <input {...a11y} type="text" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          id={form.idOf('regionCode')}
          label="Kode wilayah"
          error={form.errorOf('regionCode')}
          hint="Provinsi untuk Pilgub (35), kabupaten/kota untuk Pilbup (35.13)."
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              inputMode="decimal"
              value={shownRegion}
              onChange={(e) => setRegionCode(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('votingDay')}
          label="Tanggal pemungutan suara"
          error={form.errorOf('votingDay')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="date"
              value={shownDay}
              onChange={(e) => setDay(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tambah pemilihan
      </BusyButton>
    </form>
  );
}
