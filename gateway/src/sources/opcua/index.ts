import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { format } from 'node:util';
import type { Reading } from '@city/domain';
import { OPCUACertificateManager, setErrorLogger, setWarningLogger } from 'node-opcua';
import type { Logger } from 'pino';
import type { OpcUaDeviceConfig } from '../../config';
import type { SetpointTarget } from '../../setpoints';
import { type RunningOpcUaDevice, startOpcUaDevice } from './device';

export type { RunningOpcUaDevice } from './device';

export interface OpcUaSourceOptions {
  devices: readonly OpcUaDeviceConfig[];
  gatewayId: string;
  /** own/ (the gateway's certificate), trusted/ and rejected/ (servers' certificates). */
  pkiDir: string;
  clock: () => number;
  deliver(deviceId: string, readings: Reading[]): void;
  logger: Logger;
}

/** A writable node: the configured range is checked here, everything else by the server. */
function opcUaSetpointTarget(
  device: RunningOpcUaDevice,
  point: OpcUaDeviceConfig['points'][number],
): SetpointTarget {
  return {
    deviceId: device.id,
    // Servers hold engineering values as they are; what comes back is what was written, or a refusal.
    tolerance: 1e-6,
    refusal(value) {
      // The config check refuses a writable node without a range; nothing is written without one.
      if (!point.writeRange) return `${point.nodeId} has no writeRange in the gateway config`;
      const [min, max] = point.writeRange;
      return value >= min && value <= max
        ? undefined
        : `${value} is not accepted by ${point.nodeId}: expected ${min}..${max}`;
    },
    write: (value) => device.writeValue(point.nodeId, value),
  };
}

/** A certificate manager that trusts no server it has not been told to. */
async function strictCertificates(pkiDir: string): Promise<OPCUACertificateManager> {
  await mkdir(pkiDir, { recursive: true });
  const certificates = new OPCUACertificateManager({
    rootFolder: pkiDir,
    automaticallyAcceptUnknownCertificate: false,
  });
  await certificates.initialize();
  return certificates;
}

/**
 * node-opcua prints its own warnings and errors to stdout, line by line and outside the journal's
 * structure; they go to the gateway's log instead. Its warnings are detail (a refused certificate
 * is dumped field by field, which the source already reports in one line with the fix), so they are
 * debug; its errors stay warnings.
 */
function routeLibraryLogs(logger: Logger): void {
  const library = logger.child({ part: 'node-opcua' });
  const line = (args: unknown[]) =>
    format(...args)
      .replace(/\s+/g, ' ')
      .trim();
  setWarningLogger((...args: unknown[]) => {
    if (library.isLevelEnabled('debug')) library.debug(line(args));
  });
  setErrorLogger((...args: unknown[]) => {
    if (library.isLevelEnabled('warn')) library.warn(line(args));
  });
}

/** Starts every OPC UA device of a gateway on one shared certificate and trust list. */
export async function startOpcUaDevices(options: OpcUaSourceOptions): Promise<{
  devices: RunningOpcUaDevice[];
  /** Channel id → the node its setpoints are written to. */
  writable: Map<string, SetpointTarget>;
  stop(): Promise<void>;
}> {
  routeLibraryLogs(options.logger);
  const certificates = await strictCertificates(options.pkiDir);
  const devices = await Promise.all(
    options.devices.map((config) =>
      startOpcUaDevice({
        config,
        gatewayId: options.gatewayId,
        certificates,
        clock: options.clock,
        deliver: (readings) => options.deliver(config.id, readings),
        logger: options.logger.child({ device: config.id, endpoint: config.endpointUrl }),
      }),
    ),
  );
  const writable = new Map<string, SetpointTarget>();
  options.devices.forEach((config, index) => {
    const device = devices[index];
    if (!device) return;
    for (const point of config.points) {
      if (point.writable) writable.set(point.channelId, opcUaSetpointTarget(device, point));
    }
  });
  return {
    devices,
    writable,
    async stop() {
      await Promise.all(devices.map((device) => device.stop()));
      await certificates.dispose();
    },
  };
}

/**
 * Puts a server certificate (DER or PEM, e.g. from <pki>/rejected after a refused connection) on the
 * trust list; returns where it is now trusted.
 */
export async function trustServerCertificate(pkiDir: string, certificateFile: string): Promise<string> {
  const certificates = await strictCertificates(pkiDir);
  try {
    const text = readFileSync(certificateFile);
    const pem = text.toString('latin1');
    const der = pem.includes('-----BEGIN CERTIFICATE-----')
      ? Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64')
      : text;
    await certificates.trustCertificate(der);
    return `${pkiDir}/trusted/certs`;
  } finally {
    await certificates.dispose();
  }
}
