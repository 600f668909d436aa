import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SetupForm } from '../../../sign-in/SetupForm';
import { firstOf, type SearchParams } from '../search-params';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('setup'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** The first start: the link the server printed carries `?token=`; without it there is nothing to do. */
export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, t] = await Promise.all([searchParams, getTranslations('setup')]);
  const token = firstOf(params.token)?.trim();
  return (
    <section className="auth-card" aria-labelledby="auth-title">
      <h1 className="auth-title" id="auth-title">
        {t('title')}
      </h1>
      {token ? (
        <>
          <p className="auth-intro">{t('intro')}</p>
          <SetupForm token={token} />
        </>
      ) : (
        <p className="form-error" role="alert">
          {t('noToken')}
        </p>
      )}
    </section>
  );
}
