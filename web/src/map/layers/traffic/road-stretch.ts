import type { Position } from '../../basemap-types';

const METRES_PER_DEGREE = 111_320;

/**
 * The stretch of road a loop detector measures, drawn where the city file gives only its point: a
 * line `lengthM` long through the point, along the road. A ring road (the A10) runs around its
 * detectors' centre, so its direction at a detector is square to the line from that centre; a
 * detector alone on its road gets an east–west stretch.
 */
export function roadStretch(point: Position, roadCentre: Position | null, lengthM = 900): Position[] {
  const [lon, lat] = point;
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  let [east, north] = [1, 0];
  if (roadCentre) {
    const dx = (lon - roadCentre[0]) * metresPerLon;
    const dy = (lat - roadCentre[1]) * METRES_PER_DEGREE;
    const length = Math.hypot(dx, dy);
    if (length > 1) [east, north] = [-dy / length, dx / length];
  }
  const half = lengthM / 2;
  const step: Position = [(east * half) / metresPerLon, (north * half) / METRES_PER_DEGREE];
  return [
    [lon - step[0], lat - step[1]],
    [lon + step[0], lat + step[1]],
  ];
}

/** The centre of each road's detectors (mean position), by road name; a road with one detector has none. */
export function roadCentres(
  points: ReadonlyArray<{ road: string | null; position: Position }>,
): Map<string, Position> {
  const sums = new Map<string, { lon: number; lat: number; count: number }>();
  for (const { road, position } of points) {
    if (!road) continue;
    const sum = sums.get(road) ?? { lon: 0, lat: 0, count: 0 };
    sums.set(road, { lon: sum.lon + position[0], lat: sum.lat + position[1], count: sum.count + 1 });
  }
  const centres = new Map<string, Position>();
  for (const [road, sum] of sums) {
    if (sum.count > 1) centres.set(road, [sum.lon / sum.count, sum.lat / sum.count]);
  }
  return centres;
}
