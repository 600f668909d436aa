'use client';
import type { Role } from '@city/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { RoleSelect } from './RoleSelect';
import { TextInput } from './TextInput';

/** The link the server answers, for whoever will set their password with it. */
export interface Invitation {
  name: string;
  setupPath: string;
  expiresAt: string;
}

/** A new person: name, display name and role; answers the one-time setup link for them. */
export function CreateUserForm({ onCreated }: { onCreated: (invitation: Invitation) => void }) {
  const t = useTranslations('admin.users');
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const create = useMutation({
    mutationFn: () =>
      adminApi().admin.users.create.mutate({
        name: name.trim(),
        displayName: displayName.trim() || undefined,
        role,
      }),
    onSuccess: (result) => {
      onCreated({ name: result.user.name, setupPath: result.setupPath, expiresAt: String(result.expiresAt) });
      setName('');
      setDisplayName('');
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.users });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <form className="form-panel admin-form" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 className="admin-section-title" id="create-user-title">
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
          name="displayName"
          value={displayName}
          onChange={setDisplayName}
        />
        <RoleSelect label={t('role')} value={role} onChange={setRole} />
      </div>
      <div className="admin-form-actions">
        <Button type="submit" className="button button-primary" isDisabled={create.isPending || !name.trim()}>
          {create.isPending ? t('creating') : t('create')}
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
