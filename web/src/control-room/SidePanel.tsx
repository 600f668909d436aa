'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { useMemo, useRef } from 'react';
import { useFrameTelemetry } from '../data/realtime/use-frame-telemetry';
import type { MapSelection } from '../map/map-selection';
import { panelRows } from '../map/panel-rows';
import type { ControlRoomState } from './console-state';
import { AssetRow, SectionHeader } from './LayerTable';

/**
 * How often the panel's numbers change at most. Once a second is as fast as a list can be read, and
 * under a city-wide feed each change is a repaint of the panel: on a software renderer that repaint
 * competes with the map's frames for the GPU, and values on the map arrived later for it.
 */
const PANEL_REFRESH_MS = 1_000;
const SECTION_HEIGHT = 112;
const ROW_HEIGHT = 68;

/**
 * The assets of the shown layers in the chosen district, one section per layer, with their live
 * values. One virtual list: a scaled city has ten thousand rows, and only those in view are in the page.
 */
export function SidePanel({ state, selection }: { state: ControlRoomState; selection: MapSelection }) {
  const t = useTranslations('map.panel');
  const { catalog, catalogError } = state;
  const { values } = useFrameTelemetry(undefined, PANEL_REFRESH_MS);
  const rows = useMemo(() => (catalog ? panelRows(catalog, selection) : []), [catalog, selection]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'section' ? SECTION_HEIGHT : ROW_HEIGHT),
    overscan: 12,
  });
  if (!catalog) {
    return (
      <div className="asset-panel">
        <p className={catalogError ? 'panel-note panel-error' : 'panel-note'}>
          {catalogError ? t('error', { error: catalogError }) : t('loading')}
        </p>
      </div>
    );
  }
  return (
    <section
      ref={scroller}
      className={`asset-panel panel-link-${state.link.status}`}
      aria-label={t('label')}
      data-testid="asset-panel"
      data-rows={rows.filter((row) => row.kind === 'asset').length}
    >
      {rows.length === 0 && <p className="panel-note">{t('empty')}</p>}
      <div className="virtual-body" style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              className="virtual-row"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              {row.kind === 'section' ? <SectionHeader row={row} /> : <AssetRow row={row} values={values} />}
            </div>
          );
        })}
      </div>
    </section>
  );
}
