'use client';
import { useMemo } from 'react';
import { useAlarms } from '../data/realtime/RealtimeProvider';

/** How many alarms each rule holds active now, from the tab's live alarm store. */
export function useActiveAlarmsByRule(): ReadonlyMap<string, number> {
  const { alarms } = useAlarms();
  return useMemo(() => {
    const counts = new Map<string, number>();
    for (const alarm of alarms.values())
      if (alarm.active) counts.set(alarm.ruleId, (counts.get(alarm.ruleId) ?? 0) + 1);
    return counts;
  }, [alarms]);
}
