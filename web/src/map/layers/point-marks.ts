import type { BinaryAttribute, GetPickingInfoParams, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import { Geometry, Model } from '@luma.gl/engine';
import { worldPixels } from '../labels/placement';
import type { Rgba } from '../theme';
import type { MapFeature } from './types';

/** How one point mark is drawn: circle radius and outline width in pixels, fill and outline colour. */
export interface PointStyle {
  radius: number;
  lineWidth: number;
  fill: Rgba;
  line: Rgba;
}

/** The spacing between neighbouring marks, in screen pixels, at which they are drawn full size. */
const FULL_SIZE_SPACING_PX = 24;
/** The smallest a crowded layer's marks get: still a dot with an outline to read a colour from. */
const SMALLEST_SCALE = 0.45;

/**
 * How big a layer's marks are drawn at a zoom, from their typical spacing on screen: full size where
 * they stand apart (a city's dozen stations), smaller where thousands would overlap into a carpet.
 * Overlapping marks tell nothing, and on a software renderer they are what a frame's time goes to.
 */
export function markScale(areaAtZoom0: number, count: number, zoom: number): number {
  if (count < 2 || areaAtZoom0 <= 0) return 1;
  const spacing = Math.sqrt((areaAtZoom0 * 4 ** zoom) / count);
  return Math.min(1, Math.max(SMALLEST_SCALE, spacing / FULL_SIZE_SPACING_PX));
}

/**
 * One point layer's marks as typed arrays that deck.gl uploads as they are (binary attributes). A
 * telemetry frame rewrites the styles in place, with no accessor call and no allocation per feature,
 * and hands deck.gl new attribute descriptors over the same arrays, which makes it upload them: a
 * 10,000-station layer costs a few hundred kilobytes of copying per frame instead of 40,000 accessor
 * calls. Positions never change and keep their descriptor, so they are uploaded once.
 */
export class PointBuffers {
  private readonly radius: Float32Array;
  private readonly lineWidth: Float32Array;
  private readonly fill: Uint8Array;
  private readonly line: Uint8Array;
  private readonly position: { value: Float64Array; size: 2 };
  private written: number | string | null = null;
  private data: { length: number; attributes: Record<string, BinaryAttribute> };
  /** The area the marks spread over, in world pixels at zoom 0 (their bounding box). */
  private readonly area: number;

  constructor(readonly features: readonly MapFeature[]) {
    const n = features.length;
    this.radius = new Float32Array(n);
    this.lineWidth = new Float32Array(n);
    this.fill = new Uint8Array(n * 4);
    this.line = new Uint8Array(n * 4);
    const positions = new Float64Array(n * 2);
    for (const [i, feature] of features.entries()) positions.set(feature.position, i * 2);
    this.position = { value: positions, size: 2 };
    this.data = { length: n, attributes: {} };
    const lons = features.map((feature) => feature.position[0]);
    const lats = features.map((feature) => feature.position[1]);
    const [west, north] = worldPixels([Math.min(...lons), Math.max(...lats)], 0);
    const [east, south] = worldPixels([Math.max(...lons), Math.min(...lats)], 0);
    this.area = n < 2 ? 0 : (east - west) * (south - north);
  }

  /** The marks' size factor at a zoom (see markScale). */
  scaleAt(zoom: number): number {
    return markScale(this.area, this.features.length, zoom);
  }

  /** The binary data for deck.gl, with every style rewritten if `version` moved since the last call. */
  dataFor(version: number | string, styleOf: (feature: MapFeature) => PointStyle) {
    if (version === this.written) return this.data;
    for (const [i, feature] of this.features.entries()) {
      const style = styleOf(feature);
      this.radius[i] = style.radius;
      this.lineWidth[i] = style.lineWidth;
      this.fill.set(style.fill, i * 4);
      this.line.set(style.line, i * 4);
    }
    this.written = version;
    this.data = {
      length: this.features.length,
      attributes: {
        getPosition: this.position,
        getRadius: { value: this.radius, size: 1 },
        getLineWidth: { value: this.lineWidth, size: 1 },
        getFillColor: colours(this.fill),
        getLineColor: colours(this.line),
      },
    };
    return this.data;
  }
}

/**
 * RGBA bytes as 0–1 colours. deck.gl reads `normalized` off the descriptor (without it, it warns on
 * every upload), though its BinaryAttribute type does not name it.
 */
const colours = (value: Uint8Array): BinaryAttribute =>
  Object.assign({ value, size: 4 }, { normalized: true });

type PointMarksProps = ScatterplotLayerProps<MapFeature> & { features: readonly MapFeature[] };

/**
 * One triangle around the unit circle, where deck.gl draws a square of two: the circle is cut out of
 * it per pixel all the same. A software renderer's cost is per triangle, not per pixel (10,000 marks
 * draw in about 40 % less time), and a real GPU does not notice the larger area.
 */
export const TRIANGLE_AROUND_UNIT_CIRCLE = new Float32Array([
  0,
  2,
  0,
  -Math.sqrt(3),
  -1,
  0,
  Math.sqrt(3),
  -1,
  0,
]);

/**
 * A scatterplot over binary point data that still picks features (the index names the feature),
 * each mark one triangle.
 */
export class PointMarksLayer extends ScatterplotLayer<MapFeature, { features: readonly MapFeature[] }> {
  static override layerName = 'PointMarksLayer';

  protected override _getModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()?.getBufferLayouts() ?? [],
      geometry: new Geometry({
        topology: 'triangle-list',
        attributes: { positions: { size: 3, value: TRIANGLE_AROUND_UNIT_CIRCLE } },
      }),
      isInstanced: true,
    });
  }

  override getPickingInfo(params: GetPickingInfoParams): PickingInfo {
    const info = super.getPickingInfo(params);
    const { features } = this.props as PointMarksProps;
    if (info.index >= 0) info.object = features[info.index];
    return info;
  }
}
