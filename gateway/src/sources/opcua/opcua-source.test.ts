import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Reading, StatusCode } from '@city/domain';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity, opcUaNodeIdOf } from '@city/hardware/city';
import { freePort, type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpcUaDeviceConfig, OpcUaDeviceSchema } from '../../config';
import { SetpointRefused } from '../../setpoints';
import { startOpcUaDevices, trustServerCertificate } from '.';

/**
 * The gateway's OPC UA source against the cabinet simulator's real OPC UA server over loopback,
 * signed and encrypted (Basic256Sha256), with a trust list that starts empty.
 */
const PUMP = 'buiksloterham-pump-plc';
const LEVEL = opcUaNodeIdOf(PUMP, 'wet_well_level');
const RUNNING = opcUaNodeIdOf(PUMP, 'pump1_running');
const START_LEVEL = opcUaNodeIdOf(PUMP, 'start_level_lead');
let dir: string;
let cabinet: RunningCabinet;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'city-gateway-opcua-'));
  cabinet = await startCabinet(findCabinet(loadCity(AMSTERDAM_CITY_FILE), 'cab-buiksloterham'), {
    port: 0,
    tickMs: 100,
    opcua: { port: await freePort(), pkiDir: join(dir, 'server-pki') },
  });
}, 60_000);
afterAll(async () => {
  await cabinet?.stop();
  await rm(dir, { recursive: true, force: true });
});

function device(overrides: Partial<OpcUaDeviceConfig> = {}): OpcUaDeviceConfig {
  return OpcUaDeviceSchema.parse({
    id: PUMP,
    protocol: 'opcua',
    endpointUrl: cabinet.opcUaEndpoint,
    security: { mode: 'SignAndEncrypt', policy: 'Basic256Sha256' },
    subscription: { publishingIntervalMs: 100, samplingIntervalMs: 100 },
    points: [
      { nodeId: LEVEL, channelId: 'pump/level' },
      { nodeId: RUNNING, channelId: 'pump/running' },
    ],
    ...overrides,
  });
}

async function collect(config: OpcUaDeviceConfig, pkiDir: string, sourceLogger = logger) {
  const readings: Reading[] = [];
  const source = await startOpcUaDevices({
    devices: [config],
    gatewayId: 'gw-test',
    pkiDir,
    clock: Date.now,
    deliver: (_device, batch) => readings.push(...batch),
    logger: sourceLogger,
  });
  const last = (channelId: string) => readings.filter((r) => r.channelId === channelId).at(-1);
  return { readings, source, last };
}

describe('the OPC UA source', () => {
  it('refuses an unknown server certificate, then connects once it is trusted', async () => {
    const pkiDir = join(dir, 'gateway-pki');
    const logLines: { part?: string; level: number; msg: string }[] = [];
    const capture = pino({ level: 'debug' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
    const { source, last } = await collect(device(), pkiDir, capture);
    try {
      await expect
        .poll(() => source.devices[0]?.stats().lastError, { timeout: 20_000 })
        .toMatch(/not trusted.*gateway trust/);
      expect(last('pump/level')?.statusCode).toBe(StatusCode.BadNoCommunication);
      // node-opcua's own dump of the refused certificate is in the gateway's log, not on stdout.
      expect(logLines.some((entry) => entry.part === 'node-opcua' && /certificate/i.test(entry.msg))).toBe(
        true,
      );
      const rejected = await readdir(join(pkiDir, 'rejected'));
      expect(rejected.length).toBe(1);
      // What an operator does after checking the thumbprint: the next attempt is trusted.
      await trustServerCertificate(pkiDir, join(pkiDir, 'rejected', rejected[0] ?? ''));
      cabinet.setPointValue(PUMP, 'wet_well_level', 1.25);
      await expect.poll(() => last('pump/level')?.value, { timeout: 20_000 }).toBe(1.25);
      expect(last('pump/level')?.statusCode).toBe(StatusCode.Good);
      expect(last('pump/running')?.value).toBeOneOf([0, 1]);
    } finally {
      await source.stop();
    }
  }, 60_000);

  it('carries the server StatusCode, and distrusts a source clock an hour off', async () => {
    const { source, last } = await collect(device(), join(dir, 'gateway-pki'));
    try {
      await expect.poll(() => last('pump/level')?.statusCode, { timeout: 20_000 }).toBe(StatusCode.Good);
      cabinet.setFault(PUMP, { kind: 'bad-status', status: 'BadSensorFailure' });
      await expect
        .poll(() => last('pump/level')?.statusCode, { timeout: 5_000 })
        .toBe(StatusCode.BadSensorFailure);
      cabinet.clearFault(PUMP);
      cabinet.setFault(PUMP, { kind: 'clock-offset', offsetMs: -3_600_000 });
      cabinet.setPointValue(PUMP, 'wet_well_level', 1.5);
      await expect.poll(() => last('pump/level')?.value, { timeout: 5_000 }).toBe(1.5);
      const skewed = last('pump/level');
      expect(skewed?.statusCode).toBe(StatusCode.Uncertain);
      expect(Math.abs((skewed?.sourceTime.getTime() ?? 0) - Date.now())).toBeLessThan(5_000);
    } finally {
      cabinet.clearFault(PUMP);
      await source.stop();
    }
  }, 60_000);

  it('marks a point the server does not have, and still reads the others', async () => {
    const config = device({
      security: { mode: 'None', policy: 'None' },
      points: [
        { nodeId: LEVEL, channelId: 'pump/level', deadband: undefined, writable: false },
        { nodeId: 'ns=1;s=no-such-point', channelId: 'pump/missing', deadband: undefined, writable: false },
      ],
    });
    const { source, last } = await collect(config, join(dir, 'gateway-pki'));
    try {
      cabinet.setPointValue(PUMP, 'wet_well_level', 2);
      await expect.poll(() => last('pump/level')?.value, { timeout: 20_000 }).toBe(2);
      await expect
        .poll(() => last('pump/missing')?.statusCode, { timeout: 5_000 })
        .toBe(StatusCode.BadNodeIdUnknown);
    } finally {
      await source.stop();
    }
  }, 60_000);

  it("writes setpoints as the node's own type, and tells a refusal by the server from a failure", async () => {
    const config = device({
      security: { mode: 'None', policy: 'None' },
      points: OpcUaDeviceSchema.shape.points.parse([
        { nodeId: START_LEVEL, channelId: 'pump/start-level', writable: true, writeRange: [0.3, 2.5] },
        { nodeId: RUNNING, channelId: 'pump/running', writable: true, writeRange: [0, 1] },
        { nodeId: LEVEL, channelId: 'pump/level' },
      ]),
    });
    const { source, last } = await collect(config, join(dir, 'gateway-pki'));
    const startLevel = source.writable.get('pump/start-level');
    try {
      expect([...source.writable.keys()].sort()).toEqual(['pump/running', 'pump/start-level']);
      expect(startLevel?.refusal(2.8)).toMatch(/2.8 is not accepted .* expected 0.3..2.5/);
      await expect.poll(() => last('pump/level')?.statusCode, { timeout: 20_000 }).toBe(StatusCode.Good);
      expect(await startLevel?.write(1.35)).toBeCloseTo(1.35, 6);
      expect(cabinet.readPointValue(PUMP, 'start_level_lead')).toBeCloseTo(1.35, 6);
      // Past the gateway's range, written directly, to the controller's own (0.3..3 m): the server refuses.
      const refused = await source.devices[0]?.writeValue(START_LEVEL, 3.4).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SetpointRefused);
      expect(String(refused)).toMatch(/BadOutOfRange/);
      // pump1_running is a Boolean the controller computes: a half is refused here, true by the server.
      await expect(source.writable.get('pump/running')?.write(0.5)).rejects.toThrow(/Boolean: write 0 or 1/);
      await expect(source.writable.get('pump/running')?.write(1)).rejects.toThrow(/BadNotWritable/);
    } finally {
      await source.stop();
    }
    await expect(startLevel?.write(1.4)).rejects.toThrow(/not connected/);
  }, 60_000);

  it('records a value that holds still once per heartbeat while the subscription lives', async () => {
    const config = device({
      security: { mode: 'None', policy: 'None' },
      heartbeatMs: 1_000,
      points: OpcUaDeviceSchema.shape.points.parse([{ nodeId: START_LEVEL, channelId: 'pump/start-level' }]),
    });
    const { source, readings } = await collect(config, join(dir, 'gateway-pki'));
    try {
      const held = () => readings.filter((reading) => reading.channelId === 'pump/start-level');
      await expect.poll(() => held().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
      const times = held().map((reading) => reading.sourceTime.getTime());
      expect(new Set(held().map((reading) => reading.value)).size).toBe(1);
      expect(held().every((reading) => reading.statusCode === StatusCode.Good)).toBe(true);
      // One a second after the first (the server's read), each later than the one before.
      const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
      expect(gaps.slice(1).every((gap) => gap >= 900 && gap <= 1_600)).toBe(true);
    } finally {
      await source.stop();
    }
  }, 60_000);
});
