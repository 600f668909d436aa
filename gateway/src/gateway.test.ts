import { latestValues, listGateways } from '@city/db';
import { backends, createTestDatabase, type TestDatabase } from '@city/db/testing';
import { StatusCode, severityOf } from '@city/domain';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigForCabinet } from './from-city';
import { type RunningGateway, startGateway } from './gateway';

const logger = pino({ level: 'silent' });
const city = loadCity();
const cabinet = findCabinet(city, 'cab-vondelpark');

async function latest(target: TestDatabase, channelId: string) {
  return (await latestValues(target.db)).find((value) => value.channelId === channelId);
}

describe.each(backends)('gateway polling the skeleton cabinet into %s', (backend) => {
  let target: TestDatabase;
  let field: RunningCabinet;
  let gateway: RunningGateway;

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    field = await startCabinet(cabinet, { host: '127.0.0.1', port: 0, logger });
    const { config, provision } = gatewayConfigForCabinet(city, cabinet.id, {
      port: field.port,
      pollIntervalMs: 200,
    });
    gateway = await startGateway({ db: target.db, config, provision, cabinetId: cabinet.id, logger });
  });
  afterAll(async () => {
    await gateway?.stop();
    await field?.stop();
    await target?.drop();
  });

  it('delivers a value written into the cabinet registers to the database, decoded and good', async () => {
    field.setPointValue('vondelpark-aq-logger', 'no2', 123.5);
    field.setPointValue('a10-west-loop-controller', 'speed', 87.3);
    await expect
      .poll(async () => (await latest(target, 'aq-vondelpark/no2'))?.value, { timeout: 10_000 })
      .toBe(123.5);
    await expect
      .poll(async () => (await latest(target, 'loop-a10-west/speed'))?.value, { timeout: 10_000 })
      .toBeCloseTo(87.3, 5);
    expect((await latest(target, 'aq-vondelpark/no2'))?.statusCode).toBe(StatusCode.Good);
  });

  it('exposes Prometheus metrics: points, quality, poll and write latency, buffer depth', async () => {
    await expect
      .poll(async () => (await gateway.metrics()).body, { timeout: 10_000 })
      .toMatch(/city_gateway_db_write_duration_seconds_count\{gateway="gw-cab-vondelpark"\} [1-9]/);
    const { body, contentType } = await gateway.metrics();
    expect(contentType).toMatch(/^text\/plain/);
    const points =
      /city_gateway_points_total\{device="vondelpark-aq-logger",gateway="gw-cab-vondelpark"\} (\d+)/.exec(
        body,
      );
    expect(Number(points?.[1])).toBeGreaterThan(0);
    expect(body).toMatch(
      /city_gateway_readings_by_quality_total\{quality="good",gateway="gw-cab-vondelpark"\} [1-9]/,
    );
    expect(body).toMatch(
      /city_gateway_poll_duration_seconds_bucket\{le="0.25",gateway="gw-cab-vondelpark",device="a10-west-loop-controller"\} [1-9]/,
    );
    expect(body).toMatch(/city_gateway_buffer_depth\{gateway="gw-cab-vondelpark"\} \d+/);
    expect(body).toMatch(/city_gateway_dropped_readings\{gateway="gw-cab-vondelpark"\} 0/);
  });

  it('reports itself in the gateways table', async () => {
    await expect
      .poll(async () => (await listGateways(target.db)).map((g) => [g.id, g.cabinetId]), { timeout: 5_000 })
      .toEqual([['gw-cab-vondelpark', 'cab-vondelpark']]);
  });

  it('marks every point bad, without crashing, when the cabinet stops answering', async () => {
    await field.stop();
    await expect
      .poll(async () => severityOf((await latest(target, 'loop-a10-west/flow'))?.statusCode ?? 0), {
        timeout: 15_000,
      })
      .toBe('bad');
    const stats = gateway.stats();
    expect(stats.devices['a10-west-loop-controller']?.failedPolls).toBeGreaterThan(0);
    expect(stats.sink.failedWrites).toBe(0);
  });
});
