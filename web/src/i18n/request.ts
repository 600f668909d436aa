import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { APP_FORMATS } from './formats';
import { CITY_TIME_ZONE, LOCALE_COOKIE, resolveLocale } from './locales';
import { loadMessages } from './messages';

/** No locale in the URL: the `locale` cookie decides, else the browser's Accept-Language, else Dutch. */
export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get('accept-language'));
  return { locale, messages: await loadMessages(locale), timeZone: CITY_TIME_ZONE, formats: APP_FORMATS };
});
