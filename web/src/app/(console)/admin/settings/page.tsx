import { getTranslations } from 'next-intl/server';
import { AdminGate } from '../../../../admin/AdminGate';
import { SettingsScreen } from '../../../../admin/SettingsScreen';
import '../../../../admin/admin.css';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('admin.settings'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** Retention of audit rows and readings, and the alarm webhooks. */
export default async function Page() {
  const t = await getTranslations('admin.settings');
  return (
    <AdminGate permission="users.manage" title={t('title')}>
      <SettingsScreen />
    </AdminGate>
  );
}
