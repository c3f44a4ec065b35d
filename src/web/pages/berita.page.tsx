/**
 * Public news pages (no sign-in): the list and one item with its photos,
 * the people quoted and share links (WhatsApp, Facebook, X). The body is the
 * server's sanitised HTML (cleaned on write and again on every read).
 */
import { formatTanggal } from '../../domain/common/format.ts';
import { api, type PublicNewsData, type PublicNewsDetailData } from '../api.ts';
import { Async } from '../components.tsx';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

export const RSS_PATH = '/berita/rss.xml';

export function newsPath(slug: string): string {
  return `/berita/${slug}`;
}

export function BeritaListPage() {
  useTitle('Berita');
  const news = useApi((signal) => api.publicNews(30, signal));
  return (
    <>
      <h1>Berita</h1>
      <p className="lead">
        Berita dan sosialisasi Pilkada dari Desk Pilkada dan KPU.{' '}
        <a href={RSS_PATH}>Langganan lewat RSS</a>
      </p>
      <Async state={news}>{(items) => <NewsCards items={items} headingLevel={2} />}</Async>
    </>
  );
}

/** Cards of published news: title (a link), date and place, excerpt, first photo. */
export function NewsCards({
  items,
  headingLevel,
}: {
  items: readonly PublicNewsData[];
  headingLevel: 2 | 3;
}) {
  if (items.length === 0) return <p className="muted">Belum ada berita.</p>;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="news-cards" aria-label="Daftar berita">
      {items.map((n) => (
        <li key={n.slug} className="card news-card" data-testid="news-card">
          {n.image !== null && (
            <img src={n.image} alt="" className="news-thumb" loading="lazy" decoding="async" />
          )}
          <Heading className="news-card-title">
            <Link to={newsPath(n.slug)}>{n.title}</Link>
          </Heading>
          <p className="muted small">
            <time dateTime={n.date}>{formatTanggal(n.date)}</time> · {n.place}
          </p>
          <p>{n.excerpt}</p>
        </li>
      ))}
    </ul>
  );
}

export function BeritaPage({ slug }: { slug: string }) {
  const item = useApi((signal) => api.publicNewsItem(slug, signal), slug);
  useTitle(item.data?.title ?? 'Berita');
  return <Async state={item}>{(data) => <NewsArticle item={data} />}</Async>;
}

/** The share addresses of a page (documented share endpoints of each service). */
export function shareLinks(title: string, url: string) {
  const u = encodeURIComponent(url);
  return [
    { label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    {
      label: 'X',
      href: `https://x.com/intent/tweet?text=${encodeURIComponent(title)}&url=${u}`,
    },
  ];
}

export function NewsArticle({ item }: { item: PublicNewsDetailData }) {
  const url = `${window.location.origin}${newsPath(item.slug)}`;
  return (
    <article className="news-article">
      <p className="overline">
        <Link to="/berita">Berita</Link>
      </p>
      <h1>{item.title}</h1>
      <p className="muted">
        <time dateTime={item.date}>{formatTanggal(item.date)}</time> · {item.place}
      </p>
      {item.photos.map((p) => (
        <figure key={p.url} className="news-photo">
          <img src={p.url} alt={p.caption ?? `Foto: ${item.title}`} decoding="async" />
          {p.caption !== null && <figcaption>{p.caption}</figcaption>}
        </figure>
      ))}
      {/* Sanitised by the server's one HTML policy, on write and on this read. */}
      <div className="news-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      {item.people.length > 0 && (
        <section aria-labelledby="narasumber">
          <h2 id="narasumber">Narasumber</h2>
          <ul className="news-people">
            {item.people.map((p, i) => (
              <li key={`${p.name}-${String(i)}`}>
                <strong>{p.name}</strong>
                {p.jabatan !== '' && <span className="muted">, {p.jabatan}</span>}
                {p.quote !== '' && <blockquote>“{p.quote}”</blockquote>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="bagikan" className="share">
        <h2 id="bagikan">Bagikan</h2>
        <ul className="share-links">
          {shareLinks(item.title, url).map((s) => (
            <li key={s.label}>
              <a
                className="button button-small"
                href={s.href}
                target="_blank"
                rel="noopener noreferrer"
              >
                Bagikan ke {s.label}
                <span className="visually-hidden"> (membuka jendela baru)</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
