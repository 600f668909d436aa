/** A uniform random number in [0, 1). Seeded, so a simulation replays the same way in tests. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for plausible noise (not for cryptography). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from names and numbers (FNV-1a), so each device gets its own stream. */
export function seedOf(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Standard normal sample (Box–Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface MeanReversion {
  mean: number;
  /** Long-run standard deviation around the mean. */
  sd: number;
  /** How long a deviation takes to fade to 1/e. */
  tauSeconds: number;
}

/**
 * One exact Ornstein–Uhlenbeck step: noise that wanders but returns to its mean, with a spread that
 * does not depend on the tick length.
 */
export function ouStep(value: number, process: MeanReversion, dtSeconds: number, random: Random): number {
  const decay = Math.exp(-dtSeconds / process.tauSeconds);
  const spread = process.sd * Math.sqrt(1 - decay * decay);
  return process.mean + (value - process.mean) * decay + spread * gaussian(random);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
