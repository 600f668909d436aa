import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  cssVariables,
  GREYS,
  PRIORITY_COLOURS,
  QUALITY_COLOURS,
  STATUS_COLOURS,
} from './tokens';

const BACKGROUNDS = [GREYS.bg, GREYS.surface, GREYS.surfaceRaised];

describe('design tokens', () => {
  it('give every text colour WCAG AA contrast (4.5:1) on every background', () => {
    const texts = {
      text: GREYS.text,
      textMuted: GREYS.textMuted,
      textDim: GREYS.textDim,
      ...Object.fromEntries(Object.entries(PRIORITY_COLOURS).map(([p, c]) => [`priority-${p}`, c])),
      error: STATUS_COLOURS.error,
      ...Object.fromEntries(Object.entries(QUALITY_COLOURS).map(([q, c]) => [`quality-${q}`, c])),
    };
    const failing = Object.entries(texts).flatMap(([name, colour]) =>
      BACKGROUNDS.filter((bg) => contrastRatio(colour, bg) < 4.5).map(
        (bg) => `${name} on ${bg}: ${contrastRatio(colour, bg).toFixed(2)}`,
      ),
    );
    expect(failing).toEqual([]);
  });

  it('give controls a 3:1 boundary and focus ring against the surfaces (WCAG 1.4.11)', () => {
    for (const bg of BACKGROUNDS) {
      expect(contrastRatio(GREYS.controlBorder, bg)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(GREYS.focus, bg)).toBeGreaterThanOrEqual(3);
    }
  });

  it('are published as CSS custom properties', () => {
    const css = cssVariables();
    expect(css).toContain('--bg:#0b0f16');
    expect(css).toContain(`--priority-1:${PRIORITY_COLOURS[1]}`);
    expect(css).toContain('--text-muted:');
  });
});
