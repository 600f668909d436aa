import { MAX_SHELVE_MS } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { actionsFor, SHELVE_CHOICES, shelveRequest } from './alarm-actions';

const standing = { acknowledged: false, shelveKind: null, outOfServiceReason: null } as const;
const operator = { respond: true, service: false };
const crew = { respond: true, service: true };
const viewer = { respond: false, service: false };

describe('the actions an alarm offers', () => {
  it('offers a viewer nothing at all', () => {
    expect(actionsFor(standing, viewer)).toEqual([]);
  });

  it('offers an operator acknowledge and shelve, but not out of service', () => {
    expect(actionsFor(standing, operator)).toEqual(['acknowledge', 'shelve']);
  });

  it('offers crew out of service too, and only return to service once it is out', () => {
    expect(actionsFor(standing, crew)).toEqual(['acknowledge', 'shelve', 'remove']);
    expect(actionsFor({ ...standing, acknowledged: true, outOfServiceReason: 'pump swap' }, crew)).toEqual([
      'return',
    ]);
  });

  it('offers unshelve instead of shelve for a shelved alarm, and no second acknowledgement', () => {
    expect(actionsFor({ ...standing, acknowledged: true, shelveKind: 'timed' }, operator)).toEqual([
      'unshelve',
    ]);
  });
});

describe('shelve choices', () => {
  it('stay within the longest shelve the server allows, plus one-shot', () => {
    for (const choice of SHELVE_CHOICES)
      if (choice !== null) expect(choice).toBeLessThanOrEqual(MAX_SHELVE_MS);
    expect(shelveRequest(null)).toEqual({ kind: 'one-shot' });
    expect(shelveRequest(3_600_000)).toEqual({ kind: 'timed', durationMs: 3_600_000 });
  });
});
