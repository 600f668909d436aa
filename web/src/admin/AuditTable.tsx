'use client';
import { useTranslations } from 'next-intl';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { Api } from '../data/api';
import { useWhen } from './use-when';

type AuditRow = Awaited<ReturnType<Api['admin']['audit']['list']['query']>>['rows'][number];

/** The audit rows as the server keeps them; the action and target are identifiers, shown as such. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations('admin.audit');
  const when = useWhen();
  return (
    <div className="table-scroll">
      <Table aria-label={t('tableLabel')} className="data-table" data-testid="audit-table">
        <TableHeader>
          <Column isRowHeader>{t('at')}</Column>
          <Column>{t('user')}</Column>
          <Column>{t('action')}</Column>
          <Column>{t('target')}</Column>
          <Column>{t('address')}</Column>
        </TableHeader>
        <TableBody items={rows} renderEmptyState={() => t('empty')}>
          {(row) => (
            <Row id={row.id} className="data-row">
              <Cell className="admin-nowrap">{when(row.at)}</Cell>
              <Cell>
                <span className="admin-primary">{row.actor}</span>
                {row.role && <span className="admin-secondary">{row.role}</span>}
              </Cell>
              <Cell className="admin-code">{row.action}</Cell>
              <Cell className="admin-code">{row.target}</Cell>
              <Cell>
                <span className="admin-secondary">{row.address ?? '—'}</span>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
