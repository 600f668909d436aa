import { openDatabase } from '@city/db';
import { createTestDatabase, DarkableProxy, type TestDatabase } from '@city/db/testing';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayConfigForCabinet } from './from-city';
import { type RunningGateway, startGateway } from './gateway';

const logger = pino({ level: 'silent' });
const city = loadCity();

let target: TestDatabase | undefined;
let proxy: DarkableProxy | undefined;
let cabinet: RunningCabinet | undefined;
let gateway: RunningGateway | undefined;
afterAll(async () => {
  await gateway?.stop();
  await cabinet?.stop();
  await proxy?.close();
  await target?.drop();
});

describe('a gateway whose link dies under it without a word (a dead LTE link)', () => {
  it('notices, keeps polling into the buffer, and still stops within seconds', async () => {
    target = await createTestDatabase('postgres');
    const url = new URL(target.url ?? '');
    proxy = new DarkableProxy(Number(url.port || 5432));
    url.port = String(await proxy.listen());
    cabinet = await startCabinet(findCabinet(city, 'cab-vondelpark'), { host: '127.0.0.1', port: 0, logger });
    const { config, provision } = gatewayConfigForCabinet(city, 'cab-vondelpark', {
      port: cabinet.port,
      pollIntervalMs: 100,
    });
    const running = await startGateway({
      db: () => openDatabase({ url: url.toString(), logger, timeouts: { connectMs: 1_000, queryMs: 1_000 } }),
      config,
      provision,
      logger,
    });
    gateway = running;
    await expect.poll(() => running.stats().sink.written, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(running.stats().database.status).toBe('connected');

    proxy.goDark('black-hole');
    // Writes go unanswered: each times out, and the gateway says the database is away.
    await expect.poll(() => running.stats().database.status, { timeout: 10_000 }).toBe('unreachable');
    const depth = running.stats().buffer.depth;
    await expect.poll(() => running.stats().buffer.depth, { timeout: 5_000 }).toBeGreaterThan(depth + 50);

    const stopping = performance.now();
    gateway = undefined;
    await running.stop();
    // A drain of 5 s at most and a goodbye of 3 s that no server hears; never the minutes of a hung socket.
    expect(performance.now() - stopping).toBeLessThan(10_000);
  });
});
