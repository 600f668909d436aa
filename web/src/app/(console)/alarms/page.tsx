import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { AlarmsScreen } from '../../../alarms/AlarmsScreen';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('alarms'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** The alarm list, filtered by what the address says; live from the console's realtime connection. */
export default function AlarmsPage() {
  // The screen reads its filter from the search params, which exist only in the browser's request.
  return (
    <Suspense>
      <AlarmsScreen />
    </Suspense>
  );
}
