/** The city description: field cabinets, their devices and the assets they measure. */
export { DataFileError, type DataFileIssue } from '../lib/data-file';
export { HardwareError, type HardwareErrorCode } from '../lib/errors';
export { AMSTERDAM_ALARMS_FILE, loadAlarmRules } from './alarm-rules';
export { assetsOf, channelsOf, devicesOf, findCabinet } from './derive';
export { type GenerateOptions, generateCity } from './generate';
export {
  AMSTERDAM_CITY_FILE,
  type Cabinet,
  type City,
  type Device,
  loadCity,
  loadCityFile,
  resolveCity,
  SKELETON_CITY_FILE,
} from './loader';
export { opcUaEndpointOf, opcUaNodeIdOf } from './opcua-address';
export {
  type AssetGeometry,
  AssetGeometrySchema,
  type CabinetEntry,
  CabinetEntrySchema,
  type CityFile,
  CityFileSchema,
  type DeviceEntry,
  DeviceEntrySchema,
  type PointGeometry,
  PointGeometrySchema,
} from './schema';
