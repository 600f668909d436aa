import type { Asset, Channel } from '@city/db/domain';
import { channelIdOf } from '@city/db/domain';
import { assetsOf, type City, channelsOf, findCabinet } from '@city/hardware/city';
import { stringify } from 'yaml';
import type { GatewayConfigInput } from './config';

export interface CabinetGatewayOptions {
  gatewayId?: string;
  /** Where the cabinet answers, when not where the city file says (e.g. a container's service name). */
  host?: string | undefined;
  port?: number | undefined;
  pollIntervalMs?: number;
}

/**
 * The gateway config for one cabinet, generated from the city description, so the gateway reads
 * exactly the points the cabinet serves and feeds exactly the channels the database knows.
 */
export function gatewayConfigForCabinet(
  city: City,
  cabinetId: string,
  options: CabinetGatewayOptions = {},
): { config: GatewayConfigInput; provision: { assets: Asset[]; channels: Channel[] } } {
  const cabinet = findCabinet(city, cabinetId);
  const gatewayId = options.gatewayId ?? `gw-${cabinet.id}`;
  const assetIds = new Set(cabinet.devices.map((device) => device.asset.id));
  return {
    config: {
      gatewayId,
      devices: cabinet.devices.map((device) => ({
        id: device.id,
        protocol: 'modbus-tcp',
        host: options.host ?? cabinet.modbus.host,
        port: options.port ?? cabinet.modbus.port,
        unitId: device.unitId,
        profile: device.profile.model,
        pollIntervalMs: options.pollIntervalMs ?? 1_000,
        points: device.profile.points.map((point) => ({
          point: point.name,
          channelId: channelIdOf(device.asset.id, point.metric),
        })),
      })),
    },
    provision: {
      assets: assetsOf(city).filter((asset) => assetIds.has(asset.id)),
      channels: channelsOf(city, gatewayId).filter((channel) => assetIds.has(channel.assetId)),
    },
  };
}

/** Where a deployed gateway keeps its buffer (see hardware/pi). */
export const DEPLOYED_BUFFER_PATH = '/var/lib/city-gateway/buffer.sqlite';

/** The config file for one cabinet, as `gateway generate` prints it and gateway/config/ holds it. */
export function generatedConfigText(city: City, cabinetId: string): string {
  const { config } = gatewayConfigForCabinet(city, cabinetId);
  const deployed = { ...config, buffer: { path: DEPLOYED_BUFFER_PATH } };
  return `# Generated from ${city.name} by "npm run gateway -- generate --cabinet ${cabinetId}"; the city file is the source.\n${stringify(deployed)}`;
}
