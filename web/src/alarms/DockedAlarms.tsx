'use client';

/** The alarm list docked beside the map (filled in by the alarms screen's work). */
export function DockedAlarms() {
  return null;
}
