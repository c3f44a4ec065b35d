/**
 * Reads a DP4 file (CSV or XLSX) as a stream of records keyed by column,
 * without holding the file in memory. File-level problems (wrong type,
 * empty, truncated, another encoding, wrong columns, formula cells) end the
 * read with a `DomainFailure`, so an import's transaction rolls back.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { domainError, DomainFailure } from '../../domain/common/result.ts';
import { CsvRecordReader } from '../../domain/voters/csv-records.ts';
import { DP4_COLUMNS, type Dp4Column } from '../../domain/voters/dp4.ts';

export type Dp4Format = 'csv' | 'xlsx';

export type SourceRecord =
  | { readonly line: number; readonly values: Record<Dp4Column, string> }
  | { readonly line: number; readonly problem: { field: string; reason: string } };

export interface SourceProgress {
  bytes: number;
}

const fail = (code: string, message: string): never => {
  throw new DomainFailure(domainError('invalid', code, message));
};

/** The format a file's first bytes and name say it is; refuses anything else. */
export function sniffFormat(head: Buffer, fileName: string): Dp4Format {
  const lower = fileName.toLowerCase();
  if (head.length === 0) fail('voters.file_empty', 'Berkas kosong (0 bita).');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (!lower.endsWith('.xlsx')) {
      fail('voters.file_type', 'Berkas ini arsip ZIP/XLSX tetapi namanya tidak berakhiran .xlsx.');
    }
    return 'xlsx';
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    fail(
      'voters.file_type',
      'Berkas Excel lama (.xls) tidak diterima. Simpan ulang sebagai .xlsx atau CSV UTF-8.',
    );
  }
  if (lower.endsWith('.xlsx')) {
    fail('voters.file_truncated', 'Berkas .xlsx ini rusak atau terpotong (bukan arsip XLSX).');
  }
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) {
    fail('voters.file_type', 'Jenis berkas tidak diterima: unggah DP4 dalam format CSV atau XLSX.');
  }
  if (head.subarray(0, 4096).includes(0)) {
    fail(
      'voters.file_encoding',
      'Berkas bukan teks UTF-8 (mis. UTF-16 atau berkas biner). Simpan sebagai "CSV UTF-8".',
    );
  }
  return 'csv';
}

function headerColumns(cells: string[]): Dp4Column[] {
  const names = cells.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const missing = DP4_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => n !== '' && !(DP4_COLUMNS as readonly string[]).includes(n));
  const dup = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (missing.length > 0 || unknown.length > 0 || dup.length > 0) {
    const parts = [
      missing.length > 0 ? `kolom yang kurang: ${missing.join(', ')}` : '',
      unknown.length > 0 ? `kolom tak dikenal: ${unknown.join(', ')}` : '',
      dup.length > 0 ? `kolom ganda: ${dup.join(', ')}` : '',
    ].filter((p) => p !== '');
    fail(
      'voters.file_columns',
      `Kolom berkas tidak sesuai format DP4 (${parts.join('; ')}). Kolom yang diharapkan: ${DP4_COLUMNS.join(', ')}.`,
    );
  }
  return names as Dp4Column[];
}

function keyed(columns: Dp4Column[], cells: string[]): Record<Dp4Column, string> {
  const values = {} as Record<Dp4Column, string>;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (c !== undefined) values[c] = cells[i] ?? '';
  }
  return values;
}

/** Records of a CSV stream (UTF-8, comma or semicolon). */
export async function* csvRecords(
  input: AsyncIterable<Buffer>,
  progress: SourceProgress,
): AsyncGenerator<SourceRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = new CsvRecordReader();
  // Mutated by the nested generator below, hence an object (narrowing stays honest).
  const st: { columns: Dp4Column[] | null; last: { line: number; cells: string[] } | null } = {
    columns: null,
    last: null,
  };
  const decode = (chunk: Buffer | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      return fail(
        'voters.file_encoding',
        'Berkas bukan teks UTF-8 (mungkin ANSI/Windows-1252 atau UTF-16). Simpan ulang sebagai "CSV UTF-8".',
      );
    }
  };
  function* handle(records: { line: number; fields: string[] }[]): Generator<SourceRecord> {
    for (const r of records) {
      if (st.columns === null) {
        st.columns = headerColumns(r.fields);
        continue;
      }
      if (r.fields.length === 1 && r.fields[0]?.trim() === '') continue;
      if (st.last !== null) yield toRecord(st.columns, st.last);
      st.last = { line: r.line, cells: r.fields };
    }
  }
  for await (const chunk of input) {
    progress.bytes += chunk.length;
    yield* handle(reader.push(decode(chunk)));
  }
  const tail = decode(undefined);
  const more = tail === '' ? [] : reader.push(tail);
  yield* handle(more);
  const end = reader.end();
  if (end.truncated) {
    fail('voters.file_truncated', 'Berkas terpotong: berakhir di tengah kolom bertanda kutip.');
  }
  yield* handle(end.records);
  const cols = st.columns ?? fail('voters.file_empty', 'Berkas tidak berisi baris judul kolom.');
  const final =
    st.last ?? fail('voters.file_no_rows', 'Berkas hanya berisi judul kolom, tanpa data.');
  if (final.cells.length < cols.length && end.records.length > 0) {
    fail(
      'voters.file_truncated',
      `Berkas terpotong: baris terakhir (${String(final.line)}) hanya ${String(final.cells.length)} kolom dan tidak diakhiri ganti baris.`,
    );
  }
  yield toRecord(cols, final);
}

function toRecord(columns: Dp4Column[], r: { line: number; cells: string[] }): SourceRecord {
  if (r.cells.length !== columns.length) {
    return {
      line: r.line,
      problem: {
        field: '-',
        reason: `Baris berisi ${String(r.cells.length)} kolom, seharusnya ${String(columns.length)}.`,
      },
    };
  }
  return { line: r.line, values: keyed(columns, r.cells) };
}

const TEXT_ONLY: ReadonlySet<string> = new Set(['nik', 'nkk']);

function cellText(
  v: unknown,
  column: Dp4Column | undefined,
  line: number,
  col: number,
): string | { field: string; reason: string } {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (column !== undefined && TEXT_ONLY.has(column)) {
      return {
        field: column,
        reason: `${column.toUpperCase()} tersimpan sebagai angka (Excel membulatkan angka 16 digit); simpan kolom ini sebagai teks.`,
      };
    }
    return String(v);
  }
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    return fail(
      'voters.file_formula',
      `Sel berisi rumus (baris ${String(line)}, kolom ${String(col)}). DP4 harus berisi nilai, bukan rumus: salin lalu tempel sebagai nilai.`,
    );
  }
  if (typeof v === 'object' && 'richText' in v && Array.isArray(v.richText)) {
    return (v.richText as { text?: unknown }[])
      .map((t) => (typeof t.text === 'string' ? t.text : ''))
      .join('');
  }
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text;
  return typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** Records of the first worksheet of an XLSX stream; formula cells refuse the file. */
export async function* xlsxRecords(
  input: AsyncIterable<Buffer>,
  progress: SourceProgress,
): AsyncGenerator<SourceRecord> {
  const counted = Readable.from(
    (async function* () {
      for await (const chunk of input) {
        progress.bytes += chunk.length;
        yield chunk;
      }
    })(),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let columns: Dp4Column[] | null = null;
  let rows = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const raw = (row.values as unknown[]).slice(1);
        if (columns === null) {
          columns = headerColumns(
            raw.map((v, i) => {
              const t = cellText(v, undefined, row.number, i + 1);
              return typeof t === 'string' ? t : '';
            }),
          );
          continue;
        }
        const cells: string[] = [];
        let problem: { field: string; reason: string } | null = null;
        for (let i = 0; i < columns.length; i++) {
          const t = cellText(raw[i], columns[i], row.number, i + 1);
          if (typeof t === 'string') cells.push(t);
          else {
            problem ??= t;
            cells.push('');
          }
        }
        if (cells.every((c) => c.trim() === '') && problem === null) continue;
        for (let i = columns.length; i < raw.length; i++) {
          if (raw[i] !== null && raw[i] !== undefined && raw[i] !== '') {
            problem ??= {
              field: '-',
              reason: `Baris berisi nilai di luar ${String(columns.length)} kolom DP4.`,
            };
          }
        }
        rows++;
        yield problem === null
          ? { line: row.number, values: keyed(columns, cells) }
          : { line: row.number, problem };
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof DomainFailure) throw e;
    fail(
      'voters.file_truncated',
      'Berkas XLSX rusak atau terpotong dan tidak dapat dibaca. Periksa berkas lalu unggah ulang.',
    );
  }
  if (columns === null) fail('voters.file_empty', 'Lembar kerja pertama kosong.');
  if (rows === 0) fail('voters.file_no_rows', 'Berkas hanya berisi judul kolom, tanpa data.');
}
