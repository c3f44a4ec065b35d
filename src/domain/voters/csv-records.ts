/**
 * An incremental CSV reader: feed text chunks, get whole records with the
 * line they start on. Quoted fields may hold the delimiter, quotes ("") and
 * line breaks. The delimiter (comma or semicolon, as Indonesian spreadsheets
 * save) is decided from the first line.
 */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export class CsvRecordReader {
  private delimiter: string | null = null;
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** A quote just closed inside a quoted field (the next char decides: "" or end). */
  private quoteClosed = false;
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;
  private started = false;
  private head = '';

  /** Feeds a chunk; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    let text = chunk;
    if (this.delimiter === null) {
      this.head += text;
      const nl = this.head.search(/[\r\n]/);
      if (nl < 0 && this.head.length < 65_536) return [];
      const first = nl < 0 ? this.head : this.head.slice(0, nl);
      this.delimiter = count(first, ';') > count(first, ',') ? ';' : ',';
      text = this.head;
      this.head = '';
    }
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === '\n') continue;
      }
      if (!this.started && c === '\uFEFF' && this.line === 1) continue;
      this.started = true;
      if (this.inQuotes) {
        if (this.quoteClosed) {
          this.quoteClosed = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
          // fall through: c is handled as outside quotes
        } else if (c === '"') {
          this.quoteClosed = true;
          continue;
        } else {
          if (c === '\n' || c === '\r') {
            this.line++;
            if (c === '\r') this.pendingCr = true;
          }
          this.field += c;
          continue;
        }
      }
      if (c === '"' && this.field === '') {
        this.inQuotes = true;
      } else if (c === d) {
        this.fields.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') this.pendingCr = true;
        this.fields.push(this.field);
        out.push({ line: this.recordLine, fields: this.fields });
        this.fields = [];
        this.field = '';
        this.line++;
        this.recordLine = this.line;
      } else {
        this.field += c;
      }
    }
    return out;
  }

  /**
   * Ends the input. Returns the last record (without a final line break), or
   * `truncated` when the file ends inside a quoted field.
   */
  end(): { records: CsvRecord[]; truncated: boolean } {
    const rest = this.delimiter === null && this.head !== '' ? this.push('\n') : [];
    if (this.inQuotes && !this.quoteClosed) return { records: rest, truncated: true };
    if (this.field !== '' || this.fields.length > 0 || this.quoteClosed) {
      this.fields.push(this.field);
      rest.push({ line: this.recordLine, fields: this.fields });
      this.fields = [];
      this.field = '';
      this.inQuotes = false;
      this.quoteClosed = false;
    }
    return { records: rest, truncated: false };
  }
}

function count(s: string, c: string): number {
  let n = 0;
  for (const x of s) if (x === c) n++;
  return n;
}
