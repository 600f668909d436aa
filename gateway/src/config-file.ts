import { type CheckIssue, parseDataFile } from '@city/hardware/data-file';
import { listProfiles } from '@city/hardware/profiles';
import { DEFAULT_OPC_UA_SECURITY, type GatewayConfig, GatewayConfigSchema } from './config';
import { profileOf } from './sources/modbus/profile';

/**
 * A gateway's config as a YAML file, validated with zod and checked against the device profiles.
 * Every mistake comes back at once, each with the file, the line, the field and what is expected.
 * Secrets never live in it: the database URL comes from DATABASE_URL (or the file DATABASE_URL_FILE).
 */
function configIssues(config: GatewayConfig): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const profiles = listProfiles();
  const seenDevices = new Map<string, number>();
  const seenChannels = new Map<string, string>();
  config.devices.forEach((device, d) => {
    const earlier = seenDevices.get(device.id);
    if (earlier !== undefined) {
      issues.push({
        path: ['devices', d, 'id'],
        message: `device id "${device.id}" is already used by devices[${earlier}]`,
      });
    } else seenDevices.set(device.id, d);
    const feeds = (channelId: string, p: number, source: string) => {
      const feeding = seenChannels.get(channelId);
      if (feeding) {
        issues.push({
          path: ['devices', d, 'points', p, 'channelId'],
          message: `channel "${channelId}" is already fed by ${feeding}; a channel has one source`,
        });
      } else seenChannels.set(channelId, source);
    };
    if (device.protocol === 'opcua') {
      // The certificates are kept beside the buffer (see pki.ts); a buffer in memory has no such place.
      if (device.security.mode !== 'None' && !config.pki && config.buffer.path === ':memory:') {
        issues.push({
          path: ['devices', d, 'security', 'mode'],
          message: `${device.security.mode} needs certificates kept on disk: add pki: { dir: /var/lib/city-gateway/pki }, or a buffer.path on disk (they are then kept beside it)`,
        });
      }
      device.points.forEach((binding, p) => {
        feeds(binding.channelId, p, `${device.id}/${binding.nodeId}`);
      });
      return;
    }
    if (device.profile !== undefined && !profiles.includes(device.profile)) {
      issues.push({
        path: ['devices', d, 'profile'],
        message: `no profile "${device.profile}"; expected one of ${profiles.join(', ')}`,
      });
      return;
    }
    const points = profileOf(device).points.map((point) => point.name);
    device.points.forEach((binding, p) => {
      if (!points.includes(binding.point)) {
        issues.push({
          path: ['devices', d, 'points', p, 'point'],
          message: `${device.profile ? `profile ${device.profile}` : 'registers'} has no point "${binding.point}"; expected one of ${points.join(', ')}`,
        });
      }
      feeds(binding.channelId, p, `${device.id}/${binding.point}`);
    });
  });
  return issues;
}

/** Loads and checks a gateway config file; throws DataFileError listing every problem. */
export function loadGatewayConfigFile(file: string): GatewayConfig {
  return parseDataFile(file, GatewayConfigSchema, configIssues);
}

/**
 * What is allowed but unsafe in a config, one line each naming the file, the device and the fix:
 * `gateway check` prints them and the gateway logs them at start.
 */
export function configWarnings(config: GatewayConfig, file: string): string[] {
  return config.devices.flatMap((device, d) =>
    device.protocol === 'opcua' && device.security.mode === 'None'
      ? [
          `WARNING ${file}: devices[${d}] (${device.id}) talks OPC UA to ${device.endpointUrl} with security None: ` +
            'anyone on that network can read, alter and forge its values and setpoints. Fix: ' +
            `security: { mode: ${DEFAULT_OPC_UA_SECURITY.mode}, policy: ${DEFAULT_OPC_UA_SECURITY.policy} } ` +
            '(the default when security is left out) with the server certificate trusted by "gateway trust"; ' +
            'None is for a test rig on loopback only.',
        ]
      : [],
  );
}
