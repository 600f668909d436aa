'use client';
import { useMemo } from 'react';
import { useCatalog } from '../data/catalog';
import { useAlarms } from '../data/realtime/RealtimeProvider';
import type { AlarmFilter } from './alarm-filter';
import { type AlarmRow, alarmRows } from './alarm-rows';

export interface AlarmRowsView {
  rows: AlarmRow[];
  /** False until the first snapshot: an empty list then means "not known yet", not "no alarms". */
  ready: boolean;
  /** The districts the city's assets lie in, for the district filter. */
  districts: string[];
  /** Alarms listed, suppressed ones in their groups included. */
  count: number;
}

/** The list's rows, recomputed from the live alarm store whenever an alarm or the filter changes. */
export function useAlarmRows(filter: AlarmFilter): AlarmRowsView {
  const { alarms, ready } = useAlarms();
  const { catalog } = useCatalog();
  const rows = useMemo(() => alarmRows(alarms.values(), catalog, filter), [alarms, catalog, filter]);
  const districts = useMemo(() => {
    const names = new Set<string>();
    for (const asset of catalog?.assets ?? []) if (asset.district) names.add(asset.district);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [catalog]);
  const count = rows.reduce((sum, row) => sum + 1 + row.suppressed.length, 0);
  return { rows, ready, districts, count };
}
