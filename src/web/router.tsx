/**
 * A tiny history-API router: real paths (the server answers index.html for
 * any non-/api GET), no dependency.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'desk:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

function currentSearch(): string {
  return window.location.search;
}

/** The current pathname; re-renders on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

/** The current query string (`?next=/korwil`, or ''); re-renders on navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch, () => '');
}

/** One query parameter of the current address. */
export function useSearchParam(name: string): string | null {
  return new URLSearchParams(useSearch()).get(name);
}

/** Path and query of the current address, e.g. `/wilayah/35.13.01?x=1`. */
export function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

export type Route =
  | { page: 'beranda' }
  | { page: 'wilayah'; code: string }
  | { page: 'tps'; id: number }
  | { page: 'hasil_tps'; tpsId: number; contestId: number }
  | { page: 'hasil' }
  | { page: 'verifikasi' }
  | { page: 'hasil_sementara' }
  | { page: 'korwil' }
  | { page: 'pemilihan' }
  | { page: 'tahapan' }
  | { page: 'masuk' }
  | { page: 'ganti_sandi' }
  | { page: 'admin_akun' }
  | { page: 'admin_audit' }
  // Field problems (lapor cepat part 2)
  | { page: 'masalah' }
  | { page: 'masalah_lapor' }
  | { page: 'masalah_ringkasan' }
  | { page: 'masalah_detail'; id: number }
  | { page: 'lapor' }
  | { page: 'lapor_lacak' }
  | { page: 'desk' }
  | { page: 'badan_adhoc' }
  | { page: 'bimtek_list' }
  | { page: 'bimtek'; id: number }
  | { page: 'bimtek_wave'; id: number }
  | { page: 'asn' }
  | { page: 'asn_tps'; tpsId: number }
  // Voter data
  | { page: 'pemilih' }
  | { page: 'pemilih_impor' }
  | { page: 'pemilih_desa'; code: string }
  | { page: 'pemilih_riwayat'; id: number }
  | { page: 'coklit'; tpsId: number }
  | { page: 'cek_dpt' }
  | { page: 'tanggapan_dps' }
  // News and outreach (issue 8): public pages and the desk's editorial pages
  | { page: 'berita_list' }
  | { page: 'berita'; slug: string }
  | { page: 'redaksi' }
  | { page: 'redaksi_baru' }
  | { page: 'redaksi_item'; id: number }
  // Offline field app: the device's queue of unsent submissions
  | { page: 'antrean' }
  // Dashboard and reports (issue 8)
  | { page: 'dasbor' }
  | { page: 'laporan' }
  | { page: 'tidak_ditemukan'; path: string };

const FIXED: Record<string, Route> = {
  '/': { page: 'beranda' },
  '/korwil': { page: 'korwil' },
  '/pemilihan': { page: 'pemilihan' },
  '/tahapan': { page: 'tahapan' },
  '/hasil': { page: 'hasil' },
  '/verifikasi': { page: 'verifikasi' },
  '/hasil-sementara': { page: 'hasil_sementara' },
  '/masuk': { page: 'masuk' },
  '/ganti-sandi': { page: 'ganti_sandi' },
  '/admin': { page: 'admin_akun' },
  '/admin/akun': { page: 'admin_akun' },
  '/admin/audit': { page: 'admin_audit' },
  // Field problems (lapor cepat part 2)
  '/masalah': { page: 'masalah' },
  '/masalah/lapor': { page: 'masalah_lapor' },
  '/masalah/ringkasan': { page: 'masalah_ringkasan' },
  '/lapor': { page: 'lapor' },
  '/lapor/lacak': { page: 'lapor_lacak' },
  '/desk': { page: 'desk' },
  '/badan-adhoc': { page: 'badan_adhoc' },
  '/bimtek': { page: 'bimtek_list' },
  '/asn': { page: 'asn' },
  '/pemilih': { page: 'pemilih' },
  '/pemilih/impor': { page: 'pemilih_impor' },
  '/cek-dpt': { page: 'cek_dpt' },
  '/tanggapan-dps': { page: 'tanggapan_dps' },
  // News and outreach (issue 8)
  '/berita': { page: 'berita_list' },
  '/redaksi': { page: 'redaksi' },
  '/redaksi/baru': { page: 'redaksi_baru' },
  // Offline field app
  '/antrean': { page: 'antrean' },
  // Dashboard and reports (issue 8)
  '/dasbor': { page: 'dasbor' },
  '/laporan': { page: 'laporan' },
};

export function matchRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const fixed = FIXED[clean === '' ? '/' : clean];
  if (fixed !== undefined) return fixed;
  const tps = /^\/tps\/(\d{1,9})$/.exec(clean);
  if (tps?.[1] !== undefined) return { page: 'tps', id: Number(tps[1]) };
  const hasil = /^\/tps\/(\d{1,9})\/hasil\/(\d{1,9})$/.exec(clean);
  if (hasil?.[1] !== undefined && hasil[2] !== undefined) {
    return { page: 'hasil_tps', tpsId: Number(hasil[1]), contestId: Number(hasil[2]) };
  }
  const masalah = /^\/masalah\/(\d{1,9})$/.exec(clean);
  if (masalah?.[1] !== undefined) return { page: 'masalah_detail', id: Number(masalah[1]) };
  const asnTps = /^\/asn\/tps\/(\d{1,9})$/.exec(clean);
  if (asnTps?.[1] !== undefined) return { page: 'asn_tps', tpsId: Number(asnTps[1]) };
  const bimtek = /^\/bimtek\/(\d{1,9})$/.exec(clean);
  if (bimtek?.[1] !== undefined) return { page: 'bimtek', id: Number(bimtek[1]) };
  const wave = /^\/bimtek\/gelombang\/(\d{1,9})$/.exec(clean);
  if (wave?.[1] !== undefined) return { page: 'bimtek_wave', id: Number(wave[1]) };
  const coklit = /^\/coklit\/(\d{1,9})$/.exec(clean);
  if (coklit?.[1] !== undefined) return { page: 'coklit', tpsId: Number(coklit[1]) };
  const riwayat = /^\/pemilih\/(\d{1,9})\/riwayat$/.exec(clean);
  if (riwayat?.[1] !== undefined) return { page: 'pemilih_riwayat', id: Number(riwayat[1]) };
  const pemilihDesa = /^\/pemilih\/desa\/([\d.]+)$/.exec(clean);
  if (pemilihDesa?.[1] !== undefined) return { page: 'pemilih_desa', code: pemilihDesa[1] };
  // News and outreach (issue 8)
  const berita = /^\/berita\/([a-z0-9-]{1,90})$/.exec(clean);
  if (berita?.[1] !== undefined) return { page: 'berita', slug: berita[1] };
  const redaksi = /^\/redaksi\/(\d{1,9})$/.exec(clean);
  if (redaksi?.[1] !== undefined) return { page: 'redaksi_item', id: Number(redaksi[1]) };
  const wilayah = /^\/wilayah\/([^/]+)$/.exec(clean);
  if (wilayah?.[1] !== undefined) {
    let code = wilayah[1];
    try {
      code = decodeURIComponent(code);
    } catch {
      // keep the raw segment; the server will say the code is not valid
    }
    return { page: 'wilayah', code };
  }
  return { page: 'tidak_ditemukan', path: clean };
}

export function wilayahPath(code: string): string {
  return `/wilayah/${code}`;
}

export function tpsPath(id: number): string {
  return `/tps/${String(id)}`;
}

/** The worklist of C.Hasil to verify for a contest (`selesai`: the TPS just handled, by label). */
export function verifikasiPath(contestId: number, selesai?: string): string {
  const q = new URLSearchParams({ pemilihan: String(contestId) });
  if (selesai !== undefined) q.set('selesai', selesai);
  return `/verifikasi?${q.toString()}`;
}

/** The C.Hasil-KWK of a TPS for one contest (entry, history, verification). */
export function hasilTpsPath(tpsId: number, contestId: number): string {
  return `/tps/${String(tpsId)}/hasil/${String(contestId)}`;
}

/** The results dashboard for a contest at a region (`undefined`: the regency). */
export function hasilPath(
  contestId: number | undefined,
  code: string | undefined,
  korwilId?: number,
): string {
  const params = new URLSearchParams();
  if (contestId !== undefined) params.set('pemilihan', String(contestId));
  if (code !== undefined) params.set('kode', code);
  else if (korwilId !== undefined) params.set('korwil', String(korwilId));
  const q = params.toString();
  return q === '' ? '/hasil' : `/hasil?${q}`;
}

/** The sign-in page, coming back to `next` afterwards. */
export function signInPath(next: string): string {
  return next === '/' || next === '' ? '/masuk' : `/masuk?next=${encodeURIComponent(next)}`;
}

/**
 * A `next` address from the query, when it is safe to go to: a path on this
 * site (not `//other.host`), not the sign-in page itself.
 */
export function safeNext(next: string | null): string | undefined {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return undefined;
  }
  if (next === '/masuk' || next.startsWith('/masuk?') || next.startsWith('/masuk/')) {
    return undefined;
  }
  return next;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An `<a>` that navigates without reloading (modified clicks keep browser behaviour). */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
