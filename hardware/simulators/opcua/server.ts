import { mkdirSync } from 'node:fs';
import {
  MessageSecurityMode,
  makeEUInformation,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  StatusCodes,
  type UAVariable,
} from 'node-opcua';
import type { Logger } from 'pino';
import type { Cabinet } from '../../city/loader';
import { opcUaEndpointOf, opcUaNodeIdOf } from '../../city/opcua-address';
import { HardwareError, messageOf } from '../../lib/errors';
import type { Point } from '../../profiles/schema';
import type { FaultyDevice } from '../device-faults';
import { UNECE_CODES } from './units';
import { acceptWrites, isAnalog, variantOf } from './writes';

/**
 * The cabinet's controllers as an OPC UA server (node-opcua; the only file here that imports it):
 * Objects/<cabinet>/<asset>/<point>, each an AnalogItem with engineering units and range, or a
 * plain variable for states and bits. Values carry the source timestamp of the simulation tick, and
 * the device's faults: a bad StatusCode, a source clock that is off, or no change at all.
 */
export interface OpcUaServer {
  readonly endpointUrl: string;
  /** Pushes every point's current value, stamped with the source time (epoch ms). */
  publish(sourceTimeMs: number): void;
  close(): Promise<void>;
}

export interface ServeOpcUaOptions {
  cabinet: Cabinet;
  devices: ReadonlyMap<string, FaultyDevice>;
  host: string;
  /** 0 is not allowed by node-opcua; tests pick a free port first. */
  port: number;
  /** Where the server keeps its certificate and trust lists. */
  pkiDir: string;
  logger: Logger;
}

function engineeringUnits(unit: string) {
  const code = UNECE_CODES[unit];
  if (code) return makeEUInformation(code, unit, unit);
  return {
    namespaceUri: 'http://www.opcfoundation.org/UA/units/un/cefact',
    unitId: -1,
    displayName: { text: unit },
    description: { text: unit },
  };
}

interface Published {
  variable: UAVariable;
  point: Point;
  device: FaultyDevice;
}

export async function serveOpcUa(options: ServeOpcUaOptions): Promise<OpcUaServer> {
  const { cabinet, logger } = options;
  mkdirSync(options.pkiDir, { recursive: true });
  const certificates = new OPCUACertificateManager({
    rootFolder: options.pkiDir,
    // A test rig: clients' certificates are trusted on first use. A gateway's trust list is strict.
    automaticallyAcceptUnknownCertificate: true,
  });
  const server = new OPCUAServer({
    port: options.port,
    hostname: options.host,
    resourcePath: `/city/${cabinet.id}`,
    serverCertificateManager: certificates,
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    securityPolicies: [
      SecurityPolicy.None,
      SecurityPolicy.Basic256Sha256,
      SecurityPolicy.Aes128_Sha256_RsaOaep,
    ],
    allowAnonymous: true,
    buildInfo: {
      productName: `Virtual field cabinet ${cabinet.id}`,
      manufacturerName: 'City Operations',
      productUri: `urn:city-operations:cabinet:${cabinet.id}`,
      softwareVersion: '0.1.0',
    },
    serverInfo: { applicationUri: `urn:city-operations:cabinet:${cabinet.id}` },
  });
  try {
    await server.initialize();
  } catch (error) {
    throw new HardwareError(
      'CITY_HW_PORT_UNAVAILABLE',
      `cannot prepare the OPC UA server of ${cabinet.id}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error('node-opcua built no address space');
  const namespace = addressSpace.getOwnNamespace();
  const cabinetFolder = namespace.addFolder(addressSpace.rootFolder.objects, {
    browseName: cabinet.id,
    nodeId: `s=${cabinet.id}`,
  });
  const published: Published[] = [];
  for (const device of cabinet.devices) {
    const faulty = options.devices.get(device.id);
    if (!faulty) continue;
    const assetFolder = namespace.addFolder(cabinetFolder, {
      browseName: device.asset.id,
      displayName: device.asset.name,
      nodeId: `s=${device.id}`,
      description: `${device.profile.title} (unit ${device.unitId})`,
    });
    for (const point of device.profile.points) {
      const common = {
        componentOf: assetFolder,
        browseName: point.name,
        displayName: point.label,
        nodeId: opcUaNodeIdOf(device.id, point.name).replace('ns=1;', ''),
        description: point.description ?? point.label,
        minimumSamplingInterval: 100,
        // node-opcua makes variables writable unless told otherwise; a measurement must not be.
        ...(point.access === 'read-write'
          ? { accessLevel: 'CurrentRead | CurrentWrite', userAccessLevel: 'CurrentRead | CurrentWrite' }
          : { accessLevel: 'CurrentRead', userAccessLevel: 'CurrentRead' }),
      } as const;
      const variable = isAnalog(point)
        ? namespace.addAnalogDataItem({
            ...common,
            dataType: 'Double',
            engineeringUnitsRange: { low: point.displayRange[0], high: point.displayRange[1] },
            engineeringUnits: engineeringUnits(point.unit),
          })
        : namespace.addVariable({ ...common, dataType: point.type === 'bool' ? 'Boolean' : 'UInt16' });
      if (point.access === 'read-write') acceptWrites(variable, point, faulty);
      published.push({ variable, point, device: faulty });
    }
  }
  try {
    await server.start();
  } catch (error) {
    await server.shutdown().catch(() => {});
    throw new HardwareError(
      'CITY_HW_PORT_UNAVAILABLE',
      `cannot serve OPC UA for ${cabinet.id} on ${options.host}:${options.port} (${messageOf(error)}); choose another port`,
      { cause: error },
    );
  }
  const endpointUrl = opcUaEndpointOf(options.host, options.port, cabinet.id);
  logger.info({ endpointUrl, variables: published.length }, 'serving OPC UA');

  const lastSent = new Map<UAVariable, string>();
  return {
    endpointUrl,
    publish(sourceTimeMs) {
      for (const device of new Set(published.map((entry) => entry.device))) device.prepareRead();
      for (const { variable, point, device } of published) {
        if (device.frozen) continue;
        const variant = variantOf(point, device.device.readPointValue(point.name));
        const status = device.opcUaStatus();
        const sourceTimestamp = new Date(sourceTimeMs + device.clockOffsetMs());
        // A reading that did not change is not news; OPC UA subscriptions report changes only.
        const key = `${variant.value}|${status}|${device.clockOffsetMs()}`;
        if (lastSent.get(variable) === key) continue;
        lastSent.set(variable, key);
        variable.setValueFromSource(variant, StatusCodes[status], sourceTimestamp);
      }
    },
    async close() {
      await server.shutdown(0);
      await certificates.dispose();
    },
  };
}
