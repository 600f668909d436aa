import { latestValues } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { StatusCode } from '@city/domain';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayConfigForCabinet } from '../from-city';
import { type RunningGateway, startGateway } from '../gateway';

/**
 * A controller that still answers, but too slowly: no reading of any quality arrives for three poll
 * intervals, so its points are recorded stale (UncertainLastUsableValue) until it answers again.
 * Screens must not show a value as live when nobody has confirmed it for that long.
 */
const POLL_MS = 200;
const logger = pino({ level: 'silent' });
let target: TestDatabase | undefined;
let field: RunningCabinet | undefined;
let gateway: RunningGateway | undefined;
afterAll(async () => {
  await gateway?.stop();
  await field?.stop();
  await target?.drop();
});

describe('stale points', () => {
  it('are marked when a slow device leaves them unrefreshed for three intervals, and recover', async () => {
    const city = loadCity();
    const cabinet = findCabinet(city, 'cab-vondelpark');
    target = await createTestDatabase('postgres');
    field = await startCabinet(cabinet, { port: 0, logger });
    const { config, provision } = gatewayConfigForCabinet(city, cabinet.id, {
      port: field.port,
      pollIntervalMs: POLL_MS,
    });
    const devices = config.devices.map((device) => ({ ...device, timeoutMs: 5_000 }));
    gateway = await startGateway({
      db: target.db,
      config: { ...config, devices, sink: { lingerMs: 50 } },
      provision,
      logger,
    });
    const no2 = 'aq-vondelpark/no2';
    const status = async () =>
      (await latestValues(target?.db ?? (undefined as never))).find((v) => v.channelId === no2)?.statusCode;
    await expect.poll(status, { timeout: 10_000 }).toBe(StatusCode.Good);
    const deviceId = cabinet.devices[0]?.id ?? '';
    field.setFault(deviceId, { kind: 'slow', delayMs: 2_000 });
    await expect.poll(status, { timeout: 10_000 }).toBe(StatusCode.UncertainLastUsableValue);
    field.clearFault(deviceId);
    await expect.poll(status, { timeout: 10_000 }).toBe(StatusCode.Good);
    const metrics = await gateway.metrics();
    expect(metrics.body).toMatch(/city_gateway_stale_points_total\{device="[^"]+",gateway="[^"]+"\} [1-9]/);
  }, 60_000);
});
