import type { Layer } from '@deck.gl/core';

/** How many items a layer's data holds: an array's length, or a binary table's `length`. */
function itemCount(data: unknown): number | null {
  if (Array.isArray(data)) return data.length;
  if (typeof data === 'object' && data !== null && 'length' in data && typeof data.length === 'number')
    return data.length;
  return null;
}

/**
 * The layers to hand to deck.gl: every layer that has something to draw, and every layer that ever
 * had (`filled`, kept by the caller for the map's life). A layer that has never had data is left out.
 *
 * Why: deck.gl builds a layer's GPU program even for empty data, and on a software renderer each
 * program costs tens of milliseconds at the first frame. A city without sewers, or a map without a
 * standing alarm, paid for those programs before it could show anything. A layer that was once
 * filled stays, empty or not, so a mark that comes and goes is not rebuilt each time it comes back.
 */
export function withoutUnfilledLayers<L extends Layer>(layers: readonly L[], filled: Set<string>): L[] {
  return layers.filter((layer) => {
    if (filled.has(layer.id)) return true;
    const count = itemCount(layer.props.data);
    if (count === 0) return false;
    filled.add(layer.id);
    return true;
  });
}
