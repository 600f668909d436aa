import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AccessLevelFlag,
  AttributeIds,
  type ClientSession,
  ClientSubscription,
  DataType,
  type DataValue,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
} from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMSTERDAM_CITY_FILE, type Cabinet, loadCity } from '../../city/loader';
import { opcUaNodeIdOf as pointNodeId } from '../../city/opcua-address';
import { freePort } from '../../lib/free-port';
import { type RunningCabinet, startCabinet } from '../cabinet';

/**
 * Interop with an OPC UA client we did not write: a plain node-opcua client browses the cabinet's
 * address space, reads engineering units and ranges, and subscribes to values, over SignAndEncrypt.
 */
let dir: string;
let cabinet: RunningCabinet;
let buiksloterham: Cabinet;
let client: OPCUAClient;
let session: ClientSession;
const PUMP_STATION = 'buiksloterham-pump-plc';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'city-opcua-'));
  const found = loadCity(AMSTERDAM_CITY_FILE).cabinets.find((c) => c.id === 'cab-buiksloterham');
  if (!found) throw new Error('the demo city has no cab-buiksloterham');
  buiksloterham = found;
  cabinet = await startCabinet(buiksloterham, {
    port: 0,
    tickMs: 100,
    opcua: { port: await freePort(), pkiDir: join(dir, 'server-pki') },
  });
  client = OPCUAClient.create({
    applicationName: 'interop-test',
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 2, initialDelay: 200 },
    clientCertificateManager: new OPCUACertificateManager({
      rootFolder: join(dir, 'client-pki'),
      automaticallyAcceptUnknownCertificate: true,
    }),
  });
  await client.connect(cabinet.opcUaEndpoint ?? '');
  session = await client.createSession();
}, 60_000);
afterAll(async () => {
  await session?.close();
  await client?.disconnect();
  await cabinet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a plain node-opcua client against a cabinet, over SignAndEncrypt', () => {
  it('browses Objects / cabinet / asset / point, one folder per asset', async () => {
    const objects = await session.browse('ns=0;i=85');
    expect(objects.references?.map((r) => r.browseName.name)).toContain('cab-buiksloterham');
    const assets = await session.browse('ns=1;s=cab-buiksloterham');
    expect(assets.references?.map((r) => r.browseName.name).sort()).toEqual(
      buiksloterham.devices.map((d) => d.asset.id).sort(),
    );
    const pump = buiksloterham.devices.find((d) => d.id === PUMP_STATION);
    const points = await session.browse(`ns=1;s=${PUMP_STATION}`);
    expect(points.references?.map((r) => r.browseName.name).sort()).toEqual(
      pump?.profile.points.map((p) => p.name).sort(),
    );
  });

  it('gives analog points their engineering units and display range', async () => {
    const level = pointNodeId(PUMP_STATION, 'wet_well_level');
    const properties = await session.browse(level);
    const named = new Map(properties.references?.map((r) => [r.browseName.name, r.nodeId.toString()]));
    const [units, range] = await session.read([
      { nodeId: named.get('EngineeringUnits') ?? '', attributeId: AttributeIds.Value },
      { nodeId: named.get('EURange') ?? '', attributeId: AttributeIds.Value },
    ]);
    expect(units?.value.value.displayName.text).toBe('m');
    expect(range?.value.value).toMatchObject({ low: expect.any(Number), high: expect.any(Number) });
  });

  it('reports changes with their source timestamps, then a bad StatusCode and an offset clock when told', async () => {
    const nodeId = pointNodeId(PUMP_STATION, 'wet_well_level');
    const subscription = ClientSubscription.create(session, {
      requestedPublishingInterval: 100,
      requestedMaxKeepAliveCount: 20,
      publishingEnabled: true,
    });
    const seen: DataValue[] = [];
    const item = await subscription.monitor(
      { nodeId, attributeId: AttributeIds.Value },
      { samplingInterval: 100, queueSize: 10, discardOldest: true },
      TimestampsToReturn.Both,
    );
    item.on('changed', (value: DataValue) => seen.push(value));
    try {
      cabinet.setPointValue(PUMP_STATION, 'wet_well_level', 1.25);
      await expect.poll(() => seen.at(-1)?.value.value, { timeout: 5_000 }).toBe(1.25);
      const good = seen.at(-1);
      expect(good?.statusCode.name).toBe('Good');
      expect(Math.abs((good?.sourceTimestamp?.getTime() ?? 0) - Date.now())).toBeLessThan(2_000);

      cabinet.setFault(PUMP_STATION, { kind: 'bad-status', status: 'BadSensorFailure' });
      await expect.poll(() => seen.at(-1)?.statusCode.name, { timeout: 5_000 }).toBe('BadSensorFailure');
      cabinet.setFault(PUMP_STATION, { kind: 'clock-offset', offsetMs: -3_600_000 });
      // Subscriptions report changes of value or status; the next value comes stamped an hour late.
      cabinet.setPointValue(PUMP_STATION, 'wet_well_level', 1.5);
      await expect
        .poll(() => Date.now() - (seen.at(-1)?.sourceTimestamp?.getTime() ?? Date.now()), { timeout: 5_000 })
        .toBeGreaterThan(3_590_000);
      cabinet.clearFault(PUMP_STATION);
      await expect.poll(() => seen.at(-1)?.statusCode.name, { timeout: 5_000 }).toBe('Good');
    } finally {
      await subscription.terminate();
    }
  });

  it('takes a setpoint written by the client, and refuses what the controller refuses, with the matching status', async () => {
    const startLevel = pointNodeId(PUMP_STATION, 'start_level_lead');
    const write = async (nodeId: string, dataType: DataType, value: unknown) =>
      (
        await session.write({
          nodeId,
          attributeId: AttributeIds.Value,
          value: { value: { dataType, value } },
        })
      ).name;
    const readBack = async () =>
      (await session.read({ nodeId: startLevel, attributeId: AttributeIds.Value })).value.value;

    const access = await session.read({ nodeId: startLevel, attributeId: AttributeIds.UserAccessLevel });
    expect(access.value.value & AccessLevelFlag.CurrentWrite).toBeTruthy();
    expect(await write(startLevel, DataType.Double, 1.55)).toBe('Good');
    expect(cabinet.readPointValue(PUMP_STATION, 'start_level_lead')).toBeCloseTo(1.55, 5);
    expect(await readBack()).toBeCloseTo(1.55, 5);
    // The profile's write range is 0.3..3 m; the controller refuses, and nothing changes.
    expect(await write(startLevel, DataType.Double, 3.5)).toBe('BadOutOfRange');
    expect(await write(startLevel, DataType.String, 'high')).toBe('BadTypeMismatch');
    expect(await write(pointNodeId(PUMP_STATION, 'wet_well_level'), DataType.Double, 1)).toBe(
      'BadNotWritable',
    );
    expect(cabinet.readPointValue(PUMP_STATION, 'start_level_lead')).toBeCloseTo(1.55, 5);
    cabinet.setFault(PUMP_STATION, { kind: 'exception', code: 'device-failure' });
    try {
      expect(await write(startLevel, DataType.Double, 1.6)).toBe('BadDeviceFailure');
    } finally {
      cabinet.clearFault(PUMP_STATION);
    }
    expect(await readBack()).toBeCloseTo(1.55, 5);
  });

  it('refuses OPC UA faults for a cabinet that serves no OPC UA, and says how to get one', async () => {
    const plain = await startCabinet(buiksloterham, { port: 0 });
    try {
      expect(() => plain.setFault(PUMP_STATION, { kind: 'bad-status' })).toThrow(/serves no OPC UA/);
    } finally {
      await plain.stop();
    }
  });
});
