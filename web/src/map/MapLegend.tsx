import { type ColourBand, toCss } from './colour-bands';
import { NO2_BANDS } from './layers/air/no2-bands';
import { SPEED_RATIO_BANDS } from './layers/traffic/speed-bands';

function LegendRow({ title, unit, bands }: { title: string; unit: string; bands: readonly ColourBand[] }) {
  return (
    <div className="legend-row">
      <div className="legend-title">
        {title} <span className="legend-unit">{unit}</span>
      </div>
      <ul className="legend-bands">
        {bands.map((band) => (
          <li key={band.label}>
            <span className="legend-swatch" style={{ background: toCss(band.colour) }} />
            {band.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Which colour means what, readable from the back of the room. */
export function MapLegend() {
  return (
    <section className="legend" aria-label="Map legend">
      <LegendRow title="Air · NO₂" unit="µg/m³ (Luchtmeetnet classes)" bands={NO2_BANDS} />
      <LegendRow title="Traffic · speed" unit="share of free-flow speed" bands={SPEED_RATIO_BANDS} />
      <div className="legend-quality">
        <span className="legend-ring legend-ring-uncertain" /> uncertain
        <span className="legend-ring legend-ring-bad" /> bad / no data
      </div>
    </section>
  );
}
