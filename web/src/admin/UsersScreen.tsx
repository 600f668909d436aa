'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { CreateUserForm, type Invitation } from './CreateUserForm';
import { OneTimeSecret } from './OneTimeSecret';
import { UsersTable } from './UsersTable';

/** /admin/users: people's accounts (wall displays have their own screen). */
export function UsersScreen() {
  const t = useTranslations('admin.users');
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const users = useQuery({
    queryKey: ADMIN_KEYS.users,
    queryFn: () => adminApi().admin.users.list.query({ kind: 'user' }),
  });

  return (
    <>
      {invitation ? (
        <OneTimeSecret
          variant="link"
          label={t('linkFor', { name: invitation.name })}
          value={`${window.location.origin}${invitation.setupPath}`}
          expiresAt={invitation.expiresAt}
          note={t('linkNote')}
          onDone={() => setInvitation(null)}
        />
      ) : (
        <CreateUserForm onCreated={setInvitation} />
      )}
      <h2 className="admin-section-title">{t('listTitle')}</h2>
      {users.error ? (
        <p className="form-error" role="alert">
          {errorText(users.error)}
        </p>
      ) : users.data ? (
        <UsersTable users={users.data} onInvited={setInvitation} />
      ) : (
        <p className="admin-note">{t('loading')}</p>
      )}
    </>
  );
}
