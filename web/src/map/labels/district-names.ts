import type { BasemapFeature } from '../basemap-types';
import type { DrawnLabel } from './label-layers';
import type { MeasureText } from './measure';
import { type Box, overlaps, worldPixels } from './placement';

/** The base map's district names: bold capitals, under the live layers. */
export const DISTRICT_NAME_STYLE = { size: 15, weight: 700, height: 18 };

export const districtNameText = (feature: BasemapFeature) => feature.properties.name.toUpperCase();

/**
 * The districts whose name a live label would cover at `zoom` (the drawn zoom), sorted.
 * The base map leaves those names out: a station's name printed over "ZUIDOOST" read as neither,
 * and the station label is what an operator acts on. A name comes back when the labels move off it.
 */
export function districtNamesUnderLabels(
  districts: readonly BasemapFeature[],
  labels: readonly DrawnLabel[],
  zoom: number,
  measure: MeasureText,
): string[] {
  const labelBoxes = labels.map(({ feature, offset }): Box => {
    const [x, y] = worldPixels(feature.position, zoom);
    return { ...offset, x: x + offset.x, y: y + offset.y };
  });
  const s = DISTRICT_NAME_STYLE;
  const covered = districts.filter((district) => {
    const at = district.properties.label;
    if (!at) return false;
    const [x, y] = worldPixels(at, zoom);
    const width = measure(districtNameText(district), s.size, s.weight);
    const name = { x: x - width / 2, y: y - s.height / 2, width, height: s.height };
    return labelBoxes.some((box) => overlaps(box, name));
  });
  return covered.map((district) => district.properties.name).sort();
}
