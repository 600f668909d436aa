'use client';
import { useTranslations } from 'next-intl';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { PriorityShape } from '../ui/PriorityMark';
import type { Emphasis } from './colour-bands';
import { MAP_LAYERS } from './layers/registry';
import type { LegendEntry } from './layers/types';
import type { MapSelection } from './map-selection';

/** Open by default on a wall (plenty of map); folded on a desk or tablet, where it would cover a third of the map. */
const LEGEND_OPEN_FROM_PX = 2200;

function Swatch({ entry }: { entry: LegendEntry }) {
  const { swatch } = entry;
  const emphasis: Emphasis = swatch.emphasis;
  switch (swatch.kind) {
    case 'dot':
      return <span className={`legend-swatch legend-dot emphasis-${emphasis}`} aria-hidden="true" />;
    case 'line':
      return (
        <span
          className={`legend-swatch legend-line emphasis-${emphasis}${swatch.dashed ? ' legend-dashed' : ''}`}
          aria-hidden="true"
        />
      );
    case 'glyph':
      return (
        <span
          className={`legend-swatch legend-glyph emphasis-${emphasis} glyph-${swatch.glyph.length > 1 ? swatch.glyph : 'text'}`}
          aria-hidden="true"
        >
          {swatch.glyph.length === 1 ? swatch.glyph : ''}
        </span>
      );
  }
}

/** Which grey, glyph and shape means what, for the layers shown, with each layer's unit. */
export function MapLegend({ selection }: { selection: MapSelection }) {
  const t = useTranslations('map');
  const shown = MAP_LAYERS.filter((layer) => selection.layers.has(layer.id));
  return (
    <Disclosure
      className="legend"
      data-testid="map-legend"
      defaultExpanded={window.innerWidth > LEGEND_OPEN_FROM_PX}
    >
      <Heading className="legend-heading">
        <Button slot="trigger" className="legend-toggle">
          <span aria-hidden="true" className="legend-chevron">
            ▸
          </span>
          {t('legend.title')}
        </Button>
      </Heading>
      <DisclosurePanel className="legend-panel">
        {shown.map((layer) => (
          <div className="legend-row" key={layer.id} data-layer={layer.id}>
            <div className="legend-title">
              {t(`layers.${layer.titleKey}`)}{' '}
              <span className="legend-unit">{t(`units.${layer.legendUnitKey}` as 'units.no2')}</span>
            </div>
            <ul className="legend-bands">
              {layer.legend.map((entry) => (
                <li key={entry.key}>
                  <Swatch entry={entry} />
                  {t(`legend.${entry.key}` as 'legend.title')}
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="legend-row">
          <div className="legend-title">{t('legend.quality')}</div>
          <ul className="legend-bands">
            <li>
              <span className="legend-swatch legend-glyph legend-quality-uncertain" aria-hidden="true">
                ?
              </span>
              {t('legend.uncertain')}
            </li>
            <li>
              <span className="legend-swatch legend-glyph legend-quality-stale" aria-hidden="true">
                ◷
              </span>
              {t('legend.stale')}
            </li>
            <li>
              <span className="legend-swatch legend-glyph legend-quality-bad" aria-hidden="true">
                ✕
              </span>
              {t('legend.bad')}
            </li>
          </ul>
        </div>
        <div className="legend-row">
          <div className="legend-title">{t('legend.alarms')}</div>
          <ul className="legend-bands legend-priorities">
            {([1, 2, 3, 4] as const).map((priority) => (
              <li key={priority}>
                <PriorityShape priority={priority} size={20} />
              </li>
            ))}
          </ul>
        </div>
      </DisclosurePanel>
    </Disclosure>
  );
}
