/**
 * A scale cut into bands, e.g. NO₂ in the Dutch air quality index classes. A band says how loud it is
 * drawn (`emphasis`), never a colour of its own: ISA-101 keeps normal bands grey and marks the
 * abnormal ones by brightness and a glyph, leaving colour to alarms.
 */
export type Emphasis = 'low' | 'normal' | 'high' | 'abnormal';

export interface Band<K extends string = string> {
  /** Values below this (exclusive) fall in the band; the last band has Infinity. */
  below: number;
  /** The band's message key under `map.bands`, e.g. "no2.good". */
  key: K;
  emphasis: Emphasis;
}

/** The band a value falls in; bands are ordered by `below`. */
export function bandOf<K extends string>(bands: readonly Band<K>[], value: number): Band<K> {
  const band = bands.find((candidate) => value < candidate.below) ?? bands.at(-1);
  if (!band) throw new Error('bandOf needs at least one band');
  return band;
}
