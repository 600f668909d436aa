import ModbusRTU from 'modbus-serial';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCity } from '../city/loader';
import { decodePoint, registerCount } from '../profiles/codec';
import { findPoint, loadProfile } from '../profiles/loader';
import { type RunningCabinet, startCabinet } from './cabinet';
import { type ControlApi, serveControlApi } from './control-api';

const [skeleton] = loadCity().cabinets;
if (!skeleton) throw new Error('the skeleton city has no cabinet');
const AIR = 'vondelpark-aq-logger';
const no2 = findPoint(loadProfile('air-quality-station'), 'no2');

let cabinet: RunningCabinet;
let control: ControlApi;
let client: ModbusRTU;

beforeEach(async () => {
  cabinet = await startCabinet(skeleton as NonNullable<typeof skeleton>, { port: 0, tickMs: 50 });
  control = await serveControlApi({
    cabinets: new Map([[cabinet.id, cabinet]]),
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  client = new ModbusRTU();
  await client.connectTCP(cabinet.host, { port: cabinet.port });
  client.setTimeout(1_000);
  client.setID(1);
});
afterEach(async () => {
  await new Promise((resolve) => client.close(resolve));
  await control.close();
  await cabinet.stop();
});

async function readNo2(): Promise<number> {
  const { data } = await client.readInputRegisters(no2.address, registerCount(no2));
  return decodePoint(no2, data);
}

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${control.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const faultPath = (kind: string) => `/cabinets/${cabinet.id}/devices/${AIR}/faults/${kind}`;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults switched at run time through the control API, seen by a real Modbus client', () => {
  it('answers with the chosen exception code, then with data again once cleared', async () => {
    expect((await call('PUT', faultPath('exception'), { code: 'device-busy' })).status).toBe(200);
    await expect(readNo2()).rejects.toMatchObject({ modbusCode: 6 });
    await call('PUT', faultPath('exception'), { code: 'illegal-address' });
    await expect(readNo2()).rejects.toMatchObject({ modbusCode: 2 });
    expect((await call('DELETE', faultPath('exception'))).body).toEqual({ cleared: ['exception'] });
    expect(await readNo2()).toBeGreaterThan(0);
  });

  it('stays silent until the master times out, and answers late when slow', async () => {
    await call('PUT', faultPath('no-response'));
    await expect(readNo2()).rejects.toThrow(/Timed out/);
    await call('DELETE', faultPath('no-response'));
    await call('PUT', faultPath('slow'), { delayMs: 400 });
    const started = performance.now();
    await readNo2();
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('strikes only now and then when given a probability', async () => {
    await call('PUT', faultPath('exception'), { probability: 0.5 });
    const outcomes = await Array.from({ length: 40 }).reduce<Promise<string[]>>(
      async (done) => [
        ...(await done),
        await readNo2().then(
          () => 'ok',
          () => 'exception',
        ),
      ],
      Promise.resolve([]),
    );
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'exception']));
  });

  it('freezes the registers, and out of range reads far above the display range', async () => {
    await call('PUT', faultPath('frozen'));
    const frozen = await readNo2();
    await wait(300);
    expect(await readNo2()).toBe(frozen);
    await call('DELETE', faultPath('frozen'));
    await call('PUT', faultPath('out-of-range'));
    expect(await readNo2()).toBeGreaterThan(no2.displayRange[1]);
    await call('DELETE', faultPath('out-of-range'));
    expect(await readNo2()).toBeLessThanOrEqual(no2.displayRange[1]);
  });

  it('drops connections and refuses new ones while the link is down', async () => {
    expect((await call('PUT', `/cabinets/${cabinet.id}/link`, { up: false })).status).toBe(200);
    await expect.poll(() => client.isOpen).toBe(false);
    const second = new ModbusRTU();
    second.setTimeout(500);
    const refused = second
      .connectTCP(cabinet.host, { port: cabinet.port })
      .then(() => second.readInputRegisters(0, 2));
    await expect(refused).rejects.toThrow();
    second.close(() => {});
    await call('PUT', `/cabinets/${cabinet.id}/link`, { up: true });
    await client.connectTCP(cabinet.host, { port: cabinet.port });
    expect(await readNo2()).toBeGreaterThan(0);
    expect((await call('POST', `/cabinets/${cabinet.id}/connections/drop`)).body).toEqual({ dropped: 1 });
  });

  it('lists what is broken, and explains every bad request', async () => {
    await call('PUT', faultPath('slow'), { delayMs: 10 });
    const listed = await call('GET', `/cabinets/${cabinet.id}`);
    expect(listed.body).toMatchObject({
      linkUp: true,
      devices: expect.arrayContaining([
        expect.objectContaining({ id: AIR, faults: [{ kind: 'slow', delayMs: 10, probability: 1 }] }),
      ]),
    });
    const unknownCabinet = await call('PUT', `/cabinets/nowhere/devices/${AIR}/faults/frozen`);
    expect(unknownCabinet).toMatchObject({
      status: 404,
      body: { message: expect.stringContaining(cabinet.id) },
    });
    const unknownDevice = await call('PUT', `/cabinets/${cabinet.id}/devices/nothing/faults/frozen`);
    expect(unknownDevice).toMatchObject({ status: 404, body: { message: expect.stringContaining(AIR) } });
    const unknownKind = await call('PUT', faultPath('gremlins'));
    expect(unknownKind).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('no-response') },
    });
    const badSetting = await call('PUT', faultPath('slow'), { delayMs: -5 });
    expect(badSetting).toMatchObject({ status: 400, body: { message: expect.stringContaining('delayMs') } });
    const notJson = await call('PUT', faultPath('slow'), '{delayMs: 5');
    expect(notJson).toMatchObject({ status: 400, body: { error: 'BAD_JSON' } });
    const noCrcOnTcp = await call('PUT', faultPath('bad-crc'));
    expect(noCrcOnTcp).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('Modbus TCP') },
    });
  });
});
