import { describe, expect, it } from 'vitest';
import { hitHref, isSearchShortcut } from './hit-target';

describe('where a search hit opens', () => {
  it('opens an asset, a channel on its asset, and an alarm in the list', () => {
    expect(hitHref({ kind: 'asset', id: 'ps-osdorp', label: '', detail: '', assetId: 'ps-osdorp' })).toBe(
      '/assets/ps-osdorp',
    );
    expect(
      hitHref({ kind: 'channel', id: 'ps-osdorp/level', label: '', detail: '', assetId: 'ps-osdorp' }),
    ).toBe('/assets/ps-osdorp?channel=ps-osdorp%2Flevel');
    expect(
      hitHref({
        kind: 'alarm',
        id: 'sewer-high@ps-osdorp/level',
        label: '',
        detail: '',
        assetId: 'ps-osdorp',
      }),
    ).toBe('/alarms?alarm=sewer-high%40ps-osdorp%2Flevel');
  });
});

describe('the "/" shortcut', () => {
  const key = { key: '/', ctrlKey: false, metaKey: false, altKey: false };
  it('focuses search from anywhere but a text field', () => {
    expect(isSearchShortcut(key, { tagName: 'BODY' } as unknown as EventTarget)).toBe(true);
    expect(isSearchShortcut(key, { tagName: 'BUTTON' } as unknown as EventTarget)).toBe(true);
    expect(isSearchShortcut(key, { tagName: 'INPUT' } as unknown as EventTarget)).toBe(false);
    expect(isSearchShortcut(key, { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(
      false,
    );
    expect(isSearchShortcut({ ...key, key: 'a' }, null)).toBe(false);
    expect(isSearchShortcut({ ...key, ctrlKey: true }, null)).toBe(false);
  });
});
