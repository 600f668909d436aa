'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { type AppLocale, LOCALES, localeCookie } from '../i18n/locales';

/**
 * Nederlands | English. Writes the `locale` cookie and re-renders the page on the server in the new
 * language; what was typed into a form stays.
 */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('language');
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(next: AppLocale) {
    if (next === locale) return;
    // biome-ignore lint/suspicious/noDocumentCookie: one preference cookie, read by the server on the next render
    document.cookie = localeCookie(next);
    startTransition(() => router.refresh());
  }

  return (
    <fieldset className="language-switch" aria-busy={pending} data-testid="language-switch">
      <legend className="sr-only">{t('label')}</legend>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-option"
          aria-pressed={option === locale}
          onClick={() => choose(option)}
        >
          {t(option)}
        </button>
      ))}
    </fieldset>
  );
}
