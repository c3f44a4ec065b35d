import { Link, usePath } from '../router.tsx';
import { can, useMe } from '../session.ts';

/** The admin section's own menu: accounts and the audit trail. */
export function AdminTabs() {
  const me = useMe();
  const path = usePath();
  const tabs = [
    ...(can(me, 'account.manage') ? [{ to: '/admin/akun', label: 'Akun pengguna' }] : []),
    ...(can(me, 'audit.read') ? [{ to: '/admin/audit', label: 'Jejak audit' }] : []),
  ];
  if (tabs.length === 0) return null;
  return (
    <nav aria-label="Menu admin" className="tabs no-print">
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            <Link to={t.to} aria-current={path === t.to ? 'page' : undefined}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
