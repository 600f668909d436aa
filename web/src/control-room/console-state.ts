'use client';
import { type Catalog, useCatalog } from '../data/catalog';
import type { LinkState } from '../data/realtime/link-store';
import { useLink } from '../data/realtime/RealtimeProvider';

/**
 * What the map console's frame needs: the catalog and the link. Live values are read by the parts
 * that draw them (map, side panel), once per animation frame, so a telemetry frame re-renders those
 * and not the whole console.
 */
export interface ControlRoomState {
  catalog: Catalog | null;
  catalogError: string | null;
  link: LinkState;
}

export function useControlRoomState(): ControlRoomState {
  const { catalog, error } = useCatalog();
  const link = useLink();
  return { catalog, catalogError: error, link };
}
