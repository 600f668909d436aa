'use client';
import { useTranslations } from 'next-intl';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { Api } from '../data/api';
import { useSession } from '../data/use-session';
import type { Invitation } from './CreateUserForm';
import { StateTag } from './StateTag';
import { UserActions, UserRoleCell } from './UserActions';
import { useWhen } from './use-when';

export type Account = Awaited<ReturnType<Api['admin']['users']['list']['query']>>[number];

/** Every person's account, one row each, with what can be done to it. */
export function UsersTable({ users, onInvited }: { users: Account[]; onInvited: (i: Invitation) => void }) {
  const t = useTranslations('admin.users');
  const when = useWhen();
  const state = useSession();
  const me = state.status === 'signed-in' ? state.view.user.name : null;

  return (
    <div className="table-scroll">
      <Table aria-label={t('tableLabel')} className="data-table" data-testid="users-table">
        <TableHeader>
          <Column isRowHeader>{t('account')}</Column>
          <Column>{t('role')}</Column>
          <Column>{t('state')}</Column>
          <Column>{t('lastSignIn')}</Column>
          <Column>{t('sessions')}</Column>
          <Column>{t('actions')}</Column>
        </TableHeader>
        <TableBody items={users} renderEmptyState={() => t('empty')}>
          {(user) => (
            <Row id={user.name} className="data-row" data-testid={`user-${user.name}`}>
              <Cell>
                <span className="admin-primary">{user.displayName}</span>
                <span className="admin-secondary">{user.name}</span>
                {/* Why this row's role and Disable are greyed out: a disabled control says its reason. */}
                {user.name === me && <span className="admin-secondary admin-self">{t('self')}</span>}
              </Cell>
              <Cell>
                <UserRoleCell user={user} isSelf={user.name === me} />
              </Cell>
              <Cell>
                {user.disabled ? (
                  <StateTag tone="abnormal">{t('disabled')}</StateTag>
                ) : user.pendingCodeExpiresAt ? (
                  <StateTag tone="pending">
                    {t('invited', { time: when(user.pendingCodeExpiresAt) })}
                  </StateTag>
                ) : (
                  <StateTag tone="normal">{t('active')}</StateTag>
                )}
              </Cell>
              <Cell>{when(user.lastSignInAt)}</Cell>
              <Cell className="admin-number">{user.openSessions}</Cell>
              <Cell>
                <UserActions user={user} isSelf={user.name === me} onInvited={onInvited} />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
