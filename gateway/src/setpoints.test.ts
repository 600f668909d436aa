import { readSetpoint, requestSetpoint, type SetpointCommand } from '@city/db';
import { backends, createTestDatabase, type TestDatabase } from '@city/db/testing';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigForCabinet } from './from-city';
import { type RunningGateway, startGateway } from './gateway';

/** Dimming a street-light segment from the database to the lamps and back: the setpoint path end to end. */
const logger = pino({ level: 'silent' });
const city = loadCity(AMSTERDAM_CITY_FILE);
const rokin = findCabinet(city, 'cab-rokin');
const LIGHT = 'rokin-1-light-controller';
const DIM = 'sl-rokin-1/dim-level';

describe.each(backends)('setpoints on %s', (backend) => {
  let target: TestDatabase;
  let cabinet: RunningCabinet;
  let gateway: RunningGateway | undefined;

  async function finished(command: SetpointCommand): Promise<SetpointCommand | undefined> {
    await expect
      .poll(async () => (await readSetpoint(target.db, command.id))?.status, { timeout: 10_000 })
      .not.toMatch(/^(pending|executing)$/);
    return readSetpoint(target.db, command.id);
  }

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
    expect(await finished(command)).toMatchObject({
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
    expect(await finished(command)).toMatchObject({
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
    expect(await finished(command)).toMatchObject({ status: 'expired' });
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
      expect(await finished(command)).toMatchObject({
        status: 'failed',
        outcome: expect.stringMatching(/^timeout/),
      });
    } finally {
      cabinet.clearFault(LIGHT);
    }
  });
});
