import { describe, expect, it } from 'vitest';
import { dimGrey } from './dim-grey';

describe('a street-light segment drawn by its dim level', () => {
  const dark = [40, 40, 40] as const;
  const light = [200, 200, 200] as const;

  it('is the dark grey when off and the light grey at full power', () => {
    expect(dimGrey(0, dark, light)).toEqual([40, 40, 40]);
    expect(dimGrey(100, dark, light)).toEqual([200, 200, 200]);
  });

  it('is in between when dimmed, and stays within the greys for values out of range', () => {
    expect(dimGrey(50, dark, light)).toEqual([120, 120, 120]);
    expect(dimGrey(140, dark, light)).toEqual([200, 200, 200]);
    expect(dimGrey(-5, dark, light)).toEqual([40, 40, 40]);
  });
});
