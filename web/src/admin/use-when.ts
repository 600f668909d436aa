'use client';
import { useFormatter, useTranslations } from 'next-intl';

/**
 * A moment from the API (an ISO string: the tRPC client has no transformer) in the page's language
 * and the city's time zone (set once in i18n/request.ts), or "never" for null.
 */
export function useWhen(): (iso: string | Date | null | undefined) => string {
  const format = useFormatter();
  const t = useTranslations('admin');
  return (iso) => (iso ? format.dateTime(new Date(iso), 'stampMinutes') : t('never'));
}
