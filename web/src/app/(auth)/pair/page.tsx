import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { safeNextPath } from '../../../sign-in/next-path';
import { PairForm } from '../../../sign-in/PairForm';
import type { SearchParams } from '../search-params';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('pair'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** A wall screen pairs itself here; afterwards it shows `?next=` (the wall, once it exists) or the console. */
export default async function PairPage({ searchParams }: { searchParams: SearchParams }) {
  const [{ next }, t] = await Promise.all([searchParams, getTranslations('pair')]);
  return (
    <section className="auth-card" aria-labelledby="auth-title">
      <h1 className="auth-title" id="auth-title">
        {t('title')}
      </h1>
      <p className="auth-intro">{t('intro')}</p>
      <PairForm next={safeNextPath(next)} />
    </section>
  );
}
