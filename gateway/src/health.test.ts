import { networkInterfaces } from 'node:os';
import { openDatabase } from '@city/db';
import { createTestDatabase, DarkableProxy, type TestDatabase } from '@city/db/testing';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayConfigSchema } from './config';
import { gatewayConfigForCabinet } from './from-city';
import { type GatewayStats, type RunningGateway, startGateway } from './gateway';
import { healthOf, serveHealth } from './health';

const logger = pino({ level: 'silent' });
const city = loadCity();

let target: TestDatabase | undefined;
let proxy: DarkableProxy | undefined;
let cabinet: RunningCabinet | undefined;
let gateway: RunningGateway | undefined;
let health: Awaited<ReturnType<typeof serveHealth>> | undefined;
afterAll(async () => {
  health?.close();
  proxy?.comeBack();
  await gateway?.stop();
  await cabinet?.stop();
  await proxy?.close();
  await target?.drop();
});

type HealthBody = Omit<ReturnType<typeof healthOf>, 'httpStatus'>;

const stats = (
  patch: Partial<GatewayStats['buffer']>,
  status: 'connected' | 'unreachable',
): GatewayStats => ({
  database: { status, since: 0, lastError: status === 'connected' ? null : 'connect ECONNREFUSED' },
  buffer: { depth: 0, oldestReadingAgeMs: null, maxRows: 100_000, maxAgeMs: 3_600_000, ...patch },
  sink: {
    pending: 0,
    written: 0,
    duplicates: 0,
    quarantined: 0,
    dropped: 0,
    failedWrites: 0,
    oldestPendingMs: null,
    lastWriteMs: null,
  },
  devices: {},
});

describe('/healthz of a gateway whose database is away', () => {
  it('says database: unreachable with the buffer depth and the oldest reading’s age, and stays 200 while it polls', async () => {
    target = await createTestDatabase('postgres');
    const url = new URL(target.url ?? '');
    proxy = new DarkableProxy(Number(url.port || 5432));
    url.port = String(await proxy.listen());
    proxy.goDark();
    cabinet = await startCabinet(findCabinet(city, 'cab-vondelpark'), { host: '127.0.0.1', port: 0, logger });
    const { config, provision } = gatewayConfigForCabinet(city, 'cab-vondelpark', {
      port: cabinet.port,
      pollIntervalMs: 100,
    });
    gateway = await startGateway({
      db: () => openDatabase({ url: url.toString(), logger, timeouts: { connectMs: 1_000, queryMs: 2_000 } }),
      config,
      provision,
      logger,
    });
    health = await serveHealth(gateway, 0, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const offline = await fetch(`http://127.0.0.1:${health.port}/healthz`);
    const body = (await offline.json()) as HealthBody;
    expect(offline.status).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', database: 'unreachable' });
    expect(body.problems).toContainEqual(
      expect.stringMatching(/^database unreachable: CITY_DB_UNREACHABLE: cannot reach PostgreSQL/),
    );
    // A dozen points every 100 ms for over a second, all still here.
    expect(body.buffer.depth).toBeGreaterThan(100);
    expect(body.buffer.oldestReadingAgeMs).toBeGreaterThan(1_000);
    expect((await gateway.metrics()).body).toMatch(
      /city_gateway_database_up\{gateway="gw-cab-vondelpark"\} 0/,
    );

    proxy.comeBack();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`http://127.0.0.1:${health?.port}/healthz`)).json()) as HealthBody).database,
        {
          timeout: 10_000,
          interval: 200,
        },
      )
      .toBe('connected');
    expect((await gateway.metrics()).body).toMatch(
      /city_gateway_database_up\{gateway="gw-cab-vondelpark"\} 1/,
    );
    await expect
      .poll(() => gateway?.stats().buffer.oldestReadingAgeMs ?? 0, { timeout: 10_000 })
      .toBeLessThan(1_000);
  });

  it('is 503 only once readings are at risk: a buffer at 80 % of its rows or of its age', () => {
    expect(healthOf(stats({ depth: 50_000, oldestReadingAgeMs: 600_000 }, 'unreachable'))).toMatchObject({
      httpStatus: 200,
      status: 'degraded',
      database: 'unreachable',
    });
    expect(healthOf(stats({ depth: 90_000, oldestReadingAgeMs: 600_000 }, 'unreachable'))).toMatchObject({
      httpStatus: 503,
      problems: [
        'database unreachable: connect ECONNREFUSED',
        'buffer nearly full, the oldest readings will be dropped: 90000 readings waiting for the database, the oldest for 600 s',
      ],
    });
    expect(healthOf(stats({ depth: 10, oldestReadingAgeMs: 3_000_000 }, 'unreachable')).httpStatus).toBe(503);
    expect(healthOf(stats({ depth: 12, oldestReadingAgeMs: 200 }, 'connected'))).toMatchObject({
      httpStatus: 200,
      status: 'ok',
      problems: [],
    });
  });
});

/** This machine's addresses that other machines could reach (none on a machine with loopback only). */
const outwardAddresses = Object.values(networkInterfaces()).flatMap((addresses) =>
  (addresses ?? []).filter((address) => !address.internal && address.family === 'IPv4').map((a) => a.address),
);

/** Whether /healthz at that address answers at all. */
const answers = (host: string, port: number) =>
  fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );

describe('/healthz and /metrics in a street cabinet', () => {
  it('listen on 127.0.0.1 unless health.host says otherwise, so the field side cannot ask', async () => {
    expect(GatewayConfigSchema.parse({ gatewayId: 'gw-x', devices: [] }).health.host).toBe('127.0.0.1');
    const quiet = await startGateway({
      db: () =>
        openDatabase({ url: 'postgres://city:city@127.0.0.1:1/none', logger, timeouts: { connectMs: 500 } }),
      config: { gatewayId: 'gw-loopback', devices: [] },
      logger,
    });
    const servers: Awaited<ReturnType<typeof serveHealth>>[] = [];
    try {
      const local = await serveHealth(quiet, 0);
      servers.push(local);
      expect(local.host).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${local.port}/healthz`)).status).toBe(200);
      for (const address of outwardAddresses) expect(await answers(address, local.port), address).toBe(false);
      // The same check sees a server that does listen there: health.host: 0.0.0.0 opens it on purpose.
      const open = await serveHealth(quiet, 0, '0.0.0.0');
      servers.push(open);
      for (const address of outwardAddresses) expect(await answers(address, open.port), address).toBe(true);
    } finally {
      for (const server of servers) server.close();
      await quiet.stop();
    }
  });
});
