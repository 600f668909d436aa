import type { Asset, Channel, LatestValue, Layer } from '@city/domain';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { readoutOf } from '../control-room/readout';
import type { Catalog } from '../data/control-room-store';
import type { Position } from './basemap-types';
import { NO_DATA_COLOUR, type Rgb, type Rgba } from './colour-bands';
import { MAP_CHARACTERS, MAP_COLOURS, MAP_FONT } from './theme';

/** One asset drawn as a point, with the channel whose value colours and labels it. */
export interface Sensor {
  asset: Asset;
  position: Position;
  channel: Channel | undefined;
}

/** The assets of one map layer, each with its colouring channel. Built once per catalog load. */
export function sensorsOf(catalog: Catalog, layer: Layer, metric: string): Sensor[] {
  const channelByAsset = new Map(
    catalog.channels
      .filter((channel) => channel.metric === metric)
      .map((channel) => [channel.assetId, channel]),
  );
  return catalog.assets.flatMap((asset) => {
    const position = positionOf(asset);
    if (asset.layer !== layer || !position) return [];
    return [{ asset, position, channel: channelByAsset.get(asset.id) }];
  });
}

/** A point asset sits at its point; a road segment is labelled at its middle vertex. */
function positionOf(asset: Asset): Position | undefined {
  const { geometry } = asset;
  if (geometry.type === 'Point') return geometry.coordinates;
  return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
}

export interface PointSensorLayersProps {
  /** Prefix of the deck.gl layer ids, e.g. "air". */
  id: string;
  sensors: Sensor[];
  values: ReadonlyMap<string, LatestValue>;
  /** Changes whenever `values` does; drives the colour and label updates without touching positions. */
  valuesVersion: number;
  /** Fill colour of a sensor with a good or uncertain value. */
  colourOf: (sensor: Sensor, value: number) => Rgb;
  /** Where the value chip sits; the name takes the other side. Default 'above'. Two layers on
   * opposite sides keep neighbouring labels of different layers from covering each other. */
  valuePlacement?: 'above' | 'below';
}

export type PointSensorLayers = ReturnType<typeof createPointSensorLayers>;

/**
 * A dot per sensor, coloured by its value, with the value in large type above it and the asset name
 * below. Bad quality or no data: grey dot with a red ring; uncertain: an amber ring.
 */
export function createPointSensorLayers({
  id,
  sensors,
  values,
  valuesVersion,
  colourOf,
  valuePlacement = 'above',
}: PointSensorLayersProps) {
  const below = valuePlacement === 'below';
  const latestOf = (sensor: Sensor) => (sensor.channel ? values.get(sensor.channel.id) : undefined);
  const readout = (sensor: Sensor) =>
    sensor.channel
      ? readoutOf(sensor.channel, latestOf(sensor))
      : readoutOf({ displayRange: [0, 1] }, undefined);
  const fill = (sensor: Sensor): Rgb | Rgba => {
    const { quality, value } = readout(sensor);
    if (value === null || quality === 'bad' || quality === 'no-data') return NO_DATA_COLOUR;
    // An uncertain value keeps its band colour but washed out, inside an amber ring.
    if (quality === 'uncertain') return [...colourOf(sensor, value), 110];
    return colourOf(sensor, value);
  };
  const text = (sensor: Sensor): Rgb => {
    const { quality } = readout(sensor);
    if (quality === 'good') return MAP_COLOURS.labelText;
    return quality === 'uncertain' ? MAP_COLOURS.uncertain : MAP_COLOURS.bad;
  };
  const ring = (sensor: Sensor): Rgb => {
    const { quality } = readout(sensor);
    if (quality === 'bad' || quality === 'no-data') return MAP_COLOURS.bad;
    if (quality === 'uncertain') return MAP_COLOURS.uncertain;
    return MAP_COLOURS.outline;
  };
  const triggers = { getFillColor: valuesVersion, getLineColor: valuesVersion, getLineWidth: valuesVersion };

  return {
    dots: new ScatterplotLayer<Sensor>({
      id: `${id}-dots`,
      data: sensors,
      getPosition: (sensor) => sensor.position,
      radiusUnits: 'pixels',
      getRadius: 11,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (sensor) => (readout(sensor).quality === 'good' ? 2 : 4),
      getFillColor: fill,
      getLineColor: ring,
      updateTriggers: triggers,
    }),
    values: new TextLayer<Sensor>({
      id: `${id}-values`,
      data: sensors,
      getPosition: (sensor) => sensor.position,
      getText: (sensor) => readout(sensor).text,
      getSize: 24,
      getPixelOffset: [0, below ? 36 : -36],
      getColor: text,
      fontFamily: MAP_FONT,
      fontWeight: 800,
      characterSet: MAP_CHARACTERS,
      background: true,
      backgroundPadding: [8, 3],
      backgroundBorderRadius: 5,
      getBackgroundColor: [...MAP_COLOURS.labelBackground, 235],
      getBorderColor: (sensor) => {
        const { quality } = readout(sensor);
        return quality === 'good' ? fill(sensor) : ring(sensor);
      },
      getBorderWidth: 2,
      updateTriggers: { getText: valuesVersion, getColor: valuesVersion, getBorderColor: valuesVersion },
    }),
    names: new TextLayer<Sensor>({
      id: `${id}-names`,
      data: sensors,
      getPosition: (sensor) => sensor.position,
      getText: (sensor) => sensor.asset.name,
      getSize: 15,
      getPixelOffset: [0, below ? -25 : 25],
      getColor: MAP_COLOURS.assetName,
      fontFamily: MAP_FONT,
      fontWeight: 600,
      characterSet: MAP_CHARACTERS,
      outlineWidth: 0,
    }),
  };
}
