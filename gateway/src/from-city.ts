import type { Asset, Channel } from '@city/domain';
import { channelIdOf } from '@city/domain';
import {
  assetsOf,
  type City,
  channelsOf,
  findCabinet,
  opcUaEndpointOf,
  opcUaNodeIdOf,
} from '@city/hardware/city';
import { stringify } from 'yaml';
import {
  DEFAULT_OPC_UA_SECURITY,
  type DeviceInput,
  type GatewayConfigInput,
  type OpcUaSecurityInput,
} from './config';

export interface CabinetGatewayOptions {
  gatewayId?: string;
  /** Where the cabinet answers, when not where the city file says (e.g. a container's service name). */
  host?: string | undefined;
  port?: number | undefined;
  pollIntervalMs?: number;
  /**
   * Read the cabinet over OPC UA at this endpoint instead of Modbus (the cabinet's OPC UA server
   * serves the same points); setpoints are then written over OPC UA as well. The config always says
   * which security it uses: `security` when given; without it None for an endpoint on loopback (the
   * in-process demo and tests, where the simulator shares the machine and nothing crosses a wire), and
   * SignAndEncrypt with Basic256Sha256 anywhere else.
   */
  opcUa?: { endpointUrl: string; security?: OpcUaSecurityInput };
}

/** The in-process demo's OPC UA security: its simulators answer on loopback, on the same machine. */
export const LOOPBACK_DEMO_SECURITY = { mode: 'None', policy: 'None' } as const satisfies OpcUaSecurityInput;

/** Whether an opc.tcp:// endpoint is on this machine (127.0.0.0/8, ::1 or localhost). */
export function isLoopbackEndpoint(endpointUrl: string): boolean {
  const host = /^opc\.tcp:\/\/(\[[^\]]+\]|[^/:]+)/.exec(endpointUrl)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function securityOf(opcUa: NonNullable<CabinetGatewayOptions['opcUa']>): OpcUaSecurityInput {
  if (opcUa.security) return opcUa.security;
  return isLoopbackEndpoint(opcUa.endpointUrl) ? LOOPBACK_DEMO_SECURITY : DEFAULT_OPC_UA_SECURITY;
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
          security: securityOf(opcUa),
          // Sample at a quarter and publish at half the poll interval: a change then reaches the
          // gateway within three quarters of an interval, not up to two intervals (a sample, then a
          // publish, each a full interval late), which an alarm's 2 s from field to screen cannot
          // afford. Values still come once per change: the PLC samples more, the link carries no more.
          subscription: {
            publishingIntervalMs: Math.max(250, Math.round(pollIntervalMs / 2)),
            samplingIntervalMs: Math.max(100, Math.round(pollIntervalMs / 4)),
          },
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

/** Where a deployed gateway keeps its certificate and trust list, beside the buffer. */
export const DEPLOYED_PKI_DIR = '/var/lib/city-gateway/pki';

/**
 * The config file for one cabinet, as `gateway generate` prints it and gateway/config/ holds it. A
 * deployed cabinet with an OPC UA server is read over it, signed and encrypted, wherever it answers.
 */
export function generatedConfigText(city: City, cabinetId: string): string {
  const cabinet = findCabinet(city, cabinetId);
  const { config } = gatewayConfigForCabinet(city, cabinetId, {
    ...(cabinet.opcua
      ? {
          opcUa: {
            endpointUrl: opcUaEndpointOf(cabinet.modbus.host, cabinet.opcua.port, cabinet.id),
            security: DEFAULT_OPC_UA_SECURITY,
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
