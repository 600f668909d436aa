import { getTranslations } from 'next-intl/server';
import { AdminGate } from '../../../admin/AdminGate';
import { AuditScreen } from '../../../admin/AuditScreen';
import '../../../admin/admin.css';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('admin.audit'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** The audit trail, filtered and paged; the CSV export takes the same filter. */
export default async function Page() {
  const t = await getTranslations('admin.audit');
  return (
    <AdminGate permission="audit.read" title={t('title')}>
      <AuditScreen />
    </AdminGate>
  );
}
