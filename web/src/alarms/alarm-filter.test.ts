import { describe, expect, it } from 'vitest';
import { activeFilters, filterFromParams, filterToParams, isFiltered, NO_FILTER } from './alarm-filter';

describe('the alarm filter in the address bar', () => {
  it('reads a shared link back into the filter it was made from', () => {
    const filter = {
      states: ['unacknowledged', 'shelved'] as const,
      layers: ['sewer'] as const,
      districts: ['Noord', 'Nieuw-West'],
      priorities: [1, 2] as const,
    };
    const params = filterToParams({
      states: [...filter.states],
      layers: [...filter.layers],
      districts: filter.districts,
      priorities: [...filter.priorities],
    });
    expect(params.toString()).toBe(
      'state=unacknowledged%2Cshelved&layer=sewer&district=Noord%2CNieuw-West&priority=1%2C2',
    );
    expect(filterFromParams(params)).toEqual({
      states: ['unacknowledged', 'shelved'],
      layers: ['sewer'],
      districts: ['Noord', 'Nieuw-West'],
      priorities: [1, 2],
    });
  });

  it('drops what it does not know instead of failing on an old or mistyped link', () => {
    const params = new URLSearchParams('state=normal,bogus,acknowledged&layer=rail&priority=0,3,3,9');
    expect(filterFromParams(params)).toEqual({
      states: ['acknowledged'],
      layers: [],
      districts: [],
      priorities: [3],
    });
  });

  it('leaves "all" out of the link, so a plain /alarms is unfiltered', () => {
    expect(filterToParams(NO_FILTER).toString()).toBe('');
    expect(filterFromParams(new URLSearchParams())).toEqual(NO_FILTER);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, districts: ['Zuid'] })).toBe(true);
    expect(activeFilters({ ...NO_FILTER, districts: ['Zuid', 'West'], priorities: [1] })).toBe(2);
  });
});
