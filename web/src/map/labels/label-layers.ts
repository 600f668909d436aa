import { TextLayer } from '@deck.gl/layers';
import type { FeatureReadout, MapFeature } from '../layers/types';
import {
  LARGEST_MAP_TEXT_PX,
  MAP_CHARACTERS,
  MAP_COLOURS,
  MAP_FONT,
  mapFontSettings,
  withAlpha,
} from '../theme';
import type { MeasureText } from './measure';
import type { Box, LabelCandidate, PlacedLabel } from './placement';

/** The label block's type: a value chip over the asset's name. */
export const LABEL_STYLE = {
  valueSize: LARGEST_MAP_TEXT_PX,
  valueWeight: 800,
  valueHeight: 28,
  nameSize: 14,
  nameWeight: 600,
  nameHeight: 20,
  padding: 8,
};

export interface DrawnLabel {
  feature: MapFeature;
  offset: Box;
}

/** The block a feature's label needs: the chip sized for its widest value, so a new value never moves it. */
export function candidateOf(
  feature: MapFeature,
  widestValue: string,
  priority: number,
  measure: MeasureText,
): LabelCandidate {
  const s = LABEL_STYLE;
  const valueWidth = measure(widestValue, s.valueSize, s.valueWeight) + 2 * s.padding;
  const nameWidth = measure(feature.name, s.nameSize, s.nameWeight) + 4;
  return {
    id: feature.id,
    position: feature.position,
    width: Math.ceil(Math.max(valueWidth, nameWidth)),
    height: s.valueHeight + s.nameHeight,
    priority,
  };
}

export function drawnLabels(
  placed: readonly PlacedLabel[],
  byId: ReadonlyMap<string, MapFeature>,
): DrawnLabel[] {
  return placed.flatMap(({ id, offset }) => {
    const feature = byId.get(id);
    return feature ? [{ feature, offset }] : [];
  });
}

/**
 * Value chips and names at their placed offsets. The data changes only when the placement does; a
 * new value changes the chip's text and colours through update triggers.
 */
export function createLabelLayers(
  labels: readonly DrawnLabel[],
  readout: (feature: MapFeature) => FeatureReadout,
  version: number | string,
) {
  const s = LABEL_STYLE;
  const textColour = (label: DrawnLabel) => {
    const { emphasis, quality } = readout(label.feature);
    if (quality === 'bad' || quality === 'no-data') return withAlpha(MAP_COLOURS.bad, 255);
    if (quality === 'uncertain') return withAlpha(MAP_COLOURS.uncertain, 255);
    if (quality === 'stale') return withAlpha(MAP_COLOURS.stale, 255);
    return withAlpha(emphasis === 'abnormal' ? MAP_COLOURS.abnormal : MAP_COLOURS.labelText, 255);
  };
  return [
    new TextLayer<DrawnLabel>({
      id: 'labels-values',
      data: labels,
      getPosition: (label) => label.feature.position,
      getText: (label) => readout(label.feature).text || ' ',
      getPixelOffset: ({ offset }) => [offset.x + offset.width / 2, offset.y + s.valueHeight / 2],
      getSize: s.valueSize,
      fontFamily: MAP_FONT,
      fontWeight: s.valueWeight,
      characterSet: MAP_CHARACTERS,
      fontSettings: mapFontSettings(),
      getColor: textColour,
      background: true,
      backgroundPadding: [s.padding, 2],
      getBackgroundColor: withAlpha(MAP_COLOURS.labelBackground, 230),
      getBorderColor: (label) => {
        const { emphasis, quality } = readout(label.feature);
        return quality === 'good' && emphasis !== 'abnormal'
          ? withAlpha(MAP_COLOURS.districtLine, 255)
          : textColour(label);
      },
      getBorderWidth: (label) => (readout(label.feature).emphasis === 'abnormal' ? 3 : 1),
      pickable: true,
      updateTriggers: {
        getText: version,
        getColor: version,
        getBorderColor: version,
        getBorderWidth: version,
      },
    }),
    new TextLayer<DrawnLabel>({
      id: 'labels-names',
      data: labels,
      getPosition: (label) => label.feature.position,
      getText: (label) => label.feature.name,
      getPixelOffset: ({ offset }) => [
        offset.x + offset.width / 2,
        offset.y + s.valueHeight + s.nameHeight / 2,
      ],
      getSize: s.nameSize,
      fontFamily: MAP_FONT,
      fontWeight: s.nameWeight,
      characterSet: MAP_CHARACTERS,
      fontSettings: mapFontSettings(true),
      getColor: withAlpha(MAP_COLOURS.assetName, 255),
      outlineWidth: 3,
      outlineColor: withAlpha(MAP_COLOURS.outline, 255),
    }),
  ];
}
