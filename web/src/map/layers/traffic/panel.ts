import type { PanelColumn } from '../panel-columns';

/** Speed first: it colours the map and is what congestion looks like. Fault bits and settings stay off the wall. */
export const TRAFFIC_PANEL_COLUMNS: readonly PanelColumn[] = [
  { metric: 'speed', label: 'Speed' },
  { metric: 'flow', label: 'Flow' },
  { metric: 'occupancy', label: 'Occupancy' },
];
