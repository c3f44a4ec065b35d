/**
 * News and outreach (sosialisasi): the editorial workflow, slugs and
 * excerpts. Pure: no I/O.
 *
 * Workflow: draf → diajukan (a writer submits it for review) → terbit (a
 * reviewer publishes it). A reviewer may send a submitted item back to draf
 * with a note (`kembalikan`), and may withdraw a published one the same way
 * (it disappears from the public pages at once). Only a draf may be edited.
 *
 * Who: writers (`news.write`) are the desk's staff (Korwil, pembina
 * kecamatan) and the KPU operator; reviewers/publishers (`news.publish`) are
 * the desk's leadership (ketua, sekretaris) and the admin — see roles.ts.
 */
import { domainError, err, ok, type Result } from '../common/result.ts';

export const NEWS_STATUSES = ['draf', 'diajukan', 'terbit'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

export const NEWS_STATUS_LABEL: Record<NewsStatus, string> = {
  draf: 'Draf',
  diajukan: 'Diajukan',
  terbit: 'Terbit',
};

export const NEWS_ACTIONS = ['ajukan', 'terbitkan', 'kembalikan'] as const;
export type NewsAction = (typeof NEWS_ACTIONS)[number];

export const NEWS_ACTION_LABEL: Record<NewsAction, string> = {
  ajukan: 'Ajukan untuk ditinjau',
  terbitkan: 'Terbitkan',
  kembalikan: 'Kembalikan ke draf',
};

/** Which permission each action needs. */
export const ACTION_PERMISSION: Record<NewsAction, 'news.write' | 'news.publish'> = {
  ajukan: 'news.write',
  terbitkan: 'news.publish',
  kembalikan: 'news.publish',
};

/** The allowed moves: action → (from → to). */
export const NEWS_TRANSITIONS: Record<NewsAction, Partial<Record<NewsStatus, NewsStatus>>> = {
  ajukan: { draf: 'diajukan' },
  terbitkan: { diajukan: 'terbit' },
  kembalikan: { diajukan: 'draf', terbit: 'draf' },
};

export interface NewsMove {
  readonly from: NewsStatus;
  readonly to: NewsStatus;
  readonly note: string | null;
}

/** One step of the workflow; `kembalikan` needs the reviewer's note. */
export function newsTransition(
  from: NewsStatus,
  action: NewsAction,
  note?: string | null,
): Result<NewsMove> {
  const to = NEWS_TRANSITIONS[action][from];
  if (to === undefined) {
    return err(
      domainError(
        'conflict',
        'news.transition_not_allowed',
        `Berita berstatus ${NEWS_STATUS_LABEL[from].toLowerCase()} tidak dapat di-${action}.`,
        'action',
      ),
    );
  }
  const trimmed = note?.trim() ?? '';
  if (action === 'kembalikan' && trimmed === '') {
    return err(
      domainError(
        'invalid',
        'news.note_required',
        'Tuliskan catatan peninjau: apa yang perlu diperbaiki.',
        'note',
      ),
    );
  }
  return ok({ from, to, note: trimmed === '' ? null : trimmed });
}

/** The actions a person holding these permissions may take on an item in `status`. */
export function availableActions(
  status: NewsStatus,
  permissions: { write: boolean; publish: boolean },
): NewsAction[] {
  return NEWS_ACTIONS.filter((a) => {
    if (NEWS_TRANSITIONS[a][status] === undefined) return false;
    return ACTION_PERMISSION[a] === 'news.write' ? permissions.write : permissions.publish;
  });
}

// ---------------------------------------------------------------- slugs

export const SLUG_MAX = 80;
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL slug from a title: lower case ASCII words joined by '-', at most 80 characters. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  let slug = '';
  for (const w of words) {
    const next = slug === '' ? w : `${slug}-${w}`;
    if (next.length > SLUG_MAX) {
      if (slug === '') slug = w.slice(0, SLUG_MAX);
      break;
    }
    slug = next;
  }
  return slug === '' ? 'berita' : slug;
}

/** Whether a string is a slug this module could have made (the public address is checked with it). */
export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX + 6 && SLUG_RE.test(value);
}

/** `base`, or `base-2`, `base-3`, … : the first not in `taken`. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${String(n)}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------- text

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

/** The plain text of (already sanitised) HTML: tags dropped, a few entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<\/(p|li|h2|h3|blockquote)>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#39|[a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

export const EXCERPT_MAX = 200;

/** The first words of the body, cut at a word boundary, with '…' when cut. */
export function excerptOf(html: string, max: number = EXCERPT_MAX): string {
  const text = plainText(html);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/**
 * Plain text typed without any tag becomes paragraphs (a blank line between
 * them); anything with a tag is taken as HTML (sanitised afterwards).
 */
export function paragraphsFromText(body: string): string {
  if (/<[a-z!/]/i.test(body)) return body;
  const escape = (s: string) =>
    s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escape(p).replace(/\r?\n/g, '<br />')}</p>`)
    .join('\n');
}
