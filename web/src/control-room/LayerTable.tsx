import type { Asset, Channel, LatestValue } from '@city/domain';
import type { PanelColumn } from '../map/layers/panel-columns';
import { formatClock, type ReadoutQuality, readoutOf } from './readout';

const QUALITY_TAGS: Partial<Record<ReadoutQuality, string>> = {
  bad: 'BAD',
  uncertain: 'UNCERTAIN',
  'no-data': 'NO DATA',
};

export interface LayerTableProps {
  title: string;
  assets: Asset[];
  channelsByAsset: ReadonlyMap<string, Channel[]>;
  values: ReadonlyMap<string, LatestValue>;
  /** The layer's columns, in order; without them, one column per metric its assets have. */
  columns?: readonly PanelColumn[] | undefined;
}

/**
 * One map layer as a table: a row per asset, a column per metric (unit in the header, once), so
 * a whole layer fits the panel and columns can be compared at a glance from across the room.
 */
export function LayerTable({ title, assets, channelsByAsset, values, columns: chosen }: LayerTableProps) {
  const columns = metricColumns(assets, channelsByAsset, chosen);
  const template = { gridTemplateColumns: `minmax(0, 1fr) repeat(${columns.length}, var(--cell-width))` };
  return (
    <section className="layer-table">
      <h2 className="section-title">
        {title}
        <span className="section-count">{assets.length}</span>
      </h2>
      <div className="table-row table-head" style={template}>
        <span />
        {columns.map((column) => (
          <span key={column.metric} className="column-head">
            {column.name}
            <span className="column-unit">{column.unit}</span>
          </span>
        ))}
      </div>
      {assets.map((asset) => {
        const channels = channelsByAsset.get(asset.id) ?? [];
        const newest = Math.max(0, ...channels.map((channel) => values.get(channel.id)?.sourceTime ?? 0));
        return (
          <div
            key={asset.id}
            className="table-row asset-row"
            style={template}
            data-testid={`asset-${asset.id}`}
          >
            <div className="asset-cell">
              <span className="asset-name">{asset.name}</span>
              <span className="asset-meta">
                {[asset.district, newest > 0 ? formatClock(newest) : null].filter(Boolean).join(' · ')}
              </span>
            </div>
            {columns.map((column) => {
              const channel = channels.find((candidate) => candidate.metric === column.metric);
              return channel ? (
                <ValueCell key={column.metric} channel={channel} latest={values.get(channel.id)} />
              ) : (
                <span key={column.metric} />
              );
            })}
          </div>
        );
      })}
    </section>
  );
}

function ValueCell({ channel, latest }: { channel: Channel; latest: LatestValue | undefined }) {
  const readout = readoutOf(channel, latest);
  const tag = QUALITY_TAGS[readout.quality];
  const when = readout.sourceTime ? `measured ${new Date(readout.sourceTime).toISOString()}` : 'no data yet';
  return (
    <div
      className={`value-cell quality-${readout.quality}`}
      title={[`${channel.name} (${channel.unit})`, readout.status, when].filter(Boolean).join(' · ')}
    >
      {tag && <span className="quality-tag">{tag}</span>}
      <span
        className="value"
        data-testid={`value-${channel.id}`}
        data-source-time={readout.sourceTime ?? ''}
        data-value={readout.value ?? ''}
        data-quality={readout.quality}
      >
        {readout.text}
      </span>
    </div>
  );
}

interface MetricColumn {
  metric: string;
  name: string;
  unit: string;
}

/** The chosen columns that some asset has, with the unit from its channel; else every metric in first-seen order. */
function metricColumns(
  assets: Asset[],
  channelsByAsset: ReadonlyMap<string, Channel[]>,
  chosen: readonly PanelColumn[] | undefined,
): MetricColumn[] {
  const found = new Map<string, Channel>();
  for (const asset of assets) {
    for (const channel of channelsByAsset.get(asset.id) ?? []) {
      if (!found.has(channel.metric)) found.set(channel.metric, channel);
    }
  }
  if (!chosen) {
    return [...found.values()].map((channel) => ({
      metric: channel.metric,
      name: channel.name,
      unit: channel.unit,
    }));
  }
  return chosen.flatMap(({ metric, label }) => {
    const channel = found.get(metric);
    return channel ? [{ metric, name: label, unit: channel.unit }] : [];
  });
}
