export { type GatewayConfig, type GatewayConfigInput, GatewayConfigSchema } from './config';
export { gatewayConfigForCabinet } from './from-city';
export { type GatewayOptions, type RunningGateway, startGateway } from './gateway';
export type { DeviceStats } from './sources/device-stats';
export { ModbusClient, type ModbusTarget } from './sources/modbus/client';
