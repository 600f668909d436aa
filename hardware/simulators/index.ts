/** Virtual field cabinets: Modbus TCP servers whose registers follow plausible signal models. */
export { type Clock, type RunningCabinet, type StartCabinetOptions, startCabinet } from './cabinet';
