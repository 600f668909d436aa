'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

/** Where the console's screens are; a screen under its route (an asset under the map) marks its parent. */
const ENTRIES = [
  { href: '/', key: 'map' },
  { href: '/alarms', key: 'alarms' },
  { href: '/rules', key: 'rules' },
  { href: '/kpis', key: 'kpis' },
] as const;

export function ConsoleNav() {
  const t = useTranslations('console.nav');
  const pathname = usePathname();
  return (
    <nav className="admin-nav console-nav" aria-label={t('label')} data-testid="console-nav">
      {ENTRIES.map((entry) => (
        <Link
          key={entry.href}
          href={entry.href}
          className="admin-nav-link"
          aria-current={pathname === entry.href ? 'page' : undefined}
        >
          {t(entry.key)}
        </Link>
      ))}
    </nav>
  );
}
