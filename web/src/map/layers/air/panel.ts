import type { PanelColumn } from '../panel-columns';

/** What an operator compares across stations; status words belong to the alarm view, not the wall. */
export const AIR_PANEL_COLUMNS: readonly PanelColumn[] = [
  { metric: 'no2', label: 'NO₂' },
  { metric: 'pm10', label: 'PM10' },
  { metric: 'pm25', label: 'PM2.5' },
];
