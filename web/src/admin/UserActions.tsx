'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Button } from 'react-aria-components';
import { ADMIN_KEYS, adminApi, errorText } from '../data/admin-api';
import { ConfirmAction } from './ConfirmAction';
import type { Invitation } from './CreateUserForm';
import { RoleSelect } from './RoleSelect';
import type { Account } from './UsersTable';

/** Changes the role at once (no confirmation: it is undone the same way, and audited). */
export function UserRoleCell({ user, isSelf }: { user: Account; isSelf: boolean }) {
  const t = useTranslations('admin.users');
  const client = useQueryClient();
  const setRole = useMutation({
    mutationFn: (role: Account['role']) => adminApi().admin.users.setRole.mutate({ name: user.name, role }),
    onSettled: () => client.invalidateQueries({ queryKey: ADMIN_KEYS.users }),
  });
  return (
    <div className="admin-cell-stack">
      <RoleSelect
        label={t('roleOf', { name: user.displayName })}
        hideLabel
        value={user.role}
        onChange={(role) => setRole.mutate(role)}
        // An admin who demotes themself locks themself out of this screen; another admin must do it.
        isDisabled={isSelf || setRole.isPending}
      />
      {setRole.error && (
        <p className="form-error" role="alert">
          {errorText(setRole.error)}
        </p>
      )}
    </div>
  );
}

/** A new setup link, disable/enable, and sign out everywhere; the destructive ones ask first. */
export function UserActions({
  user,
  isSelf,
  onInvited,
}: {
  user: Account;
  isSelf: boolean;
  onInvited: (invitation: Invitation) => void;
}) {
  const t = useTranslations('admin.users');
  const client = useQueryClient();
  const api = adminApi().admin.users;
  const refresh = () => client.invalidateQueries({ queryKey: ADMIN_KEYS.users });
  const invite = useMutation({
    mutationFn: () => api.invite.mutate({ name: user.name }),
    onSuccess: (result) =>
      onInvited({ name: user.name, setupPath: result.setupPath, expiresAt: String(result.expiresAt) }),
    onSettled: refresh,
  });
  const enable = useMutation({
    mutationFn: () => api.setDisabled.mutate({ name: user.name, disabled: false }),
    onSettled: refresh,
  });
  const who = { name: user.displayName };

  return (
    <div className="admin-actions">
      <Button
        className="button button-secondary"
        onPress={() => invite.mutate()}
        isDisabled={invite.isPending}
      >
        {t('invite')}
      </Button>
      {user.disabled ? (
        <Button
          className="button button-secondary"
          onPress={() => enable.mutate()}
          isDisabled={enable.isPending}
        >
          {t('enable')}
        </Button>
      ) : (
        <ConfirmAction
          label={t('disable')}
          title={t('disableTitle', who)}
          consequence={t('disableText', who)}
          confirm={t('disable')}
          isDisabled={isSelf}
          onConfirm={() => api.setDisabled.mutate({ name: user.name, disabled: true }).finally(refresh)}
        />
      )}
      <ConfirmAction
        label={t('signOut')}
        title={t('signOutTitle', who)}
        consequence={t(isSelf ? 'signOutSelfText' : 'signOutText', who)}
        confirm={t('signOut')}
        onConfirm={() => api.signOutEverywhere.mutate({ name: user.name }).finally(refresh)}
      />
      {(invite.error ?? enable.error) && (
        <p className="form-error" role="alert">
          {errorText(invite.error ?? enable.error)}
        </p>
      )}
    </div>
  );
}
