import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Reading } from '@city/db/domain';
import { OPCUACertificateManager } from 'node-opcua';
import type { Logger } from 'pino';
import type { OpcUaDeviceConfig } from '../../config';
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

/** Starts every OPC UA device of a gateway on one shared certificate and trust list. */
export async function startOpcUaDevices(
  options: OpcUaSourceOptions,
): Promise<{ devices: RunningOpcUaDevice[]; stop(): Promise<void> }> {
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
  return {
    devices,
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
