'use client';
import type { Channel, LatestValue } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useStateText } from '../i18n/use-metric-words';
import { qualityOf } from '../map/feature-quality';
import { focusAsset } from '../map/map-focus';
import type { PanelColumnOf, PanelRow } from '../map/panel-rows';
import { formatNumber } from './readout';

/** Name column, then one fixed-width column per metric: a layer's rows line up for comparison at a glance. */
export const gridOf = (columns: readonly PanelColumnOf[]) => ({
  gridTemplateColumns: `minmax(0, 1fr) repeat(${columns.length}, var(--cell-width))`,
});

/** A layer's heading with its count and the column heads (unit once, in the head). */
export function SectionHeader({ row }: { row: Extract<PanelRow, { kind: 'section' }> }) {
  const t = useTranslations('map');
  return (
    <div className="panel-section" data-testid={`panel-section-${row.layer}`} data-count={row.count}>
      <h2 className="section-title">
        {t(`layers.${row.layer}`)}
        <span className="section-count">{row.count}</span>
      </h2>
      <div className="table-row table-head" style={gridOf(row.columns)}>
        <span className="column-head">{t('panel.asset')}</span>
        {row.columns.map((column) => (
          <span key={column.metric} className="column-head">
            {t(`columns.${column.metric}` as 'columns.no2')}
            <span className="column-unit">{column.unit}</span>
          </span>
        ))}
      </div>
    </div>
  );
}

/** One asset: its name (a click flies the map there), district and newest time, and a value per column. */
export function AssetRow({
  row,
  values,
}: {
  row: Extract<PanelRow, { kind: 'asset' }>;
  values: ReadonlyMap<string, LatestValue>;
}) {
  const format = useFormatter();
  const { asset, channels, columns } = row;
  const newest = Math.max(
    0,
    ...[...channels.values()].map((channel) => values.get(channel.id)?.sourceTime ?? 0),
  );
  const time = newest > 0 ? format.dateTime(newest, 'clock') : null;
  return (
    <div
      className="table-row asset-row"
      style={gridOf(columns)}
      data-testid={`asset-${asset.id}`}
      data-layer={row.layer}
    >
      <button type="button" className="asset-cell" onClick={() => focusAsset(asset.id)}>
        <span className="asset-name">{asset.name}</span>
        <span className="asset-meta">{[asset.district, time].filter(Boolean).join(' · ')}</span>
      </button>
      {columns.map((column) => {
        const channel = channels.get(column.metric);
        return channel ? (
          <ValueCell key={column.metric} channel={channel} latest={values.get(channel.id)} />
        ) : (
          <span key={column.metric} />
        );
      })}
    </div>
  );
}

function ValueCell({ channel, latest }: { channel: Channel; latest: LatestValue | undefined }) {
  const t = useTranslations('map.panel');
  const format = useFormatter();
  const stateText = useStateText();
  const quality = qualityOf(latest, Date.now());
  const shown = latest?.value === null || latest === undefined || quality === 'bad' ? null : latest.value;
  // A state column (a pump running, a selector) reads as its word; the number stays in the tooltip.
  const word = stateText(channel.metric, shown);
  const text =
    shown === null
      ? '—'
      : (word?.word ??
        formatNumber(shown, channel.displayRange, (value, decimals) =>
          format.number(value, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
        ));
  const when = latest ? t('measured', { time: format.dateTime(latest.sourceTime, 'clock') }) : t('noData');
  const name = channel.unit ? `${channel.name} (${channel.unit})` : channel.name;
  return (
    <div
      className={`value-cell quality-${quality}`}
      title={[name, word?.raw, when].filter(Boolean).join(' · ')}
    >
      {quality !== 'good' && <span className="quality-tag">{t(`tag.${quality}`)}</span>}
      <span
        className="value"
        data-testid={`value-${channel.id}`}
        data-source-time={latest?.sourceTime ?? ''}
        data-value={latest?.value ?? ''}
        data-quality={quality}
      >
        {text}
      </span>
    </div>
  );
}
