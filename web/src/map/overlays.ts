import type { AlarmPriority } from '@city/domain';
import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { iconProps } from './layers/icon-props';
import type { FeatureReadout, IconSet, MapFeature } from './layers/types';
import { QUALITY_GLYPHS } from './marks';
import { MAP_CHARACTERS, MAP_COLOURS, MAP_FONT, PRIORITY_RGB, withAlpha } from './theme';

export interface OverlayInput {
  /** The features whose value is not good (their identity changes only when that set does). */
  poorQuality: readonly MapFeature[];
  /** The features with a standing alarm. */
  alarmed: readonly MapFeature[];
  readout: (feature: MapFeature) => FeatureReadout;
  version: number | string;
  icons: IconSet;
  /** Most urgent standing alarm per feature id. */
  alarms: ReadonlyMap<string, AlarmPriority>;
  alarmsVersion: unknown;
  /** The feature the map flew to, ringed until another is asked for. */
  highlighted: MapFeature | null;
}

/**
 * What lies over every layer's marks: the quality glyph (?, clock, ✕) of a value that is not good;
 * the priority shape of a feature's most urgent alarm, in its priority's colour with its number; and
 * the ring round the feature the map was asked to show.
 */
export function createOverlayLayers({
  poorQuality,
  alarmed,
  readout,
  version,
  icons,
  alarms,
  alarmsVersion,
  highlighted,
}: OverlayInput) {
  const priorityOf = (feature: MapFeature) => (alarms.get(feature.id) ?? 4) as 1 | 2 | 3 | 4;
  return [
    new IconLayer<MapFeature>({
      ...iconProps(icons),
      id: 'overlay-quality',
      data: poorQuality,
      getPosition: (feature) => feature.position,
      getPixelOffset: [-16, -16],
      getIcon: (feature) => QUALITY_GLYPHS[readout(feature).quality] ?? 'cross',
      getSize: 20,
      getColor: (feature) => {
        const { quality } = readout(feature);
        if (quality === 'good') return [0, 0, 0, 0];
        const tint =
          quality === 'uncertain'
            ? MAP_COLOURS.uncertain
            : quality === 'stale'
              ? MAP_COLOURS.stale
              : MAP_COLOURS.bad;
        return withAlpha(tint, 255);
      },
      updateTriggers: { getIcon: version, getColor: version },
    }),
    new ScatterplotLayer<MapFeature>({
      id: 'overlay-highlight',
      data: highlighted ? [highlighted] : [],
      getPosition: (feature) => feature.position,
      radiusUnits: 'pixels',
      getRadius: 30,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 4,
      getLineColor: withAlpha(MAP_COLOURS.highlight, 255),
    }),
    new IconLayer<MapFeature>({
      ...iconProps(icons),
      id: 'overlay-alarm-shapes',
      data: alarmed,
      getPosition: (feature) => feature.position,
      getPixelOffset: [18, -18],
      getIcon: (feature) => `priority-${priorityOf(feature)}`,
      getSize: 30,
      getColor: (feature) => withAlpha(PRIORITY_RGB[priorityOf(feature)], 255),
      pickable: true,
      updateTriggers: { getIcon: alarmsVersion, getColor: alarmsVersion },
    }),
    new TextLayer<MapFeature>({
      id: 'overlay-alarm-numbers',
      data: alarmed,
      getPosition: (feature) => feature.position,
      getPixelOffset: (feature) => [18, priorityOf(feature) === 2 ? -14 : -18],
      getText: (feature) => String(priorityOf(feature)),
      getSize: 15,
      fontFamily: MAP_FONT,
      fontWeight: 800,
      characterSet: MAP_CHARACTERS,
      getColor: withAlpha(MAP_COLOURS.outline, 255),
      updateTriggers: { getText: alarmsVersion, getPixelOffset: alarmsVersion },
    }),
  ];
}
