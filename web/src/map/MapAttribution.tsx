'use client';
import { useTranslations } from 'next-intl';

/** Data sources, shown on the map itself as their licences ask. See public/basemap/SOURCE.md. */
export function MapAttribution() {
  const t = useTranslations('map.attribution');
  return (
    <div className="attribution" data-testid="map-attribution" role="note" aria-label={t('label')}>
      <span>{t('source', { name: 'Luchtmeetnet (RIVM/GGD Amsterdam)' })}</span>
      <span>{t('source', { name: 'NDW' })}</span>
      <span>{t('basemap')}</span>
    </div>
  );
}
