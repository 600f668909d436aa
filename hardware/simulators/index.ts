/** Virtual field cabinets: Modbus TCP servers whose registers follow plausible signal models. */

export { freePort } from '../lib/free-port';
export {
  type CabinetState,
  type Clock,
  type RunningCabinet,
  type StartCabinetOptions,
  startCabinet,
} from './cabinet';
export { type RunningCity, type StartCityOptions, startCity } from './city';
export type { ControlApi } from './control-api';
export { FAULT_KINDS, type Fault, type FaultInput, type FaultKind } from './faults';
