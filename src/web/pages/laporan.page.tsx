/**
 * The desk's situation reports: every generated report with its number and
 * a download; a new one on demand (daily for a day, weekly for the week
 * ending on it); the hour of the automatic reports (desk leadership).
 */
import { useState } from 'react';
import { todayWib } from '../../domain/common/dates.ts';
import { formatAngka, formatTanggal } from '../../domain/common/format.ts';
import { api, downloads, type ReportItemData, type ReportScheduleData } from '../api.ts';
import { Async, BusyButton, Field, Forbidden, FormStatus, useForm } from '../components.tsx';
import { formatWaktuWib } from '../labels.ts';
import { Link } from '../router.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

const KIND_LABEL = { harian: 'Harian', mingguan: 'Mingguan' } as const;
const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

function GenerateForm({ onMade }: { onMade: () => void }) {
  const form = useForm(['kind', 'date'] as const);
  const [kind, setKind] = useState<'harian' | 'mingguan'>('harian');
  const [date, setDate] = useState(todayWib());
  return (
    <form
      className="panel"
      aria-labelledby="judul-buat"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          () => api.generateReport(kind, date),
          (r) => {
            onMade();
            return `Laporan ${r.number} dibuat.`;
          },
        );
      }}
    >
      <h2 id="judul-buat">Buat laporan</h2>
      <Field id={form.idOf('kind')} label="Jenis laporan" error={form.errorOf('kind')}>
        {(a11y) => (
          <select
            {...a11y}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value === 'mingguan' ? 'mingguan' : 'harian');
            }}
          >
            <option value="harian">Harian</option>
            <option value="mingguan">Mingguan (tujuh hari sampai tanggal ini)</option>
          </select>
        )}
      </Field>
      <Field id={form.idOf('date')} label="Tanggal" error={form.errorOf('date')}>
        {(a11y) => (
          <input
            {...a11y}
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
            }}
          />
        )}
      </Field>
      <BusyButton busy={form.busy} busyLabel="Membuat laporan…">
        Buat laporan
      </BusyButton>
      <FormStatus form={form} />
    </form>
  );
}

function ScheduleForm({ schedule }: { schedule: ReportScheduleData }) {
  const form = useForm(['hour', 'weeklyDay', 'enabled'] as const);
  const [value, setValue] = useState(schedule);
  return (
    <form
      className="panel"
      aria-labelledby="judul-jadwal"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          () => api.saveReportSchedule(value),
          () => 'Jadwal laporan disimpan.',
        );
      }}
    >
      <h2 id="judul-jadwal">Jadwal laporan otomatis</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => {
            setValue({ ...value, enabled: e.target.checked });
          }}
        />{' '}
        Buat laporan secara otomatis
      </label>
      <Field id={form.idOf('hour')} label="Jam laporan harian (WIB)" error={form.errorOf('hour')}>
        {(a11y) => (
          <select
            {...a11y}
            value={value.hour}
            onChange={(e) => {
              setValue({ ...value, hour: Number(e.target.value) });
            }}
          >
            {Array.from({ length: 24 }, (_x, h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}.00
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={form.idOf('weeklyDay')}
        label="Hari laporan mingguan"
        error={form.errorOf('weeklyDay')}
      >
        {(a11y) => (
          <select
            {...a11y}
            value={value.weeklyDay}
            onChange={(e) => {
              setValue({ ...value, weeklyDay: Number(e.target.value) });
            }}
          >
            {WEEKDAYS.map((d, i) => (
              <option key={d} value={i + 1}>
                {d}
              </option>
            ))}
          </select>
        )}
      </Field>
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Simpan jadwal
      </BusyButton>
      <FormStatus form={form} />
    </form>
  );
}

/**
 * Which data a stored report was made from, and, when data have been written
 * since, says so plainly; for today's period, a button makes a new edition.
 */
function Freshness({ report, onMade }: { report: ReportItemData; onMade: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = report.periodDate === todayWib();
  return (
    <>
      {report.data !== null && (
        <div className="muted small">
          dari data s.d. catatan audit #{String(report.data.lastId)}
        </div>
      )}
      {report.outdated && (
        <div className="small" data-testid={`report-outdated-${String(report.id)}`}>
          Data sudah berubah sejak laporan ini dibuat; ini terbitan tersimpan nomor {report.number}.{' '}
          {current && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                setError(null);
                void api.generateReport(report.kind, report.periodDate).then((r) => {
                  setBusy(false);
                  if (r.ok) onMade();
                  else setError(r.error.message);
                });
              }}
            >
              {busy ? 'Membuat laporan…' : 'Buat laporan baru'}
            </button>
          )}
          {error !== null && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </>
  );
}

export function LaporanPage() {
  useTitle('Laporan Desk Pilkada');
  const me = useMe();
  const list = useApi((signal) => api.reports(signal));
  const schedule = useApi((signal) => api.reportSchedule(signal));
  if (!can(me, 'dashboard.read'))
    return (
      <>
        <h1>Laporan Desk Pilkada</h1>
        <Forbidden message="Laporan untuk Bupati dan pimpinan Desk Pilkada." />
      </>
    );
  return (
    <>
      <h1>Laporan Desk Pilkada</h1>
      <p className="lead">
        Laporan harian dan mingguan: isi dasbor dengan grafik, bernomor, siap dicetak dan
        ditandatangani. <Link to="/dasbor">Kembali ke dasbor</Link>
      </p>
      <Async state={schedule}>
        {(s) => (
          <p>
            {s.enabled
              ? `Laporan harian dibuat otomatis setiap hari pukul ${String(s.hour).padStart(2, '0')}.00 WIB; laporan mingguan setiap ${WEEKDAYS[s.weeklyDay - 1] ?? ''}.`
              : 'Laporan otomatis tidak aktif.'}
          </p>
        )}
      </Async>
      <Async state={list}>
        {(reports) =>
          reports.length === 0 ? (
            <p>Belum ada laporan yang dibuat.</p>
          ) : (
            <table className="table" data-testid="report-list">
              <caption>Laporan yang telah dibuat</caption>
              <thead>
                <tr>
                  <th scope="col">Nomor</th>
                  <th scope="col">Jenis</th>
                  <th scope="col">Periode</th>
                  <th scope="col">Dibuat</th>
                  <th scope="col">Berkas</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.number}</th>
                    <td>{KIND_LABEL[r.kind]}</td>
                    <td>
                      {formatTanggal(r.periodDate)}
                      {r.hasData ? '' : ' (tidak ada data)'}
                    </td>
                    <td>
                      {formatWaktuWib(r.generatedAt)} WIB,{' '}
                      {r.trigger === 'jadwal' ? 'otomatis' : (r.generatedBy ?? 'permintaan')}
                      <Freshness report={r} onMade={list.reload} />
                    </td>
                    <td>
                      <a href={downloads.storedReport(r.id)} download>
                        PDF ({formatAngka(Math.ceil(r.bytes / 1024))} KB)
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      <GenerateForm onMade={list.reload} />
      {can(me, 'report.configure') && (
        <Async state={schedule}>{(s) => <ScheduleForm schedule={s} />}</Async>
      )}
    </>
  );
}
