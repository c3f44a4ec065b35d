import {
  Component,
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
  type ErrorInfo,
  type ReactNode,
} from 'react';
import type { ApiError, MeData } from './api.ts';
import { Loading, LoadError } from './components.tsx';
import {
  currentLocation,
  Link,
  matchRoute,
  navigate,
  safeNext,
  signInPath,
  usePath,
  useSearch,
  type Route,
} from './router.tsx';
import {
  can,
  canEverywhere,
  grantLabel,
  homeOf,
  loadSession,
  sessionEnded,
  setSignInMessage,
  signInMessage,
  signOut,
  useSession,
} from './session.ts';
import { GRANTS } from '../domain/auth/roles.ts';
import { warmOfflineData } from './offline/offline-data.ts';
import { QueueBar } from './offline/queue-bar.tsx';
import { setQueueSignedOutHandler, setQueueUser } from './offline/queue.ts';
import { BerandaPage } from './pages/beranda.page.tsx';
import { WilayahPage } from './pages/wilayah.page.tsx';
import { TpsPage } from './pages/tps.page.tsx';
import { KorwilPage } from './pages/korwil.page.tsx';
import { PemilihanPage } from './pages/pemilihan.page.tsx';
import { TahapanPage } from './pages/tahapan.page.tsx';
import { MasukPage } from './pages/masuk.page.tsx';
import { GantiSandiPage } from './pages/ganti-sandi.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';

// The admin pages are for a handful of people: loaded only when opened.
const AkunPage = lazy(() =>
  import('./pages/admin-akun.page.tsx').then((m) => ({ default: m.AkunPage })),
);
const AuditPage = lazy(() =>
  import('./pages/admin-audit.page.tsx').then((m) => ({ default: m.AuditPage })),
);
// Results: the entry form for KPPS/PPS/PPK, the desk's dashboard, the public totals.
const HasilTpsPage = lazy(() =>
  import('./pages/hasil-tps.page.tsx').then((m) => ({ default: m.HasilTpsPage })),
);
const HasilPage = lazy(() =>
  import('./pages/hasil.page.tsx').then((m) => ({ default: m.HasilPage })),
);
const HasilSementaraPage = lazy(() =>
  import('./pages/hasil-sementara.page.tsx').then((m) => ({ default: m.HasilSementaraPage })),
);

// Field problems (lapor cepat part 2): desk pages, field form, public form and tracking.
const MasalahPage = lazy(() =>
  import('./pages/masalah.page.tsx').then((m) => ({ default: m.MasalahPage })),
);
const MasalahDetailPage = lazy(() =>
  import('./pages/masalah.page.tsx').then((m) => ({ default: m.MasalahDetailPage })),
);
const RingkasanPage = lazy(() =>
  import('./pages/masalah.page.tsx').then((m) => ({ default: m.RingkasanPage })),
);
const MasalahLaporPage = lazy(() =>
  import('./pages/masalah-lapor.page.tsx').then((m) => ({ default: m.MasalahLaporPage })),
);
const LaporPublikPage = lazy(() =>
  import('./pages/masalah-lapor.page.tsx').then((m) => ({ default: m.LaporPublikPage })),
);
const LacakPage = lazy(() =>
  import('./pages/masalah-lapor.page.tsx').then((m) => ({ default: m.LacakPage })),
);
// People: the desk's organisation, rosters, Bimtek, ASN.
const DeskPage = lazy(() => import('./pages/desk.page.tsx').then((m) => ({ default: m.DeskPage })));
const BadanAdhocPage = lazy(() =>
  import('./pages/badan-adhoc.page.tsx').then((m) => ({ default: m.BadanAdhocPage })),
);
const BimtekListPage = lazy(() =>
  import('./pages/bimtek.page.tsx').then((m) => ({ default: m.BimtekListPage })),
);
const BimtekPage = lazy(() =>
  import('./pages/bimtek.page.tsx').then((m) => ({ default: m.BimtekPage })),
);
const WavePage = lazy(() =>
  import('./pages/bimtek.page.tsx').then((m) => ({ default: m.WavePage })),
);
const AsnPage = lazy(() => import('./pages/asn.page.tsx').then((m) => ({ default: m.AsnPage })));
const AsnTpsPage = lazy(() =>
  import('./pages/asn.page.tsx').then((m) => ({ default: m.AsnTpsPage })),
);
// Voter data: import, progress, DPS/DPT, lineage, coklit (phone), public cek DPT.
const PemilihPage = lazy(() =>
  import('./pages/pemilih.page.tsx').then((m) => ({ default: m.PemilihPage })),
);
const PemilihImporPage = lazy(() =>
  import('./pages/pemilih-impor.page.tsx').then((m) => ({ default: m.PemilihImporPage })),
);
const PemilihDesaPage = lazy(() =>
  import('./pages/pemilih-desa.page.tsx').then((m) => ({ default: m.PemilihDesaPage })),
);
const PemilihRiwayatPage = lazy(() =>
  import('./pages/pemilih-riwayat.page.tsx').then((m) => ({ default: m.PemilihRiwayatPage })),
);
const CoklitPage = lazy(() =>
  import('./pages/coklit.page.tsx').then((m) => ({ default: m.CoklitPage })),
);
const CekDptPage = lazy(() =>
  import('./pages/cek-dpt.page.tsx').then((m) => ({ default: m.CekDptPage })),
);
const TanggapanDpsPage = lazy(() =>
  import('./pages/tanggapan-dps.page.tsx').then((m) => ({ default: m.TanggapanDpsPage })),
);
// News and outreach (issue 8): the public home, the public news pages, the desk's editorial pages.
const PortalPage = lazy(() =>
  import('./pages/portal.page.tsx').then((m) => ({ default: m.PortalPage })),
);
const BeritaListPage = lazy(() =>
  import('./pages/berita.page.tsx').then((m) => ({ default: m.BeritaListPage })),
);
const BeritaPage = lazy(() =>
  import('./pages/berita.page.tsx').then((m) => ({ default: m.BeritaPage })),
);
const RedaksiPage = lazy(() =>
  import('./pages/redaksi.page.tsx').then((m) => ({ default: m.RedaksiPage })),
);
const RedaksiBaruPage = lazy(() =>
  import('./pages/redaksi.page.tsx').then((m) => ({ default: m.RedaksiBaruPage })),
);
const RedaksiItemPage = lazy(() =>
  import('./pages/redaksi.page.tsx').then((m) => ({ default: m.RedaksiItemPage })),
);
// Offline field app: the queue of submissions kept on the device.
const AntreanPage = lazy(() =>
  import('./pages/antrean.page.tsx').then((m) => ({ default: m.AntreanPage })),
);

/** Pages anyone may open without signing in. */
// Dashboard and reports (issue 8): for the Bupati and the desk's leadership.
const DasborPage = lazy(() =>
  import('./pages/dasbor.page.tsx').then((m) => ({ default: m.DasborPage })),
);
const LaporanPage = lazy(() =>
  import('./pages/laporan.page.tsx').then((m) => ({ default: m.LaporanPage })),
);
const VerifikasiPage = lazy(() =>
  import('./pages/verifikasi.page.tsx').then((m) => ({ default: m.VerifikasiPage })),
);
const PUBLIC_PAGES: ReadonlySet<Route['page']> = new Set<Route['page']>([
  'tahapan',
  'pemilihan',
  'hasil_sementara',
  'lapor',
  'lapor_lacak',
  'cek_dpt',
  'tanggapan_dps',
  'berita_list',
  'berita',
  'masuk',
  'tidak_ditemukan',
]);

function renderRoute(route: Route, me: MeData): ReactNode {
  switch (route.page) {
    case 'beranda':
      // Signed out: the public home (news, calendar, cek DPT, results, lapor).
      return me.signedIn ? <BerandaPage /> : <PortalPage />;
    case 'wilayah':
      return <WilayahPage code={route.code} />;
    case 'tps':
      return <TpsPage id={route.id} />;
    case 'hasil_tps':
      return <HasilTpsPage tpsId={route.tpsId} contestId={route.contestId} />;
    case 'hasil':
      return <HasilPage />;
    case 'verifikasi':
      return <VerifikasiPage />;
    case 'hasil_sementara':
      return <HasilSementaraPage />;
    case 'korwil':
      return <KorwilPage />;
    case 'pemilihan':
      return <PemilihanPage />;
    case 'tahapan':
      return <TahapanPage />;
    case 'masuk':
      return <MasukPage />;
    case 'ganti_sandi':
      return <GantiSandiPage />;
    case 'admin_akun':
      return <AkunPage />;
    case 'admin_audit':
      return <AuditPage />;
    case 'masalah':
      return <MasalahPage />;
    case 'masalah_detail':
      return <MasalahDetailPage id={route.id} />;
    case 'masalah_lapor':
      return <MasalahLaporPage />;
    case 'masalah_ringkasan':
      return <RingkasanPage />;
    case 'lapor':
      return <LaporPublikPage />;
    case 'lapor_lacak':
      return <LacakPage />;
    case 'desk':
      return <DeskPage />;
    case 'badan_adhoc':
      return <BadanAdhocPage />;
    case 'bimtek_list':
      return <BimtekListPage />;
    case 'bimtek':
      return <BimtekPage id={route.id} />;
    case 'bimtek_wave':
      return <WavePage id={route.id} />;
    case 'asn':
      return <AsnPage />;
    case 'asn_tps':
      return <AsnTpsPage tpsId={route.tpsId} />;
    case 'pemilih':
      return <PemilihPage />;
    case 'pemilih_impor':
      return <PemilihImporPage />;
    case 'pemilih_desa':
      return <PemilihDesaPage code={route.code} />;
    case 'pemilih_riwayat':
      return <PemilihRiwayatPage id={route.id} />;
    case 'coklit':
      return <CoklitPage tpsId={route.tpsId} />;
    case 'cek_dpt':
      return <CekDptPage />;
    case 'tanggapan_dps':
      return <TanggapanDpsPage />;
    case 'berita_list':
      return <BeritaListPage />;
    case 'berita':
      return <BeritaPage slug={route.slug} />;
    case 'redaksi':
      return <RedaksiPage />;
    case 'redaksi_baru':
      return <RedaksiBaruPage />;
    case 'redaksi_item':
      return <RedaksiItemPage id={route.id} />;
    case 'antrean':
      return <AntreanPage />;
    // Dashboard and reports (issue 8)
    case 'dasbor':
      return <DasborPage />;
    case 'laporan':
      return <LaporanPage />;
    case 'tidak_ditemukan':
      return <NotFoundPage path={route.path} />;
  }
}

/**
 * Where the user must go instead of this page, if anywhere: the sign-in page
 * for signed-out visitors of a non-public page, the password page while a
 * password change is due, the person's own page instead of the regency page
 * when they may not read the whole regency.
 */
function redirectFor(route: Route, me: MeData, here: string, next: string | null): string | null {
  if (route.page === 'masuk') {
    if (!me.signedIn) return null;
    const target = safeNext(next) ?? homeOf(me);
    return me.mustChangePassword ? `/ganti-sandi?next=${encodeURIComponent(target)}` : target;
  }
  if (route.page === 'ganti_sandi') return me.signedIn ? null : signInPath(here);
  if (me.signedIn && me.mustChangePassword) {
    return `/ganti-sandi?next=${encodeURIComponent(here)}`;
  }
  if (PUBLIC_PAGES.has(route.page)) return null;
  if (route.page === 'beranda' && !me.signedIn) return null; // the public home
  if (!me.signedIn) return signInPath(here);
  if (route.page === 'beranda' && !canEverywhere(me, 'registry.read')) {
    const home = homeOf(me);
    return home === '/' ? null : home;
  }
  return null;
}

interface NavItem {
  to: string;
  label: string;
  /** 'page' on the item's own address, 'true' inside its section. */
  current: 'page' | 'true' | undefined;
}

/**
 * The results dashboard is for those who read results over a region (the
 * desk, Korwil, PPK, PPS); a KPPS reads its own TPS's results on the TPS page.
 */
/** Who follows the verification worklist: the PPK, PPS, Korwil and the desk. */
const WORKLIST_ROLES: ReadonlySet<string> = new Set([
  'ppk',
  'pps',
  'korwil',
  'admin',
  'ketua_desk',
  'sekretaris_desk',
]);

function canSeeDashboard(me: MeData): boolean {
  return me.grants.some(
    (g) => GRANTS[g.role]['result.read'] !== undefined && g.scopeKind !== 'tps',
  );
}

function navFor(me: MeData, route: Route, path: string): NavItem[] {
  const mark = (to: string, inSection: boolean): NavItem['current'] =>
    path === to ? 'page' : inSection ? 'true' : undefined;
  const items: NavItem[] = [];
  if (!me.signedIn) {
    items.push({ to: '/', label: 'Beranda', current: mark('/', false) });
  } else if (canEverywhere(me, 'registry.read')) {
    items.push({
      to: '/',
      label: 'Beranda',
      current: mark('/', route.page === 'beranda' || route.page === 'wilayah'),
    });
  } else {
    // People with a territory of their own get a link to it instead.
    const seen = new Set<string>();
    for (const grant of me.grants) {
      if (grant.home === '/' || grant.home === '/korwil' || seen.has(grant.home)) continue;
      seen.add(grant.home);
      const inside =
        (route.page === 'wilayah' && route.code.startsWith(grant.scopeRef)) ||
        (route.page === 'tps' && String(route.id) === grant.scopeRef) ||
        (route.page === 'hasil_tps' && String(route.tpsId) === grant.scopeRef);
      items.push({
        to: grant.home,
        label: grant.scopeName ?? grant.roleLabel,
        current: mark(grant.home, inside),
      });
    }
  }
  // Dashboard and reports (issue 8)
  if (can(me, 'dashboard.read')) {
    items.push({
      to: '/dasbor',
      label: 'Dasbor',
      current: mark('/dasbor', route.page === 'dasbor' || route.page === 'laporan'),
    });
  }
  if (canSeeDashboard(me)) {
    items.push({ to: '/hasil', label: 'Hasil', current: mark('/hasil', route.page === 'hasil') });
  }
  if (me.grants.some((g) => WORKLIST_ROLES.has(g.role))) {
    items.push({
      to: '/verifikasi',
      label: 'Verifikasi C.Hasil',
      current: mark('/verifikasi', route.page === 'verifikasi'),
    });
  }
  // Field problems (lapor cepat part 2)
  if (can(me, 'problem.read')) {
    const inProblems = ['masalah', 'masalah_detail', 'masalah_lapor', 'masalah_ringkasan'];
    items.push({
      to: '/masalah',
      label: 'Masalah',
      current: mark('/masalah', inProblems.includes(route.page)),
    });
  }
  if (can(me, 'korwil.manage') || me.grants.some((g) => g.role === 'korwil')) {
    items.push({
      to: '/korwil',
      label: 'Korwil',
      current: mark('/korwil', route.page === 'korwil'),
    });
  }
  // People
  if (can(me, 'desk.read')) {
    items.push({ to: '/desk', label: 'Desk', current: mark('/desk', route.page === 'desk') });
  }
  if (can(me, 'roster.read')) {
    items.push({
      to: '/badan-adhoc',
      label: 'Badan adhoc',
      current: mark('/badan-adhoc', route.page === 'badan_adhoc'),
    });
  }
  if (can(me, 'bimtek.read')) {
    items.push({
      to: '/bimtek',
      label: 'Bimtek',
      current: mark(
        '/bimtek',
        route.page === 'bimtek_list' || route.page === 'bimtek' || route.page === 'bimtek_wave',
      ),
    });
  }
  if (can(me, 'asn.read')) {
    items.push({ to: '/asn', label: 'ASN', current: mark('/asn', route.page === 'asn') });
  } else {
    // A KPPS records the ASN of their own TPS on voting day.
    for (const g of me.grants) {
      if (g.scopeKind !== 'tps' || GRANTS[g.role]['asn.attendance'] === undefined) continue;
      const to = `/asn/tps/${g.scopeRef}`;
      items.push({ to, label: 'ASN di TPS', current: mark(to, route.page === 'asn_tps') });
    }
  }
  // Voter data
  if (
    me.grants.some((g) => g.scopeKind !== 'tps' && GRANTS[g.role]['voter.progress'] !== undefined)
  ) {
    items.push({
      to: '/pemilih',
      label: 'Daftar pemilih',
      current: mark('/pemilih', route.page.startsWith('pemilih')),
    });
  }
  for (const g of me.grants) {
    if (g.role !== 'pantarlih') continue;
    const to = `/coklit/${g.scopeRef}`;
    items.push({ to, label: 'Coklit', current: mark(to, route.page === 'coklit') });
  }
  // News and outreach (issue 8)
  if (can(me, 'news.write')) {
    items.push({
      to: '/redaksi',
      label: 'Redaksi',
      current: mark('/redaksi', route.page.startsWith('redaksi')),
    });
  }
  items.push({
    to: '/berita',
    label: 'Berita',
    current: mark('/berita', route.page === 'berita_list' || route.page === 'berita'),
  });
  items.push(
    { to: '/pemilihan', label: 'Pemilihan & paslon', current: mark('/pemilihan', false) },
    { to: '/tahapan', label: 'Tahapan', current: mark('/tahapan', false) },
    { to: '/hasil-sementara', label: 'Hasil sementara', current: mark('/hasil-sementara', false) },
    { to: '/cek-dpt', label: 'Cek DPT', current: mark('/cek-dpt', false) },
  );
  if (!me.signedIn) {
    items.push({
      to: '/lapor',
      label: 'Lapor masalah',
      current: mark('/lapor', route.page === 'lapor' || route.page === 'lapor_lacak'),
    });
  }
  if (can(me, 'account.manage') || can(me, 'audit.read')) {
    const to = can(me, 'account.manage') ? '/admin/akun' : '/admin/audit';
    items.push({
      to,
      label: 'Admin',
      current: mark(to, route.page === 'admin_akun' || route.page === 'admin_audit'),
    });
  }
  return items;
}

export function App() {
  const path = usePath();
  const search = useSearch();
  const route = matchRoute(path);
  const session = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    void loadSession();
  }, []);

  // After an in-app navigation, move focus to the new page (screen readers
  // otherwise stay on the clicked link, which no longer exists).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  const me = session.status === 'ready' ? session.me : null;
  const here = path + search;
  /** The menu, folded behind a button on phones; a new page folds it again. */
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  // The offline queue sends only the signed-in account's items; their data is
  // kept on the device for the field pages. A session the queue finds ended
  // sends the officer to sign in again (the queue resumes afterwards).
  useEffect(() => {
    setQueueSignedOutHandler((error) => sessionEnded(error));
  }, []);
  useEffect(() => {
    if (me === null) return;
    setQueueUser(me.signedIn ? me.userId : null);
    if (me.signedIn && !me.mustChangePassword) void warmOfflineData(me);
  }, [me]);
  const redirect =
    me === null ? null : redirectFor(route, me, here, new URLSearchParams(search).get('next'));

  useEffect(() => {
    if (redirect === null || me === null) return;
    // Keep a more precise reason already given (e.g. "Sesi Anda telah berakhir").
    if (
      !me.signedIn &&
      redirect.startsWith('/masuk') &&
      path !== '/' &&
      signInMessage() === undefined
    ) {
      setSignInMessage('Silakan masuk untuk membuka halaman ini.');
    }
    navigate(redirect, { replace: true });
  }, [redirect, me, path]);

  let content: ReactNode;
  if (session.status === 'failed') {
    content = <LoadError error={session.error} onRetry={() => void loadSession()} />;
  } else if (me === null || redirect !== null) {
    content = <Loading />;
  } else {
    content = (
      <PageBoundary key={path}>
        <Suspense fallback={<Loading label="Memuat halaman…" />}>{renderRoute(route, me)}</Suspense>
      </PageBoundary>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Langsung ke isi
      </a>
      <header className="site-header">
        <div className="wrap header-inner">
          <Link to={me?.signedIn === true ? homeOf(me) : '/'} className="brand">
            Desk Pilkada
          </Link>
          {me !== null && (
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="menu-utama"
              onClick={() => setMenuOpen((open) => !open)}
            >
              Menu
            </button>
          )}
          {me !== null && (
            <nav
              id="menu-utama"
              aria-label="Menu utama"
              className={menuOpen ? 'site-nav site-nav-open' : 'site-nav'}
            >
              <ul className="nav">
                {navFor(me, route, path).map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={item.current}>
                      {item.label}
                    </Link>
                  </li>
                ))}
                {/* The API's (English) reference is for administrators and developers. */}
                {(can(me, 'account.manage') || can(me, 'audit.read')) && (
                  <li>
                    <a href="/api/docs">API</a>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {me !== null && <UserArea me={me} onSignInPage={route.page === 'masuk'} />}
        </div>
      </header>
      {me !== null && <QueueBar signedIn={me.signedIn} />}
      <main id="main" ref={mainRef} tabIndex={-1} className="wrap">
        {content}
      </main>
      <footer className="site-footer wrap">
        <p>Desk Pilkada · pemantauan Pilkada oleh pemerintah daerah</p>
      </footer>
    </>
  );
}

/** The signed-in person: name, roles, password change and the two ways to sign out. */
function UserArea({ me, onSignInPage }: { me: MeData; onSignInPage: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const menuRef = useRef<HTMLDetailsElement>(null);

  if (!me.signedIn) {
    return onSignInPage ? null : (
      <div className="user-area">
        <Link to={signInPath(currentLocation())} className="button button-small">
          Masuk
        </Link>
      </div>
    );
  }

  const leave = async (everywhere: boolean) => {
    setBusy(true);
    const failed = await signOut(everywhere);
    setBusy(false);
    setError(failed);
    if (failed === undefined && menuRef.current !== null) menuRef.current.open = false;
  };

  const roles = me.grants.map(grantLabel).join(', ');
  return (
    <div className="user-area">
      <details className="user-menu" ref={menuRef}>
        <summary>
          <span className="user-name">{me.fullName ?? me.username}</span>
          <span className="user-roles">{roles === '' ? 'Tanpa peran' : roles}</span>
        </summary>
        <div className="user-menu-body" role="group" aria-label="Akun Anda">
          <p className="small">
            Masuk sebagai <strong>{me.username}</strong>
          </p>
          {me.grants.length > 0 && (
            <ul className="user-grants" aria-label="Peran Anda">
              {me.grants.map((g) => (
                <li key={`${g.role}:${g.scopeRef}`}>{grantLabel(g)}</li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/ganti-sandi" onClick={() => menuRef.current?.removeAttribute('open')}>
              Ganti kata sandi
            </Link>
          </p>
          <div className="user-actions">
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => void leave(false)}
            >
              Keluar
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => void leave(true)}
            >
              Keluar dari semua perangkat
            </button>
          </div>
          {error !== undefined && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )}
        </div>
      </details>
    </div>
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
