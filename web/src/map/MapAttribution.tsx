'use client';
import { useTranslations } from 'next-intl';

/**
 * Data sources, shown on the map itself as their licences ask: ours (public/basemap/SOURCE.md), or
 * the credits a city's own base-map style names.
 */
export function MapAttribution({ basemapCredits }: { basemapCredits: string[] | null }) {
  const t = useTranslations('map.attribution');
  return (
    <div className="attribution" data-testid="map-attribution" role="note" aria-label={t('label')}>
      <span>{t('source', { name: 'Luchtmeetnet (RIVM/GGD Amsterdam)' })}</span>
      <span>{t('source', { name: 'NDW' })}</span>
      {basemapCredits ? (
        basemapCredits.map((credit) => <span key={credit}>{credit}</span>)
      ) : (
        <span>{t('basemap')}</span>
      )}
    </div>
  );
}
