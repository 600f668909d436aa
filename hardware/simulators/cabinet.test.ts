import { connect } from 'node:net';
import ModbusRTU from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCity } from '../city/loader';
import { decodePoint, registerCount } from '../profiles/codec';
import { findPoint, loadProfile } from '../profiles/loader';
import { type RunningCabinet, startCabinet } from './cabinet';

const [skeleton] = loadCity().cabinets;
if (!skeleton) throw new Error('the skeleton city has no cabinet');
const AIR = 'vondelpark-aq-logger';
const LOOP = 'a10-west-loop-controller';
/** Wednesday 08:00 in Amsterdam (summer time): the morning rush. */
const morningRush = () => Date.parse('2025-07-02T06:00:00Z');

const running: RunningCabinet[] = [];
const clients: ModbusRTU[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await new Promise((resolve) => client.close(resolve));
  for (const cabinet of running.splice(0)) await cabinet.stop();
});

async function start(options: Parameters<typeof startCabinet>[1] = {}): Promise<RunningCabinet> {
  const cabinet = await startCabinet(skeleton as NonNullable<typeof skeleton>, {
    port: 0,
    clock: morningRush,
    ...options,
  });
  running.push(cabinet);
  return cabinet;
}

async function clientFor(cabinet: RunningCabinet): Promise<ModbusRTU> {
  const client = new ModbusRTU();
  clients.push(client);
  await client.connectTCP(cabinet.host, { port: cabinet.port });
  client.setTimeout(2000);
  return client;
}

async function readPoint(client: ModbusRTU, unitId: number, profileName: string, pointName: string) {
  const point = findPoint(loadProfile(profileName), pointName);
  client.setID(unitId);
  const read = point.table === 'holding-register' ? client.readHoldingRegisters : client.readInputRegisters;
  const { data } = await read.call(client, point.address, registerCount(point));
  return decodePoint(point, data);
}

const modbusCodeOf = async (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (error: { modbusCode?: number }) => error.modbusCode,
  );

describe('a virtual field cabinet over a real loopback socket', () => {
  it('serves both devices on one port, each on its own unit id', async () => {
    const cabinet = await start();
    expect(cabinet.port).toBeGreaterThan(0);
    const client = await clientFor(cabinet);

    const no2 = await readPoint(client, 1, 'air-quality-station', 'no2');
    const pm10 = await readPoint(client, 1, 'air-quality-station', 'pm10');
    const flow = await readPoint(client, 2, 'loop-detector', 'flow');
    const speed = await readPoint(client, 2, 'loop-detector', 'speed');
    expect(no2).toBeGreaterThan(20);
    expect(no2).toBeLessThan(80);
    expect(pm10).toBeGreaterThan(1);
    expect(flow).toBeGreaterThan(3500);
    expect(speed).toBeGreaterThan(30);
    expect(speed).toBeLessThan(110);
    expect(await readPoint(client, 1, 'air-quality-station', 'status_word')).toBe(0);
  });

  it('delivers a value set on the cabinet to a Modbus master, decoded by the profile', async () => {
    const cabinet = await start();
    const client = await clientFor(cabinet);
    cabinet.setPointValue(AIR, 'no2', 212.5);
    cabinet.setPointValue(AIR, 'pm25', 38.4);
    cabinet.setPointValue(LOOP, 'speed', -12.3);
    cabinet.setPointValue(LOOP, 'occupancy', 87.6);
    cabinet.setPointValue(LOOP, 'flow', 4321);

    expect(await readPoint(client, 1, 'air-quality-station', 'no2')).toBe(212.5);
    expect(await readPoint(client, 1, 'air-quality-station', 'pm25')).toBeCloseTo(38.4, 5);
    expect(await readPoint(client, 2, 'loop-detector', 'speed')).toBe(-12.3);
    expect(await readPoint(client, 2, 'loop-detector', 'occupancy')).toBe(87.6);
    expect(await readPoint(client, 2, 'loop-detector', 'flow')).toBe(4321);
    expect(cabinet.readPointValue(LOOP, 'speed')).toBe(-12.3);
  });

  it('keeps values moving tick by tick, and a released point follows its model again', async () => {
    const cabinet = await start({ tickMs: 20 });
    const client = await clientFor(cabinet);
    const first = await readPoint(client, 2, 'loop-detector', 'flow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readPoint(client, 2, 'loop-detector', 'flow')).not.toBe(first);

    cabinet.setPointValue(LOOP, 'flow', 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readPoint(client, 2, 'loop-detector', 'flow')).toBe(10);
    cabinet.releasePoint(LOOP, 'flow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readPoint(client, 2, 'loop-detector', 'flow')).toBeGreaterThan(1000);
  });

  it('answers a unit id nobody has with "gateway target device failed to respond" (0x0B)', async () => {
    const cabinet = await start();
    const client = await clientFor(cabinet);
    client.setID(9);
    expect(await modbusCodeOf(client.readInputRegisters(0, 1))).toBe(0x0b);
    client.setID(1);
    expect(await modbusCodeOf(client.readInputRegisters(0, 15))).toBe(0x02);
    expect((await client.readInputRegisters(0, 14)).data).toHaveLength(14);
  });

  it('takes a setpoint written by a master within its range and refuses the rest', async () => {
    const cabinet = await start();
    const client = await clientFor(cabinet);
    client.setID(2);
    await client.writeRegister(0, 300);
    expect(cabinet.readPointValue(LOOP, 'aggregation_period')).toBe(300);
    await client.writeRegisters(0, [120]);
    expect(await readPoint(client, 2, 'loop-detector', 'aggregation_period')).toBe(120);
    expect(await modbusCodeOf(client.writeRegister(0, 5))).toBe(0x03);
    expect(await modbusCodeOf(client.writeRegisters(1, [1]))).toBe(0x02);
    client.setID(1);
    expect(await modbusCodeOf(client.writeRegister(0, 1))).toBe(0x02);
    expect(cabinet.readPointValue(LOOP, 'aggregation_period')).toBe(120);
  });

  it('says which devices and points exist when a test names a wrong one', async () => {
    const cabinet = await start();
    expect(() => cabinet.setPointValue('aq-dam', 'no2', 1)).toThrow(
      /CITY_HW_UNKNOWN_DEVICE: cabinet "cab-vondelpark" has no device "aq-dam"; expected one of vondelpark-aq-logger, a10-west-loop-controller/,
    );
    expect(() => cabinet.setPointValue(AIR, 'so2', 1)).toThrow(/CITY_HW_UNKNOWN_POINT/);
  });

  it('refuses to start on a port another cabinet holds, and says why', async () => {
    const first = await start();
    await expect(start({ port: first.port })).rejects.toThrow(
      new RegExp(
        `CITY_HW_PORT_UNAVAILABLE: cannot serve Modbus TCP on 127\\.0\\.0\\.1:${first.port} \\(EADDRINUSE\\)`,
      ),
    );
  });

  it('stops cleanly: connections closed, port released, no handles left behind', async () => {
    const handles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = handles();
    const cabinet = await startCabinet(skeleton as NonNullable<typeof skeleton>, { port: 0, tickMs: 10 });
    const client = new ModbusRTU();
    await client.connectTCP(cabinet.host, { port: cabinet.port });
    const closed = new Promise((resolve) => client.on('close', () => resolve(true)));
    await cabinet.stop();
    await cabinet.stop();
    expect(await closed).toBe(true);
    expect(handles()).toBe(before);
    const held = cabinet.readPointValue(LOOP, 'flow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cabinet.readPointValue(LOOP, 'flow')).toBe(held);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(cabinet.port, cabinet.host);
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
