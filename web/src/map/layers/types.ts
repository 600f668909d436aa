import type { Asset, Channel, GatewayStatus, LatestValue, Layer } from '@city/domain';
import type { Layer as DeckLayer } from '@deck.gl/core';
import type { Catalog } from '../../data/catalog';
import type { Position } from '../basemap-types';
import type { Emphasis } from '../colour-bands';
import type { MapQuality } from '../feature-quality';
import type { IconFrame } from '../icon-atlas';

/** The map's layers: the four telemetry layers of the domain, and the field cabinets' communications. */
export const MAP_LAYER_IDS = ['traffic', 'air', 'sewer', 'lighting', 'cabinets'] as const;
export type MapLayerId = (typeof MAP_LAYER_IDS)[number];

/** One thing drawn on the map: an asset, or a cabinet's gateway. */
export interface MapFeature {
  /** The asset id (what `focusAsset` names), or the gateway id for a cabinet. */
  id: string;
  layer: MapLayerId;
  name: string;
  district: string | null;
  /** Where its mark, alarm shape and label sit. */
  position: Position;
  /** A line feature's course (road stretch, lit street); null for a point. */
  path: Position[] | null;
  asset: Asset | null;
  /** Its channels by metric. */
  channels: ReadonlyMap<string, Channel>;
}

/** What the map shows of a feature now: its main value, how much to trust it, and how loud to draw it. */
export interface FeatureReadout {
  quality: MapQuality;
  value: number | null;
  /** The value as its chip shows it, with unit, e.g. "41,5 µg/m³"; "—" without one. */
  text: string;
  emphasis: Emphasis;
  /** When the value was measured, epoch ms; null without one. */
  sourceTime: number | null;
}

/** Locale-aware number formatting (next-intl's `format.number`), fixed decimals. */
export type FormatNumber = (value: number, decimals: number) => string;

export interface ReadContext {
  values: ReadonlyMap<string, LatestValue>;
  now: number;
  format: FormatNumber;
  gateways: ReadonlyMap<string, GatewayStatus>;
}

export interface DrawContext extends ReadContext {
  /** Changes whenever a value does: the update trigger of every value-driven accessor. */
  version: number | string;
  readout: (feature: MapFeature) => FeatureReadout;
  icons: IconSet;
  /** The zoom the map is drawn at, in quarter steps (as the labels are placed). */
  zoomStep: number;
}

/** The map's symbol texture (icon-atlas.ts) and where each symbol sits in it. */
export interface IconSet {
  atlas: HTMLCanvasElement;
  mapping: Record<string, IconFrame>;
}

/** What builds a layer's features: the catalog, and the gateways for the cabinets. */
export interface FeatureSource {
  catalog: Catalog;
  gateways: readonly GatewayStatus[];
}

/** How a legend row draws its sample. */
export type LegendSwatch =
  | { kind: 'dot'; emphasis: Emphasis }
  | { kind: 'line'; emphasis: Emphasis; width?: number; dashed?: boolean }
  | { kind: 'glyph'; glyph: string; emphasis: Emphasis };

export interface LegendEntry {
  /** Message key under `map.legend`. */
  key: string;
  swatch: LegendSwatch;
}

/** A column of a layer's table in the side panel: a metric, headed by `map.columns.<metric>`. */
export interface PanelColumn {
  metric: string;
}

/**
 * One map layer, in its own folder: the registry hands these to the map, the legend and the side
 * panel, so a new layer touches one folder.
 */
export interface MapLayerDefinition {
  id: MapLayerId;
  /** Message key of its title, under `map.layers`. */
  titleKey: MapLayerId;
  /** The telemetry layers its values come from (what the socket must watch); none for cabinets. */
  telemetry: readonly Layer[];
  /** Message key (under `map.units`) of what its legend measures, e.g. "no2". */
  legendUnitKey: string;
  legend: readonly LegendEntry[];
  panelColumns: readonly PanelColumn[];
  /** Which assets the side panel lists for it (its map features and their companions, e.g. energy meters). */
  panelAssets: (catalog: Catalog) => Asset[];
  featuresOf: (source: FeatureSource) => MapFeature[];
  /** The metric whose value its label shows (its widest value sizes the label); null when none. */
  mainMetric: (feature: MapFeature) => string | null;
  readoutOf: (feature: MapFeature, context: ReadContext) => FeatureReadout;
  /** Its marks, drawn under every layer's labels and alarm shapes. */
  createLayers: (features: readonly MapFeature[], context: DrawContext) => DeckLayer[];
}
