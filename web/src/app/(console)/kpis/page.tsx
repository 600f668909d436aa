import { getTranslations } from 'next-intl/server';
import { KpisScreen } from '../../../kpis/KpisScreen';
import '../../../admin/admin.css';
import '../../../kpis/kpis.css';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('kpis'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** Alarm performance (EEMUA 191): every role may look. */
export default function Page() {
  return <KpisScreen />;
}
