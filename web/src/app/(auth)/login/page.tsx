import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '../../../sign-in/LoginForm';
import { safeNextPath } from '../../../sign-in/next-path';
import type { SearchParams } from '../search-params';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('login'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** Where the server sends a signed-out browser, with `?next=` to return to. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const [{ next }, t] = await Promise.all([searchParams, getTranslations('login')]);
  return (
    <section className="auth-card" aria-labelledby="auth-title">
      <h1 className="auth-title" id="auth-title">
        {t('title')}
      </h1>
      <p className="auth-intro">{t('intro')}</p>
      <LoginForm next={safeNextPath(next)} />
    </section>
  );
}
