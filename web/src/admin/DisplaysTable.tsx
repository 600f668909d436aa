'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Button, Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import type { Api } from '../data/api';
import { ConfirmAction } from './ConfirmAction';
import type { Pairing } from './DisplaysScreen';
import { StateTag } from './StateTag';
import { useWhen } from './use-when';

type Display = Awaited<ReturnType<Api['admin']['displays']['list']['query']>>[number];

/** Every wall display: paired or waiting for its code, when it was last seen, and its actions. */
export function DisplaysTable({ displays, onCode }: { displays: Display[]; onCode: (p: Pairing) => void }) {
  const t = useTranslations('admin.displays');
  const when = useWhen();
  return (
    <div className="table-scroll">
      <Table aria-label={t('tableLabel')} className="data-table" data-testid="displays-table">
        <TableHeader>
          <Column isRowHeader>{t('display')}</Column>
          <Column>{t('state')}</Column>
          <Column>{t('pairedAt')}</Column>
          <Column>{t('lastSeen')}</Column>
          <Column>{t('actions')}</Column>
        </TableHeader>
        <TableBody items={displays} renderEmptyState={() => t('empty')}>
          {(display) => (
            <Row id={display.name} className="data-row" data-testid={`display-${display.name}`}>
              <Cell>
                <span className="admin-primary">{display.displayName}</span>
                <span className="admin-secondary">{display.name}</span>
              </Cell>
              <Cell>
                {display.paired ? (
                  <StateTag tone="normal">{t('paired')}</StateTag>
                ) : display.codeExpiresAt ? (
                  <StateTag tone="pending">{t('waiting', { time: when(display.codeExpiresAt) })}</StateTag>
                ) : (
                  <StateTag tone="abnormal">{t('unpaired')}</StateTag>
                )}
              </Cell>
              <Cell>{when(display.pairedAt)}</Cell>
              <Cell>{when(display.lastSeenAt)}</Cell>
              <Cell>
                <DisplayActions display={display} onCode={onCode} />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

function DisplayActions({ display, onCode }: { display: Display; onCode: (p: Pairing) => void }) {
  const t = useTranslations('admin.displays');
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ADMIN_KEYS.displays });
  const newCode = useMutation({
    mutationFn: () => adminApi().admin.displays.newCode.mutate({ name: display.name }),
    onSuccess: (result) =>
      onCode({ name: display.displayName, code: result.code, expiresAt: String(result.expiresAt) }),
    onSettled: refresh,
  });
  const who = { name: display.displayName };
  return (
    <div className="admin-actions">
      <Button
        className="button button-secondary"
        onPress={() => newCode.mutate()}
        isDisabled={newCode.isPending}
      >
        {t('newCode')}
      </Button>
      <ConfirmAction
        label={t('revoke')}
        title={t('revokeTitle', who)}
        consequence={t('revokeText', who)}
        confirm={t('revoke')}
        onConfirm={() => adminApi().admin.displays.revoke.mutate({ name: display.name }).finally(refresh)}
      />
      {newCode.error && (
        <p className="form-error" role="alert">
          {errorText(newCode.error)}
        </p>
      )}
    </div>
  );
}
