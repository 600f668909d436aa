'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { DisplaysTable } from './DisplaysTable';
import { OneTimeSecret } from './OneTimeSecret';
import { TextInput } from './TextInput';

/** A code to type at /pair on the wall screen. */
export interface Pairing {
  name: string;
  code: string;
  expiresAt: string;
}

/** /admin/displays: wall screens, paired with a short code typed at /pair on the screen itself. */
export function DisplaysScreen() {
  const t = useTranslations('admin.displays');
  const client = useQueryClient();
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const displays = useQuery({
    queryKey: ADMIN_KEYS.displays,
    queryFn: () => adminApi().admin.displays.list.query(),
  });
  const create = useMutation({
    mutationFn: () =>
      adminApi().admin.displays.create.mutate({
        name: name.trim(),
        displayName: displayName.trim() || undefined,
      }),
    onSuccess: (result) => {
      setPairing({ name: result.displayName, code: result.code, expiresAt: String(result.expiresAt) });
      setName('');
      setDisplayName('');
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.displays });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <>
      {pairing ? (
        <OneTimeSecret
          variant="code"
          label={t('codeFor', { name: pairing.name })}
          value={pairing.code}
          expiresAt={pairing.expiresAt}
          note={t('codeNote')}
          onDone={() => setPairing(null)}
        />
      ) : (
        <form className="form-panel admin-form" onSubmit={submit} aria-labelledby="create-display-title">
          <h2 className="admin-section-title" id="create-display-title">
            {t('createTitle')}
          </h2>
          <div className="admin-form-fields">
            <TextInput
              label={t('name')}
              hint={t('nameHint')}
              name="name"
              value={name}
              onChange={setName}
              isRequired
            />
            <TextInput
              label={t('displayName')}
              hint={t('displayNameHint')}
              name="displayName"
              value={displayName}
              onChange={setDisplayName}
            />
          </div>
          <div className="admin-form-actions">
            <Button
              type="submit"
              className="button button-primary"
              isDisabled={create.isPending || !name.trim()}
            >
              {create.isPending ? t('creating') : t('create')}
            </Button>
            {create.error && (
              <p className="form-error" role="alert">
                {errorText(create.error)}
              </p>
            )}
          </div>
        </form>
      )}
      <h2 className="admin-section-title">{t('listTitle')}</h2>
      {displays.error ? (
        <p className="form-error" role="alert">
          {errorText(displays.error)}
        </p>
      ) : displays.data ? (
        <DisplaysTable displays={displays.data} onCode={setPairing} />
      ) : (
        <p className="admin-note">{t('loading')}</p>
      )}
    </>
  );
}
