'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import type { Api } from '../data/api';
import { ConfirmAction } from './ConfirmAction';
import { StateTag } from './StateTag';
import { WebhookForm } from './WebhookForm';

type Webhook = Awaited<ReturnType<Api['admin']['webhooks']['list']['query']>>[number];

/** Receivers of urgent alarms: the list, a new one (its secret shown once), test and delete. */
export function WebhooksSection() {
  const t = useTranslations('admin.webhooks');
  const hooks = useQuery({
    queryKey: ADMIN_KEYS.webhooks,
    queryFn: () => adminApi().admin.webhooks.list.query(),
  });
  return (
    <section className="form-panel admin-form" aria-labelledby="webhooks-title">
      <h2 className="admin-section-title" id="webhooks-title">
        {t('title')}
      </h2>
      <p className="admin-note">{t('intro')}</p>
      {hooks.error ? (
        <p className="form-error" role="alert">
          {errorText(hooks.error)}
        </p>
      ) : (
        <div className="table-scroll">
          <Table aria-label={t('title')} className="data-table">
            <TableHeader>
              <Column isRowHeader>{t('name')}</Column>
              <Column>{t('priority')}</Column>
              <Column>{t('state')}</Column>
              <Column>{t('actions')}</Column>
            </TableHeader>
            <TableBody items={hooks.data ?? []} renderEmptyState={() => t('empty')}>
              {(hook) => (
                <Row id={hook.id} className="data-row">
                  <Cell>
                    <span className="admin-primary">{hook.name}</span>
                    <span className="admin-secondary admin-code">{hook.url}</span>
                  </Cell>
                  <Cell>{t('upTo', { priority: hook.maxPriority })}</Cell>
                  <Cell>
                    {hook.enabled ? (
                      <StateTag tone="normal">{hook.signed ? t('signed') : t('unsigned')}</StateTag>
                    ) : (
                      <StateTag tone="abnormal">{t('off')}</StateTag>
                    )}
                  </Cell>
                  <Cell>
                    <WebhookActions hook={hook} />
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
      <WebhookForm />
    </section>
  );
}

function WebhookActions({ hook }: { hook: Webhook }) {
  const t = useTranslations('admin.webhooks');
  const client = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const api = adminApi().admin.webhooks;
  const refresh = () => client.invalidateQueries({ queryKey: ADMIN_KEYS.webhooks });
  const toggle = useMutation({
    mutationFn: () => api.update.mutate({ id: hook.id, enabled: !hook.enabled }),
    onSettled: refresh,
  });
  const test = useMutation({
    mutationFn: () => api.test.mutate({ id: hook.id }),
    onSuccess: (r) =>
      setResult(
        r.ok
          ? t('testOk', { status: r.status ?? 0 })
          : t('testFailed', { error: r.error ?? String(r.status) }),
      ),
  });
  return (
    <div className="admin-actions">
      <Button className="button button-secondary" onPress={() => test.mutate()} isDisabled={test.isPending}>
        {t('test')}
      </Button>
      <Button
        className="button button-secondary"
        onPress={() => toggle.mutate()}
        isDisabled={toggle.isPending}
      >
        {hook.enabled ? t('turnOff') : t('turnOn')}
      </Button>
      <ConfirmAction
        label={t('delete')}
        title={t('deleteTitle', { name: hook.name })}
        consequence={t('deleteText')}
        confirm={t('delete')}
        onConfirm={() => api.delete.mutate({ id: hook.id }).finally(refresh)}
      />
      <span role="status" className="admin-note">
        {result ?? errorText(test.error ?? toggle.error) ?? ''}
      </span>
    </div>
  );
}
