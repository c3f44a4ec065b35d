/**
 * The demo's news are the seed documents' items, word for word: every
 * paragraph, title and quote of a published demo item appears in the seeds
 * (when ../shared/seeds is beside the clone, as on the developers' machines and CI).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_NEWS } from './demo-news.ts';

const SEEDS = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

describe('demo news', () => {
  it.skipIf(!existsSync(SEEDS))('quote the seed documents faithfully', () => {
    const seeds = readdirSync(SEEDS)
      .filter((f) => /^00[04]_/.test(f))
      .map((f) => readFileSync(`${SEEDS}${f}`, 'utf8'))
      .join('\n');
    const published = DEMO_NEWS.filter((n) => n.status === 'terbit');
    expect(published).toHaveLength(7);
    for (const n of published) {
      expect(seeds).toContain(n.title);
      for (const p of n.paragraphs) expect(seeds).toContain(p);
      for (const person of n.people) {
        expect(seeds).toContain(person.name);
        if (person.quote !== '') expect(seeds).toContain(person.quote);
      }
    }
  });
  it('has unique titles and one item left for review', () => {
    expect(new Set(DEMO_NEWS.map((n) => n.title)).size).toBe(DEMO_NEWS.length);
    expect(DEMO_NEWS.filter((n) => n.status === 'diajukan')).toHaveLength(1);
  });
});
