import type { Asset, Channel } from '@city/db/domain';
import { channelIdOf } from '@city/db/domain';
import {
  assetsOf,
  type City,
  channelsOf,
  findCabinet,
  opcUaEndpointOf,
  opcUaNodeIdOf,
} from '@city/hardware/city';
import { stringify } from 'yaml';
import type { DeviceInput, GatewayConfigInput, OpcUaSecurityInput } from './config';

export interface CabinetGatewayOptions {
  gatewayId?: string;
  /** Where the cabinet answers, when not where the city file says (e.g. a container's service name). */
  host?: string | undefined;
  port?: number | undefined;
  pollIntervalMs?: number;
  /**
   * Read the cabinet over OPC UA at this endpoint instead of Modbus (the cabinet's OPC UA server
   * serves the same points); setpoints are then written over OPC UA as well.
   */
  opcUa?: { endpointUrl: string; security?: OpcUaSecurityInput };
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
      devices: cabinet.devices.map((device) => {
        const points = device.profile.points.map((point) => ({
          point: point.name,
          channelId: channelIdOf(device.asset.id, point.metric),
        }));
        const { opcUa, pollIntervalMs = 1_000 } = options;
        if (!opcUa) {
          return {
            id: device.id,
            protocol: 'modbus-tcp',
            host: options.host ?? cabinet.modbus.host,
            port: options.port ?? cabinet.modbus.port,
            unitId: device.unitId,
            profile: device.profile.model,
            pollIntervalMs,
            points,
          } satisfies DeviceInput;
        }
        return {
          id: device.id,
          protocol: 'opcua',
          endpointUrl: opcUa.endpointUrl,
          ...(opcUa.security ? { security: opcUa.security } : {}),
          subscription: { publishingIntervalMs: pollIntervalMs, samplingIntervalMs: pollIntervalMs },
          points: device.profile.points.map((point) => ({
            nodeId: opcUaNodeIdOf(device.id, point.name),
            channelId: channelIdOf(device.asset.id, point.metric),
            ...(point.access === 'read-write'
              ? { writable: true, ...(point.writeRange ? { writeRange: point.writeRange } : {}) }
              : {}),
          })),
        } satisfies DeviceInput;
      }),
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
export const DEPLOYED_PKI_DIR = '/var/lib/city-gateway/pki';

/** A deployed cabinet with an OPC UA server is read over it, signed and encrypted. */
export function generatedConfigText(city: City, cabinetId: string): string {
  const cabinet = findCabinet(city, cabinetId);
  const { config } = gatewayConfigForCabinet(city, cabinetId, {
    ...(cabinet.opcua
      ? {
          opcUa: {
            endpointUrl: opcUaEndpointOf(cabinet.modbus.host, cabinet.opcua.port, cabinet.id),
            security: { mode: 'SignAndEncrypt', policy: 'Basic256Sha256' },
          },
        }
      : {}),
  });
  const deployed = {
    ...config,
    ...(cabinet.opcua ? { pki: { dir: DEPLOYED_PKI_DIR } } : {}),
    buffer: { path: DEPLOYED_BUFFER_PATH },
  };
  return `# Generated from ${city.name} by "npm run gateway -- generate --cabinet ${cabinetId}"; the city file is the source.\n${stringify(deployed, { aliasDuplicateObjects: false })}`;
}
