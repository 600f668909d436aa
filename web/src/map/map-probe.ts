import type { Deck } from '@deck.gl/core';
import type { DrawnLabel } from './labels/label-layers';
import type { MapFeature } from './layers/types';
import { PixelReadback } from './pixel-readback';

/**
 * What the map tells tests and the benchmark about itself (window.__cityMap): which features and
 * labels it draws and where on screen, and the colour of one watched pixel after every frame. It only
 * reads; nothing in it changes what the map shows, except `held`, which the benchmark sets.
 */
export interface MapProbe {
  ready: boolean;
  /** Epoch ms of the first frame drawn with features and live values. */
  firstLiveFrameAt: number | null;
  frames: number;
  features: () => Array<{ id: string; layer: string; x: number; y: number }>;
  labels: () => Array<{ id: string; x: number; y: number; width: number; height: number }>;
  viewState: () => { longitude: number; latitude: number; zoom: number };
  highlighted: () => string | null;
  /** Starts recording the colour at (x, y) CSS pixels: one entry each time it changes, with the time. */
  watchPixel: (x: number, y: number) => void;
  pixelChanges: Array<{ at: number; rgba: [number, number, number, number] }>;
  /**
   * While true the map keeps drawing the values it has and ignores new ones, though they still arrive
   * (the benchmark's static peer, with the same feed and page work as the live map).
   */
  held: boolean;
  /** Redraws on every animation frame for `ms` and resolves with the frame intervals (benchmark). */
  measureFrames: (ms: number) => Promise<number[]>;
}

interface ProbeSources {
  deck: () => Deck | null;
  features: () => readonly MapFeature[];
  labels: () => readonly DrawnLabel[];
  viewState: () => { longitude: number; latitude: number; zoom: number };
  highlighted: () => string | null;
}

export function createProbe(sources: ProbeSources): MapProbe {
  const project = (position: [number, number]) => {
    const viewport = sources.deck()?.getViewports()[0];
    const [x = Number.NaN, y = Number.NaN] = viewport ? viewport.project(position) : [];
    return { x, y };
  };
  return {
    ready: false,
    firstLiveFrameAt: null,
    frames: 0,
    features: () =>
      sources
        .features()
        .map((feature) => ({ id: feature.id, layer: feature.layer, ...project(feature.position) })),
    labels: () =>
      sources.labels().map(({ feature, offset }) => {
        const { x, y } = project(feature.position);
        return {
          id: feature.id,
          x: x + offset.x,
          y: y + offset.y,
          width: offset.width,
          height: offset.height,
        };
      }),
    viewState: sources.viewState,
    highlighted: sources.highlighted,
    watchPixel(x, y) {
      watched = { x, y };
      this.pixelChanges.length = 0;
    },
    pixelChanges: [],
    held: false,
    measureFrames: (ms) =>
      new Promise((resolve) => {
        const intervals: number[] = [];
        const started = performance.now();
        let last = started;
        const frame = (now: number) => {
          intervals.push(now - last);
          last = now;
          sources.deck()?.redraw('benchmark');
          if (now - started < ms) requestAnimationFrame(frame);
          else resolve(intervals.slice(1));
        };
        requestAnimationFrame(frame);
      }),
  };
}

let watched: { x: number; y: number } | null = null;
let readback: PixelReadback | null = null;

function recordPixel(probe: MapProbe, rgba: [number, number, number, number], at: number): void {
  const last = probe.pixelChanges.at(-1)?.rgba;
  if (!last || last.some((channel, i) => channel !== rgba[i])) probe.pixelChanges.push({ at, rgba });
}

/** After a frame: reads the watched pixel from the drawing buffer, before it is shown, without waiting for it. */
export function afterRender(probe: MapProbe, gl: WebGL2RenderingContext | undefined): void {
  probe.frames += 1;
  if (!watched || !gl) return;
  if (readback?.gl !== gl) readback = new PixelReadback(gl);
  const ratio = window.devicePixelRatio || 1;
  const x = Math.round(watched.x * ratio);
  const y = gl.drawingBufferHeight - Math.round(watched.y * ratio) - 1;
  readback.read(x, y, (rgba, at) => recordPixel(probe, rgba, at));
}
