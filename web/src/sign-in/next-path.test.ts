import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('where an operator lands after signing in', () => {
  it('returns to the page the server sent them away from', () => {
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/alarms?priority=high#row-3')).toBe('/alarms?priority=high#row-3');
    expect(safeNextPath(['/assets/aq-vondelpark', '/other'])).toBe('/assets/aq-vondelpark');
  });

  it('goes to the console when there is no next page, or it is a sign-in page', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath('')).toBe('/');
    expect(safeNextPath('/login?next=/alarms')).toBe('/');
    expect(safeNextPath('/setup')).toBe('/');
  });

  it('never leaves the site, however the address is dressed up', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'alarms',
    ]) {
      expect(safeNextPath(next), next).toBe('/');
    }
  });
});
