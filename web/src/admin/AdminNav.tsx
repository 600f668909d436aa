'use client';
import type { Permission } from '@city/domain';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { usePermission } from '../data/use-session';

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
  const router = useRouter();
  const manage = usePermission('users.manage').allowed;
  const audit = usePermission('audit.read').allowed;
  if (!manage && !audit) return null;
  const entries = ENTRIES.filter((entry) => (entry.permission === 'audit.read' ? audit : manage));
  const current = entries.find((entry) => pathname === entry.href);
  return (
    <nav className="admin-nav" aria-label={t('label')} data-testid="admin-nav">
      <MenuTrigger>
        <Button className="admin-nav-link admin-nav-trigger" aria-current={current ? 'page' : undefined}>
          {current ? t(current.key) : t('label')} <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="menu-popover admin-nav-menu" placement="bottom start">
          <Menu className="menu" onAction={(key) => router.push(String(key))}>
            {entries.map((entry) => (
              <MenuItem
                key={entry.href}
                id={entry.href}
                className="menu-item"
                aria-current={pathname === entry.href ? 'page' : undefined}
              >
                {t(entry.key)}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
    </nav>
  );
}
