import type nl from '../../messages/nl.json';
import type { AppLocale } from './locales';

export type Messages = typeof nl;

/** One JSON file per language in web/messages; Dutch is the reference every other file must match. */
export async function loadMessages(locale: AppLocale): Promise<Messages> {
  switch (locale) {
    case 'nl':
      return (await import('../../messages/nl.json')).default;
    case 'en':
      return (await import('../../messages/en.json')).default;
  }
}
