import { describe, expect, it } from 'vitest';
import { ALL_LAYERS_SHOWN, inDistrict, toggled, watchOf } from './map-selection';

describe('what the map asks the socket to deliver', () => {
  it('asks for everything while every layer is shown city-wide', () => {
    expect(watchOf(ALL_LAYERS_SHOWN)).toEqual({});
  });

  it('asks for the telemetry layers still shown when one is switched off', () => {
    expect(watchOf(toggled(ALL_LAYERS_SHOWN, 'traffic', false))).toEqual({
      layers: ['air', 'sewer', 'lighting'],
    });
  });

  it('switching off the cabinets still asks for everything', () => {
    expect(watchOf(toggled(ALL_LAYERS_SHOWN, 'cabinets', false))).toEqual({});
  });

  it('asks for one district; the cabinets alone need the layers their supply meters report in', () => {
    expect(watchOf({ ...ALL_LAYERS_SHOWN, district: 'Noord' })).toEqual({ districts: ['Noord'] });
    expect(watchOf({ layers: new Set(['cabinets']), district: null })).toEqual({
      layers: ['sewer', 'lighting'],
    });
    expect(watchOf({ layers: new Set(), district: null })).toEqual({ layers: [] });
  });

  it('keeps only the features of the chosen district', () => {
    const features = [{ district: 'Noord' }, { district: 'Zuid' }, { district: null }];
    expect(features.filter(inDistrict('Noord'))).toEqual([{ district: 'Noord' }]);
    expect(features.filter(inDistrict(null))).toHaveLength(3);
  });
});
