/** A column of a layer's table in the side panel: which metric, and its short heading. */
export interface PanelColumn {
  metric: string;
  label: string;
}
