'use client';
import type { Permission } from '@city/domain';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { usePermission } from '../data/use-session';

const ENTRIES = [
  { href: '/admin/users', key: 'users', permission: 'users.manage' },
  { href: '/admin/displays', key: 'displays', permission: 'users.manage' },
  { href: '/audit', key: 'audit', permission: 'audit.read' },
  { href: '/admin/settings', key: 'settings', permission: 'users.manage' },
] as const satisfies readonly { href: string; key: string; permission: Permission | null }[];

/**
 * The header's way to the admin screens. Absent for anyone who may use none of them (a wall display,
 * an operator): a control they may not use is not offered at all.
 */
export function AdminNav() {
  const t = useTranslations('admin.nav');
  const pathname = usePathname();
  const manage = usePermission('users.manage').allowed;
  const audit = usePermission('audit.read').allowed;
  if (!manage && !audit) return null;
  const may = (permission: Permission | null) =>
    permission === null || (permission === 'audit.read' ? audit : manage);
  return (
    <nav className="admin-nav" aria-label={t('label')} data-testid="admin-nav">
      {ENTRIES.filter((entry) => may(entry.permission)).map((entry) => (
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
