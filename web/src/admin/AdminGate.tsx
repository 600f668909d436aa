'use client';
import type { Permission } from '@city/domain';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { usePermission } from '../data/use-session';
import { IntentLink } from '../ui/IntentLink';

/**
 * An admin screen's frame: its title, and its content only for a session that holds `permission`.
 * Anyone else who opens the URL reads why not, instead of a blank page or a wall of refusals; the
 * server refuses the calls anyway.
 */
export function AdminGate({
  permission,
  title,
  children,
}: {
  permission: Permission;
  title: string;
  children: ReactNode;
}) {
  const t = useTranslations('admin');
  const check = usePermission(permission);
  return (
    <main className="admin-page" aria-labelledby="admin-title">
      <div className="admin-content">
        <h1 className="admin-title" id="admin-title">
          {title}
        </h1>
        {check.allowed ? (
          children
        ) : check.reason === 'role' ? (
          <section className="admin-refused" data-testid="admin-refused">
            <h2 className="admin-refused-title">{t('refused.title')}</h2>
            <p>{t('refused.text')}</p>
            <IntentLink className="button button-secondary" href="/">
              {t('refused.back')}
            </IntentLink>
          </section>
        ) : (
          <p className="admin-note">{t(`status.${check.reason}`)}</p>
        )}
      </div>
    </main>
  );
}
