'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { ChoiceSelect } from './ChoiceSelect';
import { OneTimeSecret } from './OneTimeSecret';
import { TextInput } from './TextInput';

const PRIORITIES = [1, 2, 3, 4] as const;

/** A new webhook; a generated secret is in the answer only, so it is shown here once. */
export function WebhookForm() {
  const t = useTranslations('admin.webhooks');
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [maxPriority, setMaxPriority] = useState<(typeof PRIORITIES)[number]>(2);
  const [sign, setSign] = useState(true);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      adminApi().admin.webhooks.create.mutate({
        name: name.trim(),
        url: url.trim(),
        maxPriority,
        generateSecret: sign,
      }),
    onSuccess: (result) => {
      if (result.generatedSecret) setSecret({ name: result.webhook.name, value: result.generatedSecret });
      setName('');
      setUrl('');
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.webhooks });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  if (secret)
    return (
      <OneTimeSecret
        variant="link"
        label={t('secretFor', { name: secret.name })}
        value={secret.value}
        note={t('secretNote')}
        onDone={() => setSecret(null)}
      />
    );
  return (
    <form onSubmit={submit} aria-labelledby="webhook-new-title" className="admin-subform">
      <h3 className="admin-subtitle" id="webhook-new-title">
        {t('createTitle')}
      </h3>
      <div className="admin-form-fields">
        <TextInput label={t('name')} name="name" value={name} onChange={setName} isRequired />
        <TextInput label={t('url')} name="url" type="url" value={url} onChange={setUrl} isRequired />
        <ChoiceSelect
          label={t('priority')}
          options={PRIORITIES}
          optionLabel={(priority) => t('upTo', { priority })}
          value={maxPriority}
          onChange={setMaxPriority}
        />
      </div>
      <Checkbox className="checkbox" isSelected={sign} onChange={setSign}>
        <span className="checkbox-box" aria-hidden="true">
          {sign ? '✓' : ''}
        </span>
        {t('generateSecret')}
      </Checkbox>
      <div className="admin-form-actions">
        <Button
          type="submit"
          className="button button-primary"
          isDisabled={create.isPending || !name.trim() || !url.trim()}
        >
          {t('create')}
        </Button>
        {create.error && (
          <p className="form-error" role="alert">
            {errorText(create.error)}
          </p>
        )}
      </div>
    </form>
  );
}
