import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

/** The sign-in pages, each with its own messages namespace (title, intro). */
export type AuthPage = 'login' | 'setup' | 'pair';

export async function authPageMetadata(page: AuthPage): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations(page), getTranslations('app')]);
  return { title: `${t('title')} · ${app('title')}` };
}

/** The card every sign-in page is: its title, its intro when there is something to do, and its form. */
export async function AuthCard({
  page,
  intro = true,
  heading,
  children,
}: {
  page: AuthPage;
  intro?: boolean;
  /** Another title and intro than the page's own (the setup page for an invited user). */
  heading?: { title: string; intro: string };
  children: ReactNode;
}) {
  const t = await getTranslations(page);
  return (
    <section className="auth-card" aria-labelledby="auth-title">
      <h1 className="auth-title" id="auth-title">
        {heading?.title ?? t('title')}
      </h1>
      {intro && <p className="auth-intro">{heading?.intro ?? t('intro')}</p>}
      {children}
    </section>
  );
}
