'use client';
import type { LatestValue } from '@city/domain';
import { type Catalog, useCatalog } from '../data/catalog';
import type { LinkState } from '../data/realtime/link-store';
import { useLink, useTelemetry } from '../data/realtime/RealtimeProvider';

/** What the map console draws: the catalog, the live values and the link, read from the tab's stores. */
export interface ControlRoomState {
  catalog: Catalog | null;
  catalogError: string | null;
  values: ReadonlyMap<string, LatestValue>;
  /** Changes whenever `values` does: the map's update trigger. */
  valuesVersion: number;
  link: LinkState;
}

export function useControlRoomState(): ControlRoomState {
  const { catalog, error } = useCatalog();
  const telemetry = useTelemetry();
  const link = useLink();
  return { catalog, catalogError: error, values: telemetry.values, valuesVersion: telemetry.version, link };
}
