export { type GatewayConfig, type GatewayConfigInput, GatewayConfigSchema } from './config';
export { gatewayConfigForCabinet } from './from-city';
export { type DeviceStats, type GatewayOptions, type RunningGateway, startGateway } from './gateway';
export { ModbusClient, type ModbusTarget } from './sources/modbus/client';
