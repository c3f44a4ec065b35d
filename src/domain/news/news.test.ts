import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  excerptOf,
  isSlug,
  NEWS_ACTIONS,
  NEWS_STATUSES,
  newsTransition,
  paragraphsFromText,
  plainText,
  slugify,
  SLUG_MAX,
  uniqueSlug,
  type NewsAction,
  type NewsStatus,
} from './news.ts';
import { sanitizeNewsHtml } from './news-html.ts';

describe('news workflow', () => {
  const allowed: Record<NewsAction, Partial<Record<NewsStatus, NewsStatus>>> = {
    ajukan: { draf: 'diajukan' },
    terbitkan: { diajukan: 'terbit' },
    kembalikan: { diajukan: 'draf', terbit: 'draf' },
  };
  for (const action of NEWS_ACTIONS) {
    for (const from of NEWS_STATUSES) {
      const to = allowed[action][from];
      it(`${action} from ${from}: ${to ?? 'refused'}`, () => {
        const r = newsTransition(from, action, 'catatan');
        if (to === undefined) {
          expect(r).toMatchObject({
            ok: false,
            error: { kind: 'conflict', code: 'news.transition_not_allowed' },
          });
        } else expect(r).toEqual({ ok: true, value: { from, to, note: 'catatan' } });
      });
    }
  }
  it('needs a note to send an item back, and keeps none when blank', () => {
    expect(newsTransition('diajukan', 'kembalikan', '  ')).toMatchObject({
      ok: false,
      error: { kind: 'invalid', code: 'news.note_required', field: 'note' },
    });
    expect(newsTransition('draf', 'ajukan', '  ')).toEqual({
      ok: true,
      value: { from: 'draf', to: 'diajukan', note: null },
    });
  });
  it('offers writers and reviewers their own actions only', () => {
    expect(availableActions('draf', { write: true, publish: false })).toEqual(['ajukan']);
    expect(availableActions('diajukan', { write: true, publish: false })).toEqual([]);
    expect(availableActions('diajukan', { write: true, publish: true })).toEqual([
      'terbitkan',
      'kembalikan',
    ]);
    expect(availableActions('terbit', { write: false, publish: true })).toEqual(['kembalikan']);
  });
});

describe('slugs', () => {
  it('makes readable ASCII addresses from Indonesian titles', () => {
    expect(slugify('Sukseskan Coklit PILKADA Tahun 2024.')).toBe(
      'sukseskan-coklit-pilkada-tahun-2024',
    );
    expect(slugify('BIMTEK Dan Orientasi Tugas Badan Adhoc PPS — Gelombang II')).toBe(
      'bimtek-dan-orientasi-tugas-badan-adhoc-pps-gelombang-ii',
    );
    expect(slugify('Café “Démo” & Rapat')).toBe('cafe-demo-rapat');
    expect(slugify('!!!')).toBe('berita');
  });
  it('always gives a valid slug of at most 80 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (title) => {
        const s = slugify(title);
        expect(s.length).toBeLessThanOrEqual(SLUG_MAX);
        expect(isSlug(s)).toBe(true);
      }),
    );
  });
  it('numbers a slug already taken', () => {
    expect(uniqueSlug('rapat', new Set())).toBe('rapat');
    expect(uniqueSlug('rapat', new Set(['rapat', 'rapat-2']))).toBe('rapat-3');
  });
  it('refuses addresses that are not slugs', () => {
    for (const bad of ['', 'A', 'a--b', '-a', 'a/b', '<script>', 'a'.repeat(90)])
      expect(isSlug(bad)).toBe(false);
  });
});

describe('excerpts and plain text', () => {
  it('cuts at a word with an ellipsis', () => {
    const html = `<p>${'kata '.repeat(60)}</p>`;
    const e = excerptOf(html, 50);
    expect(e.endsWith('kata…')).toBe(true);
    expect(e.length).toBeLessThanOrEqual(51);
    expect(excerptOf('<p>Pendek.</p>')).toBe('Pendek.');
  });
  it('reads entities and separates paragraphs', () => {
    expect(plainText('<p>A &amp; B</p><p>&quot;C&quot;</p>')).toBe('A & B "C"');
  });
  it('turns plain text into paragraphs, escaping it', () => {
    expect(paragraphsFromText('Satu\nbaris\n\nDua 1 < 2')).toBe(
      '<p>Satu<br />baris</p>\n<p>Dua 1 &lt; 2</p>',
    );
    expect(paragraphsFromText('<p>Sudah HTML</p>')).toBe('<p>Sudah HTML</p>');
  });
});

describe('the news HTML policy', () => {
  it('drops scripts with their text, event handlers and styles', () => {
    expect(
      sanitizeNewsHtml('<p onclick="x()" style="color:red">A</p><script>alert(1)</script>'),
    ).toBe('<p>A</p>');
    expect(sanitizeNewsHtml('<svg><script>alert(1)</script></svg><p>B</p>')).toBe('<p>B</p>');
    expect(sanitizeNewsHtml('<img src=x onerror=alert(1)><p>C</p>')).toBe('<p>C</p>');
    expect(sanitizeNewsHtml('<iframe src="//x"></iframe><p>D</p>')).toBe('<p>D</p>');
  });
  it('keeps only http(s) and mailto links, which open safely', () => {
    expect(sanitizeNewsHtml('<a href="javascript:alert(1)">x</a>')).toBe(
      '<a rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
    expect(sanitizeNewsHtml('<a href="JaVaScRiPt:alert(1)">x</a>')).not.toContain('href');
    expect(sanitizeNewsHtml('<a href="data:text/html,hi">x</a>')).not.toContain('href');
    expect(sanitizeNewsHtml('<a href="//evil.example">x</a>')).not.toContain('href');
    expect(
      sanitizeNewsHtml('<a href="https://kpu.go.id" target="_self" rel="opener">KPU</a>'),
    ).toBe(
      '<a href="https://kpu.go.id" target="_blank" rel="noopener noreferrer nofollow">KPU</a>',
    );
  });
  it('keeps the allowed formatting', () => {
    const ok =
      '<h2>Judul</h2><p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul><blockquote>d</blockquote>';
    expect(sanitizeNewsHtml(ok)).toBe(ok);
  });
  it('never lets a dangerous tag, a handler or a javascript: address through (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('script', 'img', 'svg', 'iframe', 'p', 'a', 'div'),
        (text, tag) => {
          const out = sanitizeNewsHtml(
            `<${tag} onload="${text}" src="javascript:${text}">${text}</${tag}>`,
          );
          expect(out).not.toMatch(/<(script|img|svg|iframe|div)\b/i);
          // Text is escaped (`<` becomes &lt;), so every `<` left opens a real tag:
          // no tag may carry a handler or a javascript: address.
          expect(out).not.toMatch(/<[^>]*\son\w+=/i);
          expect(out).not.toMatch(/<[^>]*javascript:/i);
        },
      ),
    );
  });
});
