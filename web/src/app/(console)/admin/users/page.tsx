import { getTranslations } from 'next-intl/server';
import { AdminGate } from '../../../../admin/AdminGate';
import { UsersScreen } from '../../../../admin/UsersScreen';
import '../../../../admin/admin.css';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('admin.users'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** People's accounts: create with a one-time setup link, role, disable, sign out everywhere. */
export default async function Page() {
  const t = await getTranslations('admin.users');
  return (
    <AdminGate permission="users.manage" title={t('title')}>
      <UsersScreen />
    </AdminGate>
  );
}
