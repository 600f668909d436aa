import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSetpoint, requestSetpoint, type SetpointCommand } from '@city/db';
import { backends, createTestDatabase, type TestDatabase } from '@city/db/testing';
import { channelIdOf } from '@city/domain';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity } from '@city/hardware/city';
import { freePort, type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gatewayConfigForCabinet } from './from-city';
import { type RunningGateway, startGateway } from './gateway';

/** Setpoints end to end, from the database to the device and back, over Modbus and over OPC UA. */
const logger = pino({ level: 'silent' });
const city = loadCity(AMSTERDAM_CITY_FILE);
const rokin = findCabinet(city, 'cab-rokin');
const LIGHT = 'rokin-1-light-controller';
const DIM = 'sl-rokin-1/dim-level';

/** The command once the gateway is done with it (or has let it expire). */
async function finished(
  target: TestDatabase,
  command: SetpointCommand,
): Promise<SetpointCommand | undefined> {
  await expect
    .poll(async () => (await readSetpoint(target.db, command.id))?.status, { timeout: 20_000 })
    .not.toMatch(/^(pending|executing)$/);
  return readSetpoint(target.db, command.id);
}

/** Dimming a street-light segment, over Modbus. */
describe.each(backends)('setpoints on %s', (backend) => {
  let target: TestDatabase;
  let cabinet: RunningCabinet;
  let gateway: RunningGateway | undefined;

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    cabinet = await startCabinet(rokin, { port: 0 });
    const { config, provision } = gatewayConfigForCabinet(city, rokin.id, {
      port: cabinet.port,
      pollIntervalMs: 200,
    });
    gateway = await startGateway({ db: target.db, config, provision, cabinetId: rokin.id, logger });
  });
  afterAll(async () => {
    await gateway?.stop();
    await cabinet?.stop();
    await target?.drop();
  });

  it('dims a segment: the command is written, read back and recorded as done', async () => {
    const command = await requestSetpoint(target.db, {
      channelId: DIM,
      value: 35,
      requestedBy: 'crew-7',
      note: 'market on the Rokin tonight',
      validForMs: 60_000,
    });
    expect(await finished(target, command)).toMatchObject({
      status: 'done',
      readBack: 35,
      gatewayId: 'gw-cab-rokin',
    });
    expect(cabinet.readPointValue(LIGHT, 'dim_level')).toBe(35);
  });

  it('refuses a value outside the write range, and says what the point accepts', async () => {
    const command = await requestSetpoint(target.db, {
      channelId: DIM,
      value: 150,
      requestedBy: 'crew-7',
      validForMs: 60_000,
    });
    expect(await finished(target, command)).toMatchObject({
      status: 'rejected',
      outcome: expect.stringMatching(/150 .*expected 0\.\.100/),
    });
    expect(cabinet.readPointValue(LIGHT, 'dim_level')).toBe(35);
  });

  it('never carries out a command that expired while the gateway was away', async () => {
    await gateway?.stop();
    gateway = undefined;
    const command = await requestSetpoint(target.db, {
      channelId: DIM,
      value: 80,
      requestedBy: 'crew-7',
      validForMs: 300,
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const { config, provision } = gatewayConfigForCabinet(city, rokin.id, {
      port: cabinet.port,
      pollIntervalMs: 200,
    });
    gateway = await startGateway({ db: target.db, config, provision, cabinetId: rokin.id, logger });
    expect(await finished(target, command)).toMatchObject({ status: 'expired' });
    expect(cabinet.readPointValue(LIGHT, 'dim_level')).toBe(35);
  });

  it('records a failure when the device does not answer', async () => {
    cabinet.setFault(LIGHT, { kind: 'no-response' });
    try {
      const command = await requestSetpoint(target.db, {
        channelId: DIM,
        value: 50,
        requestedBy: 'crew-7',
        validForMs: 60_000,
      });
      expect(await finished(target, command)).toMatchObject({
        status: 'failed',
        outcome: expect.stringMatching(/^timeout/),
      });
    } finally {
      cabinet.clearFault(LIGHT);
    }
  });
});

/** A pumping station's start level set from the database, through a gateway that reads it over OPC UA. */
const station = findCabinet(city, 'cab-buiksloterham');
const PUMP = 'buiksloterham-pump-plc';
const pumpAsset = station.devices.find((device) => device.id === PUMP)?.asset.id ?? '';
const START_LEVEL = channelIdOf(pumpAsset, 'start-level-lead');

describe.each(backends)('setpoints over OPC UA on %s', (backend) => {
  let target: TestDatabase;
  let cabinet: RunningCabinet;
  let gateway: RunningGateway;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'city-setpoints-opcua-'));
    target = await createTestDatabase(backend);
    cabinet = await startCabinet(station, {
      port: 0,
      opcua: { port: await freePort(), pkiDir: join(dir, 'server-pki') },
    });
    const { config, provision } = gatewayConfigForCabinet(city, station.id, {
      opcUa: { endpointUrl: cabinet.opcUaEndpoint ?? '' },
      pollIntervalMs: 200,
    });
    gateway = await startGateway({
      db: target.db,
      config: { ...config, pki: { dir: join(dir, 'gateway-pki') } },
      provision,
      cabinetId: station.id,
      logger,
    });
    // A command sent before the session is up fails at once ("not connected"); this one waits.
    await vi.waitFor(() => expect(gateway.stats().devices[PUMP]?.polls ?? 0).toBeGreaterThan(0), {
      timeout: 30_000,
      interval: 100,
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await cabinet?.stop();
    await target?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the start level to the controller, reads it back and records it as done', async () => {
    const command = await requestSetpoint(target.db, {
      channelId: START_LEVEL,
      value: 1.45,
      requestedBy: 'crew-3',
      note: 'heavy rain expected: start the lead pump earlier',
      validForMs: 60_000,
    });
    expect(await finished(target, command)).toMatchObject({
      status: 'done',
      readBack: 1.45,
      gatewayId: `gw-${station.id}`,
    });
    expect(cabinet.readPointValue(PUMP, 'start_level_lead')).toBeCloseTo(1.45, 6);
  });

  it("refuses a level outside the profile's write range before it reaches the controller", async () => {
    const command = await requestSetpoint(target.db, {
      channelId: START_LEVEL,
      value: 3.4,
      requestedBy: 'crew-3',
      validForMs: 60_000,
    });
    expect(await finished(target, command)).toMatchObject({
      status: 'rejected',
      outcome: expect.stringMatching(/3\.4 is not accepted .*expected 0\.3\.\.3/),
    });
    expect(cabinet.readPointValue(PUMP, 'start_level_lead')).toBeCloseTo(1.45, 6);
  });
});
