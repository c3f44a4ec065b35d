import { Link } from '../router.tsx';
import { useTitle } from '../use-title.ts';

export function NotFoundPage({ path }: { path: string }) {
  useTitle('Halaman tidak ditemukan');
  return (
    <>
      <h1>Halaman tidak ditemukan</h1>
      <p>
        Alamat <code>{path}</code> tidak ada di Desk Pilkada. Kembali ke <Link to="/">Beranda</Link>
        .
      </p>
    </>
  );
}
