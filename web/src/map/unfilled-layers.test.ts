import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { withoutUnfilledLayers } from './unfilled-layers';

const station = { position: [4.9, 52.37] as [number, number], name: 'Oude Schans' };
const marks = (data: unknown[]) =>
  new ScatterplotLayer({ id: 'marks', data, getPosition: () => station.position });
const labels = (data: unknown[]) => new TextLayer({ id: 'labels', data, getText: () => station.name });

describe('withoutUnfilledLayers', () => {
  it('leaves out a layer that has never had anything to draw', () => {
    const filled = new Set<string>();
    const shown = withoutUnfilledLayers([marks([station]), labels([])], filled);
    expect(shown.map((layer) => layer.id)).toEqual(['marks']);
  });

  it('keeps a layer once it has had data, also after its data empties (an alarm that cleared)', () => {
    const filled = new Set<string>();
    withoutUnfilledLayers([marks([]), labels([station])], filled);
    const later = withoutUnfilledLayers([marks([]), labels([])], filled);
    expect(later.map((layer) => layer.id)).toEqual(['labels']);
  });

  it('counts a binary table by its length, and keeps data it cannot count', () => {
    const filled = new Set<string>();
    const binary = new ScatterplotLayer({ id: 'binary', data: { length: 0, attributes: {} } as never });
    const counted = new ScatterplotLayer({ id: 'counted', data: { length: 3, attributes: {} } as never });
    const iterable = new ScatterplotLayer({ id: 'iterable', data: new Set([station]) as never });
    const shown = withoutUnfilledLayers([binary, counted, iterable], filled);
    expect(shown.map((layer) => layer.id)).toEqual(['counted', 'iterable']);
  });
});
