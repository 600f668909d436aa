import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { AlarmBadge } from './alarm-marks';
import { iconProps } from './layers/icon-props';
import type { FeatureReadout, IconSet, MapFeature } from './layers/types';
import { QUALITY_GLYPHS } from './marks';
import { MAP_CHARACTERS, MAP_COLOURS, MAP_FONT, mapFontSettings, PRIORITY_RGB, withAlpha } from './theme';

export interface OverlayInput {
  /** The features whose value is not good (their identity changes only when that set does). */
  poorQuality: readonly MapFeature[];
  /** One priority shape per spot on screen, for the features with a standing alarm. */
  alarmBadges: readonly AlarmBadge[];
  /** The badges that stand for more than one alarmed asset, which get a "×n" beside them. */
  sharedAlarmBadges: readonly AlarmBadge[];
  readout: (feature: MapFeature) => FeatureReadout;
  version: number | string;
  icons: IconSet;
  alarmsVersion: unknown;
  /** The feature the map flew to, ringed until another is asked for. */
  highlighted: MapFeature | null;
}

/**
 * What lies over every layer's marks: the quality glyph (?, clock, ✕) of a value that is not good;
 * the priority shape of a spot's most urgent alarm, in its priority's colour with its number, and
 * "×n" beside it where it stands for more than one alarmed asset; and the ring round the feature the
 * map was asked to show.
 */
export function createOverlayLayers({
  poorQuality,
  alarmBadges,
  sharedAlarmBadges,
  readout,
  version,
  icons,
  alarmsVersion,
  highlighted,
}: OverlayInput) {
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
    new IconLayer<AlarmBadge>({
      ...iconProps(icons),
      id: 'overlay-alarm-shapes',
      data: alarmBadges,
      getPosition: (badge) => badge.feature.position,
      getPixelOffset: [18, -18],
      getIcon: (badge) => `priority-${badge.priority}`,
      getSize: 30,
      getColor: (badge) => withAlpha(PRIORITY_RGB[badge.priority], 255),
      pickable: true,
      updateTriggers: { getIcon: alarmsVersion, getColor: alarmsVersion },
    }),
    new TextLayer<AlarmBadge>({
      id: 'overlay-alarm-numbers',
      data: alarmBadges,
      getPosition: (badge) => badge.feature.position,
      getPixelOffset: (badge) => [18, badge.priority === 2 ? -14 : -18],
      getText: (badge) => String(badge.priority),
      getSize: 15,
      fontFamily: MAP_FONT,
      fontWeight: 800,
      characterSet: MAP_CHARACTERS,
      fontSettings: mapFontSettings(),
      getColor: withAlpha(MAP_COLOURS.outline, 255),
      updateTriggers: { getText: alarmsVersion, getPixelOffset: alarmsVersion },
    }),
    new TextLayer<AlarmBadge>({
      id: 'overlay-alarm-counts',
      data: sharedAlarmBadges,
      getPosition: (badge) => badge.feature.position,
      getPixelOffset: [36, -18],
      getText: (badge) => `×${badge.count}`,
      getTextAnchor: 'start',
      getSize: 15,
      fontFamily: MAP_FONT,
      fontWeight: 800,
      characterSet: MAP_CHARACTERS,
      fontSettings: mapFontSettings(),
      getColor: withAlpha(MAP_COLOURS.labelText, 255),
      background: true,
      backgroundPadding: [4, 1],
      getBackgroundColor: withAlpha(MAP_COLOURS.labelBackground, 230),
      getBorderColor: (badge) => withAlpha(PRIORITY_RGB[badge.priority], 255),
      getBorderWidth: 1,
      updateTriggers: { getText: alarmsVersion, getBorderColor: alarmsVersion },
    }),
  ];
}
