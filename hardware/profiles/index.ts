/** Device profiles: register maps per controller model, kept as YAML data and validated by a schema. */

export { DataFileError, type DataFileIssue } from '../lib/data-file';
export { HardwareError, type HardwareErrorCode } from '../lib/errors';
export {
  DATA_TYPES,
  type DataType,
  decodePoint,
  encodePoint,
  engineeringRange,
  isIntegerType,
  type OverflowPolicy,
  type PointEncoding,
  rawRange,
  registerCount,
  WORD_ORDERS,
  WORD_TYPES,
  type WordOrder,
} from './codec';
export { acceptsWrite, enumValueName, enumValueOf, setBitNames, wordWithBits } from './labels';
export { findPoint, listProfiles, loadProfile, loadProfileFile, PROFILES_DIR } from './loader';
export {
  BIT_TABLES,
  type Point,
  PointSchema,
  type Profile,
  ProfileSchema,
  REGISTER_TABLES,
  RegisterMapSchema,
  type RegisterTable,
  WRITABLE_TABLES,
} from './schema';
