/**
 * Where the sun is, from the NOAA solar calculator's equations (Meeus, "Astronomical Algorithms"),
 * good to about a minute for sunrise and sunset at our latitudes. No network, no tables.
 */

/** Central Amsterdam (Dam square), for models that need "the city's" sun. */
export const AMSTERDAM = { latitude: 52.3731, longitude: 4.8926 } as const;

export interface Place {
  latitude: number;
  longitude: number;
}

const MS_PER_DAY = 86_400_000;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** Declination (degrees) and equation of time (minutes) at an instant. */
function sunAt(epochMs: number): { declination: number; equationOfTimeMin: number } {
  const julianCentury = (epochMs / MS_PER_DAY + 2_440_587.5 - 2_451_545) / 36_525;
  const t = julianCentury;
  const meanLongitude = (280.46646 + t * (36_000.76983 + t * 0.0003032)) % 360;
  const meanAnomaly = 357.52911 + t * (35_999.05029 - 0.0001537 * t);
  const eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const centre =
    Math.sin(rad(meanAnomaly)) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
    Math.sin(rad(2 * meanAnomaly)) * (0.019993 - 0.000101 * t) +
    Math.sin(rad(3 * meanAnomaly)) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const apparentLongitude = meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(rad(omega));
  const meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const obliquity = meanObliquity + 0.00256 * Math.cos(rad(omega));
  const declination = deg(Math.asin(Math.sin(rad(obliquity)) * Math.sin(rad(apparentLongitude))));
  const y = Math.tan(rad(obliquity / 2)) ** 2;
  const l0 = rad(meanLongitude);
  const m = rad(meanAnomaly);
  const equationOfTimeMin =
    4 *
    deg(
      y * Math.sin(2 * l0) -
        2 * eccentricity * Math.sin(m) +
        4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0) -
        0.5 * y * y * Math.sin(4 * l0) -
        1.25 * eccentricity * eccentricity * Math.sin(2 * m),
    );
  return { declination, equationOfTimeMin };
}

/** The sun's height above the horizon in degrees (negative at night), without refraction. */
export function sunElevation(epochMs: number, place: Place = AMSTERDAM): number {
  const { declination, equationOfTimeMin } = sunAt(epochMs);
  const minutesUtc = (((epochMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000;
  const trueSolarMin = minutesUtc + equationOfTimeMin + 4 * place.longitude;
  const hourAngle = trueSolarMin / 4 - 180;
  const cosZenith =
    Math.sin(rad(place.latitude)) * Math.sin(rad(declination)) +
    Math.cos(rad(place.latitude)) * Math.cos(rad(declination)) * Math.cos(rad(hourAngle));
  return 90 - deg(Math.acos(Math.max(-1, Math.min(1, cosZenith))));
}

export interface SunTimes {
  /** Epoch ms of sunrise and sunset on the UTC day of the given instant. */
  sunrise: number;
  sunset: number;
}

/**
 * Sunrise and sunset (upper limb on the horizon, with refraction: zenith 90.833°) on the UTC day
 * that holds the instant. In Europe that day runs from one night to the next, so "night" is before
 * its sunrise or after its sunset.
 */
export function sunTimes(epochMs: number, place: Place = AMSTERDAM): SunTimes {
  const midnight = Math.floor(epochMs / MS_PER_DAY) * MS_PER_DAY;
  const { declination, equationOfTimeMin } = sunAt(midnight + MS_PER_DAY / 2);
  const cosHourAngle =
    Math.cos(rad(90.833)) / (Math.cos(rad(place.latitude)) * Math.cos(rad(declination))) -
    Math.tan(rad(place.latitude)) * Math.tan(rad(declination));
  const hourAngle = deg(Math.acos(Math.max(-1, Math.min(1, cosHourAngle))));
  const solarNoonMin = 720 - 4 * place.longitude - equationOfTimeMin;
  return {
    sunrise: midnight + (solarNoonMin - 4 * hourAngle) * 60_000,
    sunset: midnight + (solarNoonMin + 4 * hourAngle) * 60_000,
  };
}

/** Whether street lights should burn: between sunset and the next sunrise. */
export function isDark(epochMs: number, place: Place = AMSTERDAM): boolean {
  const { sunrise, sunset } = sunTimes(epochMs, place);
  return epochMs < sunrise || epochMs >= sunset;
}
