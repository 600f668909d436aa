/** Data sources, shown on the map itself as their licences ask. See public/basemap/SOURCE.md. */
export function MapAttribution() {
  return (
    <div className="attribution" data-testid="map-attribution">
      <span>Bron: Luchtmeetnet (RIVM/GGD Amsterdam)</span>
      <span>Bron: NDW</span>
      <span>
        Basiskaart: Gemeente Amsterdam gebiedsindeling; land/water: herkomst onduidelijk (vermoedelijk © OSM)
      </span>
    </div>
  );
}
