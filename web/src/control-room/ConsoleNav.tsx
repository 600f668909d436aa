'use client';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { IntentLink } from '../ui/IntentLink';
import { NavMenu } from '../ui/NavMenu';

/** Where the console's screens are; a screen under its route (an asset under the map) marks its parent. */
const ENTRIES = [
  { href: '/', key: 'map' },
  { href: '/alarms', key: 'alarms' },
  { href: '/rules', key: 'rules' },
  { href: '/kpis', key: 'kpis' },
] as const;

type Entry = (typeof ENTRIES)[number];

/** The entry a path belongs to: its own, or the one whose route it lies under (/assets/… under the map). */
export function entryOf(pathname: string): Entry {
  return ENTRIES.find((entry) => entry.href !== '/' && pathname.startsWith(entry.href)) ?? ENTRIES[0];
}

/**
 * The console's screens: a row of links on a desk or wall, one menu named after the current screen on
 * a tablet (console.css shows one or the other), so the header stays two rows at 800 px.
 */
export function ConsoleNav() {
  const t = useTranslations('console.nav');
  const pathname = usePathname();
  const current = entryOf(pathname);
  return (
    <nav className="admin-nav console-nav" aria-label={t('label')} data-testid="console-nav">
      {ENTRIES.map((entry) => (
        <IntentLink
          key={entry.href}
          href={entry.href}
          className="admin-nav-link console-nav-link"
          aria-current={pathname === entry.href ? 'page' : undefined}
        >
          {t(entry.key)}
        </IntentLink>
      ))}
      <NavMenu
        entries={ENTRIES.map((entry) => ({ href: entry.href, label: t(entry.key) }))}
        buttonClassName="admin-nav-link admin-nav-trigger console-nav-menu"
        testId="console-nav-menu"
      >
        <span className="console-nav-menu-icon" aria-hidden="true">
          ☰
        </span>
        {t(current.key)}
        <span aria-hidden="true">▾</span>
      </NavMenu>
    </nav>
  );
}
