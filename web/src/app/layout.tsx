import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import './globals.css';
import './topbar.css';
import './panes.css';
import './controls.css';
import { cssVariables, GREYS } from '../ui/tokens';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: t('title'), description: t('description') };
}

export const viewport: Viewport = { themeColor: GREYS.bg, colorScheme: 'dark' };

/**
 * Every screen: the document in the request's language (the `locale` cookie, else Accept-Language,
 * else Dutch). Route groups add their own shells: (console) and (auth) now, (wall) and (field) later.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <head>
        <style id="design-tokens">{cssVariables()}</style>
      </head>
      <body>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
