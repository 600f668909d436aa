import type { Channel, Layer } from '@city/domain';
import { AIR_PANEL_COLUMNS } from '../map/layers/air/panel';
import type { PanelColumn } from '../map/layers/panel-columns';
import { TRAFFIC_PANEL_COLUMNS } from '../map/layers/traffic/panel';
import type { ControlRoomState } from './console-state';
import { LayerTable } from './LayerTable';

const SECTIONS: ReadonlyArray<{ layer: Layer; title: string; columns?: readonly PanelColumn[] }> = [
  { layer: 'air', title: 'Air quality', columns: AIR_PANEL_COLUMNS },
  { layer: 'traffic', title: 'Traffic', columns: TRAFFIC_PANEL_COLUMNS },
  { layer: 'sewer', title: 'Sewer' },
  { layer: 'lighting', title: 'Street lighting' },
];

/** Every asset with its channel values, one table per map layer. */
export function SidePanel({ state }: { state: ControlRoomState }) {
  const { catalog, catalogError, values } = state;
  if (!catalog) {
    return (
      <aside className="panel">
        <p className={catalogError ? 'panel-note panel-error' : 'panel-note'}>
          {catalogError ? `Cannot load the asset list: ${catalogError}. Retrying…` : 'Loading assets…'}
        </p>
      </aside>
    );
  }
  const channelsByAsset = new Map<string, Channel[]>();
  for (const channel of catalog.channels) {
    channelsByAsset.set(channel.assetId, [...(channelsByAsset.get(channel.assetId) ?? []), channel]);
  }
  const sections = SECTIONS.map((section) => ({
    ...section,
    assets: catalog.assets.filter((asset) => asset.layer === section.layer),
  })).filter((section) => section.assets.length > 0);

  return (
    <aside className={`panel panel-link-${state.link.status}`} aria-label="Assets and live values">
      {sections.length === 0 && <p className="panel-note">No assets registered yet.</p>}
      {sections.map((section) => (
        <LayerTable
          key={section.layer}
          title={section.title}
          columns={section.columns}
          assets={section.assets}
          channelsByAsset={channelsByAsset}
          values={values}
        />
      ))}
    </aside>
  );
}
