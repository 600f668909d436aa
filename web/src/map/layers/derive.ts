/**
 * A value derived from an array, computed once per array identity. A layer's sub-lists (pumping
 * stations, their pumps) must keep their identity between renders, or deck.gl would see new data on
 * every telemetry frame and rebuild every attribute instead of updating the ones that changed.
 */
export function derivedFrom<K extends object, T>(cache: WeakMap<K, T>, key: K, compute: (key: K) => T): T {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = compute(key);
  cache.set(key, value);
  return value;
}
