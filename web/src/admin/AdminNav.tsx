'use client';
import type { Permission } from '@city/domain';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { usePermission } from '../data/use-session';
import { NavMenu } from '../ui/NavMenu';

const ENTRIES = [
  { href: '/admin/users', key: 'users', permission: 'users.manage' },
  { href: '/admin/displays', key: 'displays', permission: 'users.manage' },
  { href: '/audit', key: 'audit', permission: 'audit.read' },
  { href: '/admin/settings', key: 'settings', permission: 'users.manage' },
] as const satisfies readonly { href: string; key: string; permission: Permission }[];

/**
 * The admin screens, behind one "Administration" menu in the header: used rarely, so they do not
 * take the room the operator's screens need. Absent for anyone who may use none of them (a wall
 * display, an operator): a control they may not use is not offered at all.
 */
export function AdminNav() {
  const t = useTranslations('admin.nav');
  const pathname = usePathname();
  const manage = usePermission('users.manage').allowed;
  const audit = usePermission('audit.read').allowed;
  if (!manage && !audit) return null;
  const entries = ENTRIES.filter((entry) => (entry.permission === 'audit.read' ? audit : manage));
  const current = entries.find((entry) => pathname === entry.href);
  return (
    <nav className="admin-nav" aria-label={t('label')} data-testid="admin-nav">
      <NavMenu
        entries={entries.map((entry) => ({ href: entry.href, label: t(entry.key) }))}
        buttonClassName="admin-nav-link admin-nav-trigger"
        popoverClassName="menu-popover admin-nav-menu"
        current={current !== undefined}
      >
        {current ? t(current.key) : t('label')} <span aria-hidden="true">▾</span>
      </NavMenu>
    </nav>
  );
}
