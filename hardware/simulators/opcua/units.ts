/**
 * Our unit strings as UNECE Recommendation 20 common codes, which OPC UA's EUInformation carries
 * (OPC 10000-8, 5.6.3). A unit without a code there (vehicles per hour) gets unitId -1, "unknown".
 */
export const UNECE_CODES: Readonly<Record<string, string>> = {
  'µg/m³': 'GQ',
  'km/h': 'KMH',
  '%': 'P1',
  '°C': 'CEL',
  m: 'MTR',
  'm³/h': 'MQH',
  'mm/h': 'H67',
  mm: 'MMT',
  W: 'WTT',
  kW: 'KWT',
  V: 'VLT',
  A: 'AMP',
  kWh: 'KWH',
  kvarh: 'K3',
  Hz: 'HTZ',
  h: 'HUR',
  s: 'SEC',
  hPa: 'A97',
  lx: 'LUX',
};
