import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { buildFeed, escapeHtml, withOpenGraph } from './news.feed.ts';

const ENTRY = {
  slug: 'kode-etik-penyelenggara',
  title: 'Kode Etik <Penyelenggara> & "PPS"',
  place: 'Bromo Park Hotel, Kota Probolinggo',
  excerpt: 'Menjadi penyelenggara perlu memperhatikan kode etik…',
  bodyHtml: '<p>Menjadi penyelenggara &amp; <strong>netral</strong>.</p>',
  publishedAt: '2024-06-19T03:00:00.000Z',
  image: '/api/public/news/kode-etik-penyelenggara/photos/' + 'a'.repeat(64),
};

describe('news feeds', () => {
  it('builds RSS 2.0 and Atom that parse as XML, with absolute links', () => {
    const { rss, atom } = buildFeed('https://desk.example', 'Desk Pilkada Kabupaten Probolinggo', [
      ENTRY,
    ]);
    expect(SyntaxValidator.validate(rss)).toBe(true); // throws when not well-formed
    expect(SyntaxValidator.validate(atom)).toBe(true); // throws when not well-formed
    const doc = new XMLParser({ ignoreAttributes: false }).parse(rss) as {
      rss: {
        '@_version': string;
        channel: {
          title: string;
          language: string;
          item: { title: string; link: string; pubDate: string };
        };
      };
    };
    expect(doc.rss['@_version']).toBe('2.0');
    expect(doc.rss.channel.title).toBe('Berita Desk Pilkada Kabupaten Probolinggo');
    expect(doc.rss.channel.language).toBe('id');
    expect(doc.rss.channel.item.title).toBe('Kode Etik <Penyelenggara> & "PPS"');
    expect(doc.rss.channel.item.link).toBe('https://desk.example/berita/kode-etik-penyelenggara');
    expect(doc.rss.channel.item.pubDate).toBe('Wed, 19 Jun 2024 03:00:00 GMT');
    expect(rss).toContain(`https://desk.example${ENTRY.image}`);
  });
  it('has a validator that does catch broken XML', () => {
    expect(() => SyntaxValidator.validate('<rss><channel></rss>')).toThrow();
  });
  it('is still valid XML with no items', () => {
    const { rss, atom } = buildFeed('http://localhost', 'Desk Pilkada', []);
    expect(SyntaxValidator.validate(rss)).toBe(true); // throws when not well-formed
    expect(SyntaxValidator.validate(atom)).toBe(true); // throws when not well-formed
  });
});

describe('Open Graph page', () => {
  const index = '<html><head><title>Desk Pilkada</title></head><body></body></html>';
  it('escapes every value and replaces the title', () => {
    const html = withOpenGraph(index, {
      title: ENTRY.title,
      description: '"><script>alert(1)</script>',
      url: 'https://desk.example/berita/kode-etik-penyelenggara',
      image: null,
      siteName: 'Desk Pilkada',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '<meta property="og:description" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" />',
    );
    expect(html).toContain(
      '<title>Kode Etik &lt;Penyelenggara&gt; &amp; &quot;PPS&quot; · Desk Pilkada</title>',
    );
    expect(html).toContain('<meta name="twitter:card" content="summary" />');
    expect(html).not.toContain('og:image');
  });
  it('does not read $-patterns in values as replacement patterns', () => {
    const html = withOpenGraph(index, {
      title: "$' $& $1",
      description: 'x',
      url: 'u',
      image: 'https://i',
      siteName: 's',
    });
    expect(html).toContain('content="$&#39; $&amp; $1"');
    expect(html).toContain('<meta property="og:image" content="https://i" />');
  });
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
