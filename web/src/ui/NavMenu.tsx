'use client';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';

export interface NavMenuEntry {
  href: string;
  label: string;
}

/**
 * A header menu of screens (React Aria): choosing an entry opens its screen, and the screen shown
 * now is marked as the current page for screen readers.
 */
export function NavMenu({
  entries,
  children,
  buttonClassName,
  popoverClassName = 'menu-popover',
  testId,
  current = false,
}: {
  entries: readonly NavMenuEntry[];
  /** The button's content. */
  children: ReactNode;
  buttonClassName: string;
  popoverClassName?: string;
  testId?: string;
  /** Whether one of the entries is the screen shown now. */
  current?: boolean;
}) {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <MenuTrigger>
      <Button className={buttonClassName} data-testid={testId} aria-current={current ? 'page' : undefined}>
        {children}
      </Button>
      <Popover className={popoverClassName} placement="bottom start">
        <Menu className="menu" onAction={(key) => router.push(String(key))}>
          {entries.map((entry) => (
            <MenuItem
              key={entry.href}
              id={entry.href}
              className="menu-item"
              aria-current={pathname === entry.href ? 'page' : undefined}
            >
              {entry.label}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
