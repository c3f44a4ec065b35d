import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal } from '../../domain/common/format.ts';
import type { AccountImportData } from '../api.ts';

type ImportedAccount = AccountImportData['accounts'][number];

interface Sheet {
  key: string;
  title: string;
  accounts: ImportedAccount[];
}

/** One sheet per kecamatan (accounts above kecamatan level on their own sheet, last). */
function sheetsOf(accounts: readonly ImportedAccount[]): Sheet[] {
  const byKey = new Map<string, Sheet>();
  for (const a of accounts) {
    const key = a.kecamatanCode ?? '';
    let sheet = byKey.get(key);
    if (sheet === undefined) {
      sheet = {
        key,
        title:
          a.kecamatanCode === null
            ? 'Tingkat kabupaten dan Korwil'
            : `Kecamatan ${a.kecamatanName ?? a.kecamatanCode}`,
        accounts: [],
      };
      byKey.set(key, sheet);
    }
    sheet.accounts.push(a);
  }
  return [...byKey.values()].sort((a, b) =>
    a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key),
  );
}

/**
 * The printable hand-over sheets after an import: per kecamatan, the new
 * accounts with their one-time passwords and a column to sign on receipt.
 * Printing shows only these sheets, one kecamatan per page (styles.css).
 */
export function PrintSheets({
  result,
  regencyName,
  onClose,
}: {
  result: AccountImportData;
  regencyName: string | null;
  onClose: () => void;
}) {
  const date = formatTanggal(todayWib());
  const sheets = sheetsOf(result.accounts);
  return (
    <section className="print-area" aria-labelledby="lembar-sandi">
      <div className="no-print">
        <h2 id="lembar-sandi">Lembar kata sandi sementara</h2>
        <p>
          {sheets.length} lembar, satu per kecamatan. Kata sandi sementara hanya ditampilkan sekali:
          cetak sekarang, serahkan kepada pemilik akun, lalu musnahkan lembarnya setelah
          ditandatangani.
        </p>
        <div className="dialog-actions print-actions">
          <button type="button" className="button button-primary" onClick={() => window.print()}>
            Cetak
          </button>
          <button type="button" className="button" onClick={onClose}>
            Tutup lembar
          </button>
        </div>
      </div>
      {sheets.map((sheet) => (
        <article
          key={sheet.key}
          className="sheet"
          aria-labelledby={`lembar-${sheet.key}`}
          data-testid="print-sheet"
        >
          <header className="sheet-head">
            <p className="sheet-org">
              Desk Pilkada{regencyName === null ? '' : ` · ${regencyName}`}
            </p>
            <h3 id={`lembar-${sheet.key}`}>{sheet.title}</h3>
            <p className="sheet-date">Akun baru, dicetak {date}</p>
          </header>
          <table className="table sheet-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  No.
                </th>
                <th scope="col">Nama</th>
                <th scope="col">Nama pengguna</th>
                <th scope="col">Peran</th>
                <th scope="col">Wilayah</th>
                <th scope="col">Kata sandi sementara</th>
                <th scope="col" className="signature">
                  Tanda tangan penerima
                </th>
              </tr>
            </thead>
            <tbody>
              {sheet.accounts.map((a, i) => (
                <tr key={a.username}>
                  <td className="num">{i + 1}</td>
                  <td>{a.fullName}</td>
                  <td className="code">{a.username}</td>
                  <td>{a.roleLabel}</td>
                  <td>{a.scopeName}</td>
                  <td className="code otp-cell">{a.oneTimePassword ?? '–'}</td>
                  <td className="signature" />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sheet-note small">
            Masuk di alamat Desk Pilkada dengan nama pengguna dan kata sandi sementara di atas;
            sistem meminta kata sandi baru saat pertama masuk. Jangan berikan kata sandi kepada
            siapa pun.
          </p>
        </article>
      ))}
    </section>
  );
}
