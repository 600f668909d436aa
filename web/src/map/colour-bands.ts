/** An RGB colour as deck.gl takes it. */
export type Rgb = readonly [number, number, number];
/** With alpha, 0–255. */
export type Rgba = readonly [number, number, number, number];

export interface ColourBand {
  /** Values below this (exclusive) fall in the band; the last band has Infinity. */
  below: number;
  label: string;
  colour: Rgb;
}

/** The band a value falls in; bands are ordered by `below`. */
export function bandOf(bands: readonly ColourBand[], value: number): ColourBand {
  const band = bands.find((candidate) => value < candidate.below) ?? bands.at(-1);
  if (!band) throw new Error('bandOf needs at least one colour band');
  return band;
}

export const toCss = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/** Drawn for a channel whose quality is bad or that has no value yet. */
export const NO_DATA_COLOUR: Rgb = [96, 104, 120];
