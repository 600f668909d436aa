'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { AUDIT_MAX_DAYS } from '../shared/admin-contract';
import { TextInput } from './TextInput';

/** As typed: `from`/`to` are datetime-local values in the browser's zone (the city's, on its screens). */
export interface AuditFilter {
  user: string;
  action: string;
  from: string;
  to: string;
}

/** The audit filter; applied on submit so a half-typed name does not query on every key. */
export function AuditFilterForm({
  initial,
  onApply,
}: {
  initial: AuditFilter;
  onApply: (f: AuditFilter) => void;
}) {
  const t = useTranslations('admin.audit');
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof AuditFilter) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="form-panel admin-form" onSubmit={submit} aria-label={t('filter')}>
      <div className="admin-form-fields admin-form-fields-4">
        <TextInput label={t('user')} name="user" value={draft.user} onChange={set('user')} />
        <TextInput
          label={t('action')}
          hint={t('actionHint')}
          name="action"
          value={draft.action}
          onChange={set('action')}
        />
        <TextInput
          label={t('from')}
          hint={t('fromHint')}
          name="from"
          type="datetime-local"
          value={draft.from}
          onChange={set('from')}
        />
        <TextInput
          label={t('to')}
          hint={t('toHint', { days: AUDIT_MAX_DAYS })}
          name="to"
          type="datetime-local"
          value={draft.to}
          onChange={set('to')}
        />
      </div>
      <div className="admin-form-actions">
        <Button type="submit" className="button button-primary">
          {t('apply')}
        </Button>
      </div>
    </form>
  );
}
