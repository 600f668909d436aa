import { getTranslations } from 'next-intl/server';
import { AdminGate } from '../../../../admin/AdminGate';
import { DisplaysScreen } from '../../../../admin/DisplaysScreen';
import '../../../../admin/admin.css';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('admin.displays'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** Wall displays and their pairing codes. */
export default async function Page() {
  const t = await getTranslations('admin.displays');
  return (
    <AdminGate permission="users.manage" title={t('title')}>
      <DisplaysScreen />
    </AdminGate>
  );
}
