import { QUALITY_RANK } from './feature-quality';
import type { FeatureReadout, MapFeature, MapLayerId, ReadContext } from './layers/types';

export type ReadFeature = (feature: MapFeature, context: ReadContext) => FeatureReadout;

/** What one refresh read again. */
export interface ReadoutChanges {
  /** The features read again ('all' after a full read). */
  features: ReadonlySet<MapFeature> | 'all';
  /** The layers with at least one feature read again. */
  layers: ReadonlySet<MapLayerId>;
}

/** What a refresh must read again: channels that changed, whole layers, or everything. */
export interface RefreshRequest {
  channels: ReadonlySet<string> | 'all';
  layers?: ReadonlySet<MapLayerId>;
}

/** How much a feature's state asks for label space, before its alarm: abnormal, then poor quality. */
export function stateWeightOf(readout: FeatureReadout): number {
  return (readout.emphasis === 'abnormal' ? 100 : 0) + QUALITY_RANK[readout.quality] * 10;
}

/**
 * Every shown feature's readout, kept between telemetry frames: a frame reads again only the features
 * whose channels it carries, so a city of ten thousand stations costs per frame what the frame
 * changed, not what the map holds. Versions tell the map what to redraw: a layer's version moves when
 * one of its features was read again, the weights' when label placement may have to change, the
 * quality's when a feature's quality glyph may have to.
 */
export class LiveReadouts {
  private readonly byChannel = new Map<string, MapFeature[]>();
  private readonly readouts = new Map<MapFeature, FeatureReadout>();
  private readonly weights = new Map<string, number>();
  private readonly layerVersions = new Map<MapLayerId, number>();
  private version = 0;
  weightsVersion = 0;
  qualityVersion = 0;

  constructor(
    private readonly features: readonly MapFeature[],
    private readonly read: ReadFeature,
  ) {
    for (const feature of features)
      for (const channel of feature.channels.values()) {
        const list = this.byChannel.get(channel.id);
        if (list) list.push(feature);
        else this.byChannel.set(channel.id, [feature]);
      }
  }

  readout(feature: MapFeature): FeatureReadout | undefined {
    return this.readouts.get(feature);
  }

  layerVersion(layer: MapLayerId): number {
    return this.layerVersions.get(layer) ?? 0;
  }

  /** Features with any state weight (abnormal or not good), by id. */
  stateWeights(): ReadonlyMap<string, number> {
    return this.weights;
  }

  refresh(context: ReadContext, request: RefreshRequest): ReadoutChanges {
    this.version += 1;
    const targets = this.targetsOf(request);
    const layers = new Set<MapLayerId>();
    for (const feature of targets === 'all' ? this.features : targets) {
      this.readOne(feature, context);
      layers.add(feature.layer);
    }
    for (const layer of layers) this.layerVersions.set(layer, this.version);
    return { features: targets, layers };
  }

  private targetsOf({ channels, layers }: RefreshRequest): ReadonlySet<MapFeature> | 'all' {
    if (channels === 'all') return 'all';
    const targets = new Set<MapFeature>();
    for (const id of channels) for (const feature of this.byChannel.get(id) ?? []) targets.add(feature);
    if (layers && layers.size > 0)
      for (const feature of this.features) if (layers.has(feature.layer)) targets.add(feature);
    return targets;
  }

  private readOne(feature: MapFeature, context: ReadContext): void {
    const before = this.readouts.get(feature);
    const after = this.read(feature, context);
    this.readouts.set(feature, after);
    if (before?.quality !== after.quality) this.qualityVersion = this.version;
    const weight = stateWeightOf(after);
    if ((this.weights.get(feature.id) ?? 0) === weight) return;
    if (weight > 0) this.weights.set(feature.id, weight);
    else this.weights.delete(feature.id);
    this.weightsVersion = this.version;
  }
}
