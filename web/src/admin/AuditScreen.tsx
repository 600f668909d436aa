'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { AUDIT_CSV_PATH } from '../shared/admin-contract';
import { type AuditFilter, AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';

const PAGE = 100;

/** The filter as the API and the CSV route take it: ISO times, blanks left out. */
function query(filter: AuditFilter) {
  const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);
  return {
    user: filter.user.trim() || undefined,
    action: filter.action.trim() || undefined,
    from: iso(filter.from),
    to: iso(filter.to),
  };
}

function csvHref(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query(filter))) if (value) params.set(key, value);
  return `${AUDIT_CSV_PATH}?${params}`;
}

/** /audit: who did what when, newest first, a page at a time ("older" continues below the last row). */
export function AuditScreen() {
  const t = useTranslations('admin.audit');
  const [filter, setFilter] = useState<AuditFilter>({ user: '', action: '', from: '', to: '' });
  const pages = useInfiniteQuery({
    queryKey: [...ADMIN_KEYS.audit, filter],
    queryFn: ({ pageParam }) =>
      adminApi().admin.audit.list.query({ ...query(filter), limit: PAGE, beforeId: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];

  return (
    <>
      <AuditFilterForm initial={filter} onApply={setFilter} />
      <div className="admin-form-actions">
        {/* A download, not an action: a plain link with the filter as it is applied now. */}
        <a className="button button-secondary" href={csvHref(filter)} download data-testid="audit-csv">
          {t('export')}
        </a>
        <span className="admin-note">{t('exportNote')}</span>
      </div>
      {pages.error ? (
        <p className="form-error" role="alert">
          {errorText(pages.error)}
        </p>
      ) : pages.data ? (
        <>
          <AuditTable rows={rows} />
          <div className="admin-form-actions">
            {pages.hasNextPage ? (
              <Button
                className="button button-secondary"
                onPress={() => void pages.fetchNextPage()}
                isDisabled={pages.isFetchingNextPage}
              >
                {pages.isFetchingNextPage ? t('loading') : t('older')}
              </Button>
            ) : (
              <span className="admin-note">{t('end', { count: rows.length })}</span>
            )}
          </div>
        </>
      ) : (
        <p className="admin-note">{t('loading')}</p>
      )}
    </>
  );
}
