import type { APP_FORMATS } from './formats';
import type { AppLocale } from './locales';
import type { Messages } from './messages';

/** Makes message keys and locales type-checked in every useTranslations / getTranslations call. */
declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Messages;
    Formats: typeof APP_FORMATS;
  }
}
