/** A search hit as search.query returns it (db/src/queries/search.ts). */
export interface Hit {
  kind: 'asset' | 'channel' | 'alarm';
  id: string;
  label: string;
  detail: string;
  assetId: string | null;
}

/**
 * Where a hit opens: an asset its page, a channel its asset's page with that channel chosen, an alarm
 * the alarm list with it selected (and the map flies to its asset, where it has one).
 */
export function hitHref(hit: Hit): string {
  switch (hit.kind) {
    case 'asset':
      return `/assets/${encodeURIComponent(hit.id)}`;
    case 'channel':
      return hit.assetId
        ? `/assets/${encodeURIComponent(hit.assetId)}?channel=${encodeURIComponent(hit.id)}`
        : `/assets/${encodeURIComponent(hit.id.split('/')[0] ?? hit.id)}?channel=${encodeURIComponent(hit.id)}`;
    case 'alarm':
      return `/alarms?alarm=${encodeURIComponent(hit.id)}`;
  }
}

/** Whether "/" was typed where it means "search" and not a character: outside every text field. */
export function isSearchShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  target: EventTarget | null,
): boolean {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const element = target as { tagName?: string; isContentEditable?: boolean } | null;
  if (!element || typeof element.tagName !== 'string') return true;
  if (element.isContentEditable) return false;
  return !['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName.toUpperCase());
}
