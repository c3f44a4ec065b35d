/**
 * The public news feeds (RSS 2.0 and Atom 1.0, by the `feed` package) and the
 * Open Graph tags of a published item's page. Pure: items in, text out.
 */
import { Feed } from 'feed';

export const RSS_PATH = '/berita/rss.xml';
export const ATOM_PATH = '/berita/atom.xml';

export interface FeedEntry {
  readonly slug: string;
  readonly title: string;
  readonly place: string;
  readonly excerpt: string;
  readonly bodyHtml: string;
  readonly publishedAt: string;
  readonly image: string | null;
}

/** Both feeds of the published items; `origin` is `https://host` of the request. */
export function buildFeed(
  origin: string,
  siteName: string,
  entries: readonly FeedEntry[],
): { rss: string; atom: string } {
  const latest = entries.reduce<Date | undefined>((max, e) => {
    const d = new Date(e.publishedAt);
    return max === undefined || d > max ? d : max;
  }, undefined);
  const feed = new Feed({
    id: `${origin}/berita`,
    title: `Berita ${siteName}`,
    description: `Berita dan sosialisasi Pilkada dari ${siteName}`,
    link: `${origin}/berita`,
    language: 'id',
    copyright: siteName,
    generator: 'Desk Pilkada',
    updated: latest ?? new Date(0),
    feedLinks: { rss: `${origin}${RSS_PATH}`, atom: `${origin}${ATOM_PATH}` },
  });
  for (const e of entries) {
    const link = `${origin}/berita/${e.slug}`;
    feed.addItem({
      title: e.title,
      id: link,
      guid: link,
      link,
      date: new Date(e.publishedAt),
      published: new Date(e.publishedAt),
      description: `${e.place} — ${e.excerpt}`,
      content: e.bodyHtml,
      ...(e.image === null ? {} : { image: `${origin}${e.image}` }),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1() };
}

/** Text safe inside an HTML attribute value or element. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface OgPage {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly image: string | null;
  readonly siteName: string;
}

/**
 * The web app's index.html with the page's title and Open Graph / Twitter
 * card tags, every value escaped; social sites read these without running
 * the app's JavaScript.
 */
export function withOpenGraph(indexHtml: string, og: OgPage): string {
  const meta = (attr: 'property' | 'name', key: string, value: string) =>
    `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
  const tags = [
    meta('property', 'og:type', 'article'),
    meta('property', 'og:site_name', og.siteName),
    meta('property', 'og:title', og.title),
    meta('property', 'og:description', og.description),
    meta('property', 'og:url', og.url),
    meta('property', 'og:locale', 'id_ID'),
    ...(og.image === null ? [] : [meta('property', 'og:image', og.image)]),
    meta('name', 'twitter:card', og.image === null ? 'summary' : 'summary_large_image'),
    `<link rel="canonical" href="${escapeHtml(og.url)}" />`,
  ].join('\n    ');
  const title = `<title>${escapeHtml(`${og.title} · ${og.siteName}`)}</title>`;
  const withTitle = indexHtml.replace(/<title>[^<]*<\/title>/, () => title);
  return withTitle.replace('</head>', () => `    ${tags}\n  </head>`);
}
