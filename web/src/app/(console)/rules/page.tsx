import { getTranslations } from 'next-intl/server';
import { RulesScreen } from '../../../rules/RulesScreen';
import '../../../admin/admin.css';
import '../../../rules/rules.css';

export async function generateMetadata() {
  const [t, app] = await Promise.all([getTranslations('rules'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** Alarm limits: every role sees them, engineers change them (the screen hides what a role may not use). */
export default function Page() {
  return <RulesScreen />;
}
