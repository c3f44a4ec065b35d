import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from 'react';
import { Link, matchRoute, usePath, type Route } from './router.tsx';
import { BerandaPage } from './pages/beranda.page.tsx';
import { WilayahPage } from './pages/wilayah.page.tsx';
import { KorwilPage } from './pages/korwil.page.tsx';
import { PemilihanPage } from './pages/pemilihan.page.tsx';
import { TahapanPage } from './pages/tahapan.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';

const NAV: readonly { to: string; label: string; section: Route['page'][] }[] = [
  { to: '/', label: 'Beranda', section: ['beranda', 'wilayah'] },
  { to: '/korwil', label: 'Korwil', section: ['korwil'] },
  { to: '/pemilihan', label: 'Pemilihan', section: ['pemilihan'] },
  { to: '/tahapan', label: 'Tahapan', section: ['tahapan'] },
];

function renderRoute(route: Route): ReactNode {
  switch (route.page) {
    case 'beranda':
      return <BerandaPage />;
    case 'wilayah':
      return <WilayahPage code={route.code} />;
    case 'korwil':
      return <KorwilPage />;
    case 'pemilihan':
      return <PemilihanPage />;
    case 'tahapan':
      return <TahapanPage />;
    case 'tidak_ditemukan':
      return <NotFoundPage path={route.path} />;
  }
}

export function App() {
  const path = usePath();
  const route = matchRoute(path);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-app navigation, move focus to the new page (screen readers
  // otherwise stay on the clicked link, which no longer exists).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  return (
    <>
      <a className="skip-link" href="#main">
        Langsung ke isi
      </a>
      <header className="site-header">
        <div className="wrap header-inner">
          <Link to="/" className="brand">
            Desk Pilkada
          </Link>
          <nav aria-label="Menu utama">
            <ul className="nav">
              {NAV.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    aria-current={
                      item.section.includes(route.page)
                        ? path === item.to
                          ? 'page'
                          : 'true'
                        : undefined
                    }
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
              <li>
                <a href="/api/docs">API</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="wrap">
        <PageBoundary key={path}>{renderRoute(route)}</PageBoundary>
      </main>
      <footer className="site-footer wrap">
        <p>Desk Pilkada · pemantauan Pilkada oleh pemerintah daerah</p>
      </footer>
    </>
  );
}

/** A bug while rendering a page shows a message instead of a blank screen. */
class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Kesalahan tampilan', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Terjadi kesalahan saat menampilkan halaman ini.</strong> Muat ulang halaman;
            bila masih terjadi, laporkan kepada operator.
          </p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Muat ulang
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
