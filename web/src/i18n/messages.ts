import type nlAlarms from '../../messages/nl/alarms.json';
import type nlAsset from '../../messages/nl/asset.json';
import type nlConsole from '../../messages/nl/console.json';
import type nlKpis from '../../messages/nl/kpis.json';
import type nlMap from '../../messages/nl/map.json';
import type nlMetrics from '../../messages/nl/metrics.json';
import type nlRules from '../../messages/nl/rules.json';
import type nlSearch from '../../messages/nl/search.json';
import type nl from '../../messages/nl.json';
import type { AppLocale } from './locales';

/**
 * Dutch is the reference every other language must match. Screens that grow their own vocabulary keep
 * it in messages/<locale>/<namespace>.json, merged here under that namespace.
 */
export type Messages = typeof nl & {
  alarms: typeof nlAlarms;
  asset: typeof nlAsset;
  console: typeof nlConsole;
  kpis: typeof nlKpis;
  map: typeof nlMap;
  metrics: typeof nlMetrics;
  rules: typeof nlRules;
  search: typeof nlSearch;
};

/** The namespaces with a file of their own under messages/<locale>/. */
export const NAMESPACE_FILES = [
  'alarms',
  'asset',
  'console',
  'kpis',
  'map',
  'metrics',
  'rules',
  'search',
] as const;

async function namespaces(locale: AppLocale) {
  const files = await Promise.all(
    NAMESPACE_FILES.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default]),
  );
  return Object.fromEntries(files) as Omit<Messages, keyof typeof nl>;
}

export async function loadMessages(locale: AppLocale): Promise<Messages> {
  const base =
    locale === 'nl'
      ? (await import('../../messages/nl.json')).default
      : (await import('../../messages/en.json')).default;
  return { ...base, ...(await namespaces(locale)) };
}
