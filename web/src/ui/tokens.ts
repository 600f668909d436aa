/**
 * The one set of design tokens (ISA-101 high-performance HMI). Screens read them as CSS custom
 * properties (`cssVariables()`, injected by the root layout); the map reads the same values as RGB.
 * Greys carry everything normal; colour is spent only on what is abnormal, and each alarm priority
 * owns one hue that nothing else uses. Every pair used for text meets WCAG AA (4.5:1) on `bg`,
 * `surface` and `surfaceRaised` (tokens.test.ts checks it).
 */
export const GREYS = {
  bg: '#0b0f16',
  surface: '#121824',
  surfaceRaised: '#171f2e',
  border: '#243044',
  text: '#eef2f8',
  textMuted: '#a3afc2',
  textDim: '#8591a6',
  controlBorder: '#7d8aa1',
  focus: '#9cc8ff',
  buttonPrimary: '#dfe5ee',
  buttonPrimaryText: '#0b0f16',
} as const;

/** 1 critical … 4 low: one hue each, never used for anything but that priority. */
export const PRIORITY_COLOURS = {
  1: '#ff5c5c',
  2: '#ff9f1c',
  3: '#f2d21b',
  4: '#d991ff',
} as const;

/** Quality is not an alarm: it is drawn by pattern and glyph first, these only tint the mark. */
export const QUALITY_COLOURS = {
  uncertain: '#c8b27a',
  bad: '#c7ccd6',
  stale: '#8e98ab',
} as const;

/** Not alarms but still abnormal: a refused form, a lost link. Distinct from every priority hue. */
export const STATUS_COLOURS = {
  error: '#ff8a80',
  /** A healthy link is normal, so it is grey like everything normal. */
  live: GREYS.textMuted,
} as const;

export const LAYOUT = {
  controlHeight: '48px',
  panelWidth: '580px',
  font: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif',
} as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** `:root { --bg: …; --priority-1: …; }` for the root layout's <style>. */
export function cssVariables(): string {
  const entries: [string, string][] = [
    ...Object.entries(GREYS).map(([name, value]): [string, string] => [kebab(name), value]),
    ...Object.entries(PRIORITY_COLOURS).map(([p, value]): [string, string] => [`priority-${p}`, value]),
    ...Object.entries(QUALITY_COLOURS).map(([q, value]): [string, string] => [`quality-${q}`, value]),
    ['bad', STATUS_COLOURS.error],
    ['live', STATUS_COLOURS.live],
    ['uncertain', QUALITY_COLOURS.uncertain],
    ['control-height', LAYOUT.controlHeight],
    ['panel-width', LAYOUT.panelWidth],
    ['font', LAYOUT.font],
  ];
  return `:root{${entries.map(([name, value]) => `--${name}:${value}`).join(';')}}`;
}

/** '#rrggbb' as deck.gl's [r, g, b]. */
export function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.x contrast ratio of two '#rrggbb' colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = rgbOf(hex).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
