'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { RETENTION_LIMITS } from '../shared/admin-contract';
import { TextInput } from './TextInput';

type Key = keyof typeof RETENTION_LIMITS;
const KEYS: Key[] = ['auditDays', 'rawDays', 'hourDays'];
type Draft = Record<Key, string>;

/** Blank means "keep for ever" where the server allows it (raw and hourly, not audit). */
const parse = (value: string) => (value.trim() === '' ? null : Number(value));

/** How many days audit rows, raw readings and hourly rollups are kept. */
export function RetentionForm() {
  const t = useTranslations('admin.retention');
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ADMIN_KEYS.retention,
    queryFn: () => adminApi().admin.retention.get.query(),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (current.data && !draft)
      setDraft({
        auditDays: String(current.data.auditDays),
        rawDays: current.data.rawDays === null ? '' : String(current.data.rawDays),
        hourDays: current.data.hourDays === null ? '' : String(current.data.hourDays),
      });
  }, [current.data, draft]);
  const save = useMutation({
    mutationFn: (values: Draft) =>
      adminApi().admin.retention.set.mutate({
        auditDays: Number(values.auditDays),
        rawDays: parse(values.rawDays),
        hourDays: parse(values.hourDays),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ADMIN_KEYS.retention }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft) save.mutate(draft);
  }

  return (
    <form className="form-panel admin-form" onSubmit={submit} aria-labelledby="retention-title">
      <h2 className="admin-section-title" id="retention-title">
        {t('title')}
      </h2>
      {current.error && (
        <p className="form-error" role="alert">
          {errorText(current.error)}
        </p>
      )}
      {draft && (
        <div className="admin-form-fields">
          {KEYS.map((key) => (
            <TextInput
              key={key}
              label={t(key)}
              hint={t(`${key}Hint`, RETENTION_LIMITS[key])}
              name={key}
              type="number"
              value={draft[key]}
              onChange={(value) => setDraft({ ...draft, [key]: value })}
              isRequired={key === 'auditDays'}
            />
          ))}
        </div>
      )}
      <div className="admin-form-actions">
        <Button type="submit" className="button button-primary" isDisabled={!draft || save.isPending}>
          {save.isPending ? t('saving') : t('save')}
        </Button>
        <span role="status" className="admin-note">
          {save.isSuccess ? t('saved') : ''}
        </span>
        {save.error && (
          <p className="form-error" role="alert">
            {errorText(save.error)}
          </p>
        )}
      </div>
    </form>
  );
}
