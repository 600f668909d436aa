/**
 * The screens' languages: Dutch, the city's language, first; English for guests and contractors.
 * Browser-safe: the language switch and the server's request config both read it.
 */
export const LOCALES = ['nl', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'nl';
/** Every time on screen is the city's, whatever zone the browser (or a wall PC set to UTC) is in. */
export const CITY_TIME_ZONE = 'Europe/Amsterdam';
/** Set by the language switch; wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = 'locale';
/** A year: the choice belongs to the screen, not to a session. */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The cookie if it names a known locale, else the first supported language of Accept-Language by its
 * q-weight (`en-GB` counts as `en`), else Dutch.
 */
export function resolveLocale(
  cookie: string | undefined,
  acceptLanguage: string | null | undefined,
): AppLocale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        language: tag.trim().toLowerCase().split('-')[0],
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The cookie string the language switch writes. */
export function localeCookie(locale: AppLocale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_S}; SameSite=Lax`;
}
