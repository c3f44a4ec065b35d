/**
 * The roster file an admin imports to create many accounts at once: a CSV
 * with the header `username,nama,peran,wilayah` (or `;`-separated, as a
 * spreadsheet set to Indonesian writes it), one row per person-role. The same
 * username on several rows gives that person several roles; the names on
 * those rows must agree.
 *
 * Pure: checks syntax, roles and scope levels. Whether a scope exists, and
 * whether a username is already taken, is for the server to check.
 */
import { ROLE_LABEL, ROLES, type Role } from '../auth/roles.ts';
import {
  checkUsername,
  formatScope,
  FULL_NAME_MAX,
  parseScope,
  ROSTER_FIELDS,
  squeeze,
  type RosterError,
  type RosterField,
  type ScopeSpec,
} from './account.schema.ts';

export interface RosterRole {
  /** The file line this role came from. */
  readonly line: number;
  readonly role: Role;
  readonly scope: ScopeSpec;
}

export interface RosterPerson {
  readonly username: string;
  readonly fullName: string;
  /** The first line naming this person. */
  readonly line: number;
  readonly roles: RosterRole[];
}

export interface Roster {
  /** Everyone with at least one valid row, in file order. */
  readonly people: RosterPerson[];
  /** Every problem found, by line. Empty when the file is good. */
  readonly errors: RosterError[];
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: string[];
}

export type CsvParse =
  | { readonly ok: true; readonly records: CsvRecord[] }
  | { readonly ok: false; readonly records: CsvRecord[]; readonly unclosedQuoteLine: number };

/**
 * RFC 4180 records: fields separated by `separator`, records by CRLF, LF or
 * CR; a field in double quotes may hold separators, line breaks and `""` for
 * a quote. Lenient where spreadsheets are: a quote inside an unquoted field
 * is kept as it is, text after a closing quote is appended.
 */
export function parseCsv(text: string, separator: ',' | ';'): CsvParse {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i += 1;
        for (;;) {
          if (i >= n) return { ok: false, records, unclosedQuoteLine: quoteLine };
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
          value += text.charAt(i);
          i += 1;
        }
      }
      const start = i;
      while (i < n) {
        const c = text[i];
        if (c === separator || c === '\n' || c === '\r') break;
        i += 1;
      }
      value += text.slice(start, i);
      fields.push(value);
      if (i < n && text[i] === separator) {
        i += 1;
        continue;
      }
      // End of record: CRLF, LF, CR or end of text.
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < n) i += 1;
      line += 1;
      break;
    }
    records.push({ line: recordLine, fields });
  }
  return { ok: true, records };
}

/** `;` when the first line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas += 1;
    else if (!quoted && c === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

const normaliseRoleText = (text: string) =>
  text
    .toLowerCase()
    .replace(/[()]/g, ' ')
    .replace(/[\s_-]+/g, ' ')
    .trim();

const ROLE_BY_TEXT: ReadonlyMap<string, Role> = new Map(
  ROLES.flatMap((role) => {
    const label = ROLE_LABEL[role];
    return [
      [normaliseRoleText(role), role],
      [normaliseRoleText(label), role],
      // "Pengawas (Bawaslu)" → also "Pengawas".
      [normaliseRoleText(label.replace(/\(.*\)/, '')), role],
    ] as [string, Role][];
  }),
);

/** A role from its key (`ketua_desk`) or label (`Ketua Desk Pilkada`), any case; else null. */
export function roleFromText(text: string): Role | null {
  return ROLE_BY_TEXT.get(normaliseRoleText(text)) ?? null;
}

const ROLE_LIST = ROLES.map((r) => ROLE_LABEL[r]).join(', ');
const HEADER = ROSTER_FIELDS.join(',');

function rosterError(
  line: number,
  field: RosterField | null,
  code: string,
  message: string,
): RosterError {
  return { line, field, code: `roster.${code}`, message };
}

/** Reads a roster file. Every problem is reported, by line; `people` holds only valid rows. */
export function parseRoster(input: string): Roster {
  const roster = readRoster(input);
  return { ...roster, errors: [...roster.errors].sort((a, b) => a.line - b.line) };
}

function readRoster(input: string): Roster {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const errors: RosterError[] = [];
  const parsed = parseCsv(text, detectSeparator(text));
  if (!parsed.ok) {
    errors.push(
      rosterError(
        parsed.unclosedQuoteLine,
        null,
        'unclosed_quote',
        'Tanda petik (") dibuka di baris ini tetapi tidak pernah ditutup.',
      ),
    );
  }
  const records = parsed.records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records[0];
  if (header === undefined) {
    if (errors.length === 0) {
      errors.push(
        rosterError(1, null, 'empty', `Berkas kosong. Baris pertama harus berisi: ${HEADER}.`),
      );
    }
    return { people: [], errors, rows: 0 };
  }

  // Columns by name, any order; other columns (e.g. a row number) are ignored.
  const column = new Map<RosterField, number>();
  const before = errors.length;
  header.fields.forEach((raw, index) => {
    const name = squeeze(raw).toLowerCase() as RosterField;
    if (!ROSTER_FIELDS.includes(name)) return;
    if (column.has(name)) {
      errors.push(
        rosterError(header.line, name, 'duplicate_column', `Kolom "${name}" muncul dua kali.`),
      );
    } else {
      column.set(name, index);
    }
  });
  for (const field of ROSTER_FIELDS) {
    if (!column.has(field)) {
      errors.push(
        rosterError(
          header.line,
          field,
          'missing_column',
          `Kolom "${field}" tidak ada di baris judul. Baris pertama harus berisi: ${HEADER}.`,
        ),
      );
    }
  }
  if (errors.length > before) return { people: [], errors, rows: 0 };

  const rows = records.slice(1);
  if (rows.length === 0 && parsed.ok) {
    errors.push(
      rosterError(header.line, null, 'no_rows', 'Berkas hanya berisi baris judul, tanpa data.'),
    );
    return { people: [], errors, rows: 0 };
  }

  const people = new Map<string, RosterPerson & { roles: RosterRole[] }>();
  const named = new Map<string, { line: number; fullName: string }>();
  const seenRole = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (
      fields.length > header.fields.length &&
      fields.slice(header.fields.length).some((f) => f.trim() !== '')
    ) {
      errors.push(
        rosterError(
          line,
          null,
          'too_many_fields',
          `Baris ini berisi ${fields.length} kolom, padahal baris judul ${header.fields.length}. Jika sebuah nilai mengandung koma atau titik koma (mis. gelar "S.Pd."), apit nilai itu dengan tanda petik.`,
        ),
      );
      continue;
    }
    const get = (field: RosterField) => fields[column.get(field) ?? -1] ?? '';
    const rowErrors: RosterError[] = [];

    const username = checkUsername(get('username'));
    if (!username.ok)
      rowErrors.push(rosterError(line, 'username', username.error.code, username.error.message));

    const fullName = squeeze(get('nama'));
    if (fullName === '') {
      rowErrors.push(rosterError(line, 'nama', 'missing_name', 'Nama lengkap wajib diisi.'));
    } else if (fullName.length > FULL_NAME_MAX) {
      rowErrors.push(
        rosterError(
          line,
          'nama',
          'name_too_long',
          `Nama lengkap maksimal ${String(FULL_NAME_MAX)} karakter.`,
        ),
      );
    } else if (username.ok) {
      const first = named.get(username.value);
      if (first === undefined) {
        named.set(username.value, { line, fullName });
      } else if (first.fullName.toLowerCase() !== fullName.toLowerCase()) {
        rowErrors.push(
          rosterError(
            line,
            'nama',
            'name_mismatch',
            `Nama "${fullName}" berbeda dengan nama "${first.fullName}" untuk username ${username.value} di baris ${String(first.line)}. Satu username adalah satu orang.`,
          ),
        );
      }
    }

    const roleText = squeeze(get('peran'));
    const role = roleText === '' ? null : roleFromText(roleText);
    if (roleText === '') {
      rowErrors.push(
        rosterError(line, 'peran', 'missing_role', `Peran wajib diisi. Pilihan: ${ROLE_LIST}.`),
      );
    } else if (role === null) {
      rowErrors.push(
        rosterError(
          line,
          'peran',
          'unknown_role',
          `Peran "${roleText}" tidak dikenal. Pilihan: ${ROLE_LIST}.`,
        ),
      );
    }

    let scope: ScopeSpec | null = null;
    if (role !== null) {
      const parsedScope = parseScope(role, get('wilayah'));
      if (parsedScope.ok) scope = parsedScope.value;
      else
        rowErrors.push(
          rosterError(line, 'wilayah', parsedScope.error.code, parsedScope.error.message),
        );
    }

    if (username.ok && role !== null && scope !== null) {
      const key = `${username.value}\u0000${role}\u0000${formatScope(scope).toLowerCase()}`;
      const earlier = seenRole.get(key);
      if (earlier !== undefined) {
        rowErrors.push(
          rosterError(
            line,
            'username',
            'duplicate_row',
            `Baris ini sama dengan baris ${String(earlier)}: ${username.value} sudah diberi peran ${ROLE_LABEL[role]} di ${formatScope(scope)}.`,
          ),
        );
      } else {
        seenRole.set(key, line);
      }
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    if (!username.ok || role === null || scope === null) continue; // unreachable: errors above
    const person = people.get(username.value);
    if (person === undefined) {
      people.set(username.value, {
        username: username.value,
        fullName,
        line,
        roles: [{ line, role, scope }],
      });
    } else {
      person.roles.push({ line, role, scope });
    }
  }
  return { people: [...people.values()], errors, rows: rows.length };
}
