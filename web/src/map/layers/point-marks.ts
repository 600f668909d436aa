import type { BinaryAttribute, GetPickingInfoParams, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import { Geometry, Model } from '@luma.gl/engine';
import { worldPixels } from '../labels/placement';
import type { Rgba } from '../theme';
import { cellPerPoint, groupIntoCells, type MarkCells } from './mark-cells';
import type { MapFeature } from './types';

/**
 * How one point mark is drawn: circle radius and outline width in pixels, fill and outline colour.
 * `rank`: of the marks that would lie on one another on a crowded map, the highest is drawn.
 */
export interface PointStyle {
  radius: number;
  lineWidth: number;
  fill: Rgba;
  line: Rgba;
  rank?: number;
}

/** A layer's zoom, and how wide one of its normal marks is at full size, in screen pixels. */
export interface MarkCrowding {
  zoom: number;
  diameterPx: number;
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

/** A layer's cells at one zoom, with the positions of their marks. */
type DrawnCells = MarkCells & { key: string; position: BinaryAttribute };

/**
 * One point layer's marks as typed arrays that deck.gl uploads as they are (binary attributes). A
 * telemetry frame rewrites the styles in place, with no accessor call and no allocation per feature,
 * and hands deck.gl new attribute descriptors over the same arrays, which makes it upload them.
 * Positions change only with the zoom and keep their descriptor in between, so they are uploaded once.
 *
 * Where a layer is so crowded that its marks shrink (markScale), it draws one mark per screen cell as
 * wide as a mark: the highest-ranked of the features in the cell (an abnormal or faulty one before a
 * normal one), in the middle of the cell's features. Marks drawn there would have covered each other;
 * now they touch. A software renderer pays per mark drawn, however small: 10,000 stations at the city
 * view drew in about twice the time of the 5,000 marks that show them.
 */
export class PointBuffers {
  private readonly radius: Float32Array;
  private readonly lineWidth: Float32Array;
  private readonly fill: Uint8Array;
  private readonly line: Uint8Array;
  /** The feature each drawn mark shows. */
  private readonly shown: Int32Array;
  /** Each feature's world pixels at zoom 0 (x, y). */
  private readonly world: Float64Array;
  private cells: DrawnCells | null = null;
  private written: { version: number | string; cells: DrawnCells } | null = null;
  private data: { length: number; attributes: Record<string, BinaryAttribute> };
  /** The area the marks spread over, in world pixels at zoom 0 (their bounding box). */
  private readonly area: number;

  constructor(readonly features: readonly MapFeature[]) {
    const n = features.length;
    this.radius = new Float32Array(n);
    this.lineWidth = new Float32Array(n);
    this.fill = new Uint8Array(n * 4);
    this.line = new Uint8Array(n * 4);
    this.shown = new Int32Array(n);
    this.world = new Float64Array(n * 2);
    for (const [i, feature] of features.entries()) this.world.set(worldPixels(feature.position, 0), i * 2);
    this.data = { length: 0, attributes: {} };
    const xs = this.world.filter((_, i) => i % 2 === 0);
    const ys = this.world.filter((_, i) => i % 2 === 1);
    this.area = n < 2 ? 0 : (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
  }

  /** The marks' size factor at a zoom (see markScale). */
  scaleAt(zoom: number): number {
    return markScale(this.area, this.features.length, zoom);
  }

  /** The feature that drawn mark `index` shows (one function per layer, for deck.gl to compare). */
  readonly featureAt = (index: number): MapFeature | undefined => this.features[this.shown[index] ?? -1];

  /**
   * The binary data for deck.gl, with every style rewritten if `version` or the cells moved since the
   * last call. Without `crowding`, every feature has a mark of its own.
   */
  dataFor(version: number | string, styleOf: (feature: MapFeature) => PointStyle, crowding?: MarkCrowding) {
    const cells = this.cellsFor(crowding);
    if (this.written?.version === version && this.written.cells === cells) return this.data;
    const count = cells.starts.length - 1;
    for (let cell = 0; cell < count; cell += 1) {
      let best: PointStyle | null = null;
      for (let at = cells.starts[cell] ?? 0; at < (cells.starts[cell + 1] ?? 0); at += 1) {
        const index = cells.members[at] ?? 0;
        const style = styleOf(this.features[index] as MapFeature);
        if (best === null || (style.rank ?? 0) > (best.rank ?? 0)) {
          best = style;
          this.shown[cell] = index;
        }
      }
      if (best) this.write(cell, best);
    }
    this.written = { version, cells };
    this.data = {
      length: count,
      attributes: {
        getPosition: cells.position,
        getRadius: { value: this.radius.subarray(0, count), size: 1 },
        getLineWidth: { value: this.lineWidth.subarray(0, count), size: 1 },
        getFillColor: colours(this.fill.subarray(0, count * 4)),
        getLineColor: colours(this.line.subarray(0, count * 4)),
      },
    };
    return this.data;
  }

  private write(mark: number, style: PointStyle): void {
    this.radius[mark] = style.radius;
    this.lineWidth[mark] = style.lineWidth;
    this.fill.set(style.fill, mark * 4);
    this.line.set(style.line, mark * 4);
  }

  /** The cells at `crowding`'s zoom: one per feature unless its marks shrink there. */
  private cellsFor(crowding: MarkCrowding | undefined) {
    const scale = crowding ? this.scaleAt(crowding.zoom) : 1;
    const key = crowding && scale < 1 ? `${crowding.zoom}:${crowding.diameterPx * scale}` : 'each';
    if (this.cells?.key === key) return this.cells;
    const cells =
      crowding && scale < 1
        ? groupIntoCells(this.world, crowding.zoom, crowding.diameterPx * scale)
        : cellPerPoint(this.features.length);
    const positions = new Float64Array((cells.starts.length - 1) * 2);
    for (let cell = 0; cell < cells.starts.length - 1; cell += 1) {
      const from = cells.starts[cell] ?? 0;
      const to = cells.starts[cell + 1] ?? 0;
      let lon = 0;
      let lat = 0;
      for (let at = from; at < to; at += 1) {
        const [x, y] = this.features[cells.members[at] ?? 0]?.position ?? [0, 0];
        lon += x;
        lat += y;
      }
      positions.set([lon / (to - from), lat / (to - from)], cell * 2);
    }
    this.cells = { ...cells, key, position: { value: positions, size: 2 } };
    return this.cells;
  }
}

/**
 * RGBA bytes as 0–1 colours. deck.gl reads `normalized` off the descriptor (without it, it warns on
 * every upload), though its BinaryAttribute type does not name it.
 */
const colours = (value: Uint8Array): BinaryAttribute =>
  Object.assign({ value, size: 4 }, { normalized: true });

type PointMarksProps = ScatterplotLayerProps<MapFeature> & PickedFeature;
/** The feature a drawn mark shows (PointBuffers.featureAt). */
interface PickedFeature {
  featureAt: (index: number) => MapFeature | undefined;
}

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
export class PointMarksLayer extends ScatterplotLayer<MapFeature, PickedFeature> {
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
    const { featureAt } = this.props as PointMarksProps;
    if (info.index >= 0) info.object = featureAt(info.index);
    return info;
  }
}
