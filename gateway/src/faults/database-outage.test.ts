import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@city/db';
import { createTestDatabase, DarkableProxy, type TestDatabase } from '@city/db/testing';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadingBuffer } from '../buffer/reading-buffer';
import { gatewayConfigForCabinet } from '../from-city';
import { type RunningGateway, startGateway } from '../gateway';

/**
 * A database outage of two minutes while about 1,000 readings a second flow: two gateways write to the
 * real PostgreSQL server through a TCP proxy, and the proxy goes dark (every connection cut, new ones
 * refused), which is what a gateway sees of a stopped server or a dead link. After it comes back the
 * database holds every reading the gateways took, once, and live values arrived while the backlog drained.
 */
const OUTAGE_MS = Number(process.env.CITY_TEST_OUTAGE_MS ?? 120_000);
const POLL_MS = 70;
const CABINETS = ['cab-buiksloterham', 'cab-osdorp'];

const logger = pino({ level: process.env.CITY_TEST_LOG_LEVEL ?? 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'city-outage-'));
let target: TestDatabase | undefined;
let viaProxy: Database | undefined;
let proxy: DarkableProxy | undefined;
const cabinets: RunningCabinet[] = [];
const gateways: RunningGateway[] = [];
afterAll(async () => {
  proxy?.comeBack();
  for (const gateway of gateways) await gateway.stop();
  for (const cabinet of cabinets) await cabinet.stop();
  await viaProxy?.close();
  proxy?.server.close();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a database outage during ingest', () => {
  it('loses nothing and doubles nothing over two minutes dark, and keeps the screens live while it catches up', async () => {
    target = await createTestDatabase('postgres');
    const serverUrl = new URL(target.url ?? '');
    proxy = new DarkableProxy(Number(serverUrl.port || 5432));
    serverUrl.port = String(await proxy.listen());
    viaProxy = await openDatabase({ url: serverUrl.toString(), logger });
    const city = loadCity(AMSTERDAM_CITY_FILE);
    for (const id of CABINETS) {
      const cabinet = await startCabinet(findCabinet(city, id), { port: 0, tickMs: 100 });
      cabinets.push(cabinet);
      const { config, provision } = gatewayConfigForCabinet(city, id, {
        port: cabinet.port,
        pollIntervalMs: POLL_MS,
      });
      const buffered = {
        ...config,
        buffer: { path: join(dir, `${id}.sqlite`), synchronous: 'normal' as const },
      };
      gateways.push(await startGateway({ db: viaProxy, config: buffered, provision, cabinetId: id, logger }));
    }
    await wait(3_000);
    const taken = () => gateways.reduce((sum, g) => sum + g.stats().sink.written + g.stats().sink.pending, 0);
    const before = taken();
    await wait(5_000);
    // About 1,000 a second by design (two cabinets of 36 points every 70 ms); a busy CI machine polls a little less.
    expect((taken() - before) / 5).toBeGreaterThan(500);

    proxy.goDark();
    await wait(OUTAGE_MS);
    const backlog = gateways.reduce((sum, g) => sum + g.stats().sink.pending, 0);
    // About 1,000 readings a second waited in the buffers, none dropped.
    expect(backlog).toBeGreaterThan(0.5 * 1_000 * (OUTAGE_MS / 1_000));
    proxy.comeBack();
    const back = Date.now();

    // Live values reach the database before the backlog is gone: the newest batches go out between the oldest.
    let liveAt: number | undefined;
    let drainedAt: number | undefined;
    const direct = target.db;
    while (drainedAt === undefined || liveAt === undefined) {
      if (Date.now() - back > 180_000) throw new Error('the backlog did not drain within 3 minutes');
      const { rows: newest } = await direct.query<{ time: Date | null }>(
        'SELECT max(time) AS time FROM readings',
      );
      if (liveAt === undefined && (newest[0]?.time?.getTime() ?? 0) > back) liveAt = Date.now();
      // Caught up: nothing older than a couple of seconds waits (live readings always wait a moment).
      const caughtUp = gateways.every((g) => (g.stats().sink.oldestPendingMs ?? 0) < 2_000);
      if (drainedAt === undefined && caughtUp) drainedAt = Date.now();
      await wait(200);
    }
    expect(liveAt).toBeLessThanOrEqual(drainedAt);

    for (const gateway of gateways.splice(0)) await gateway.stop();
    let appended = 0;
    for (const id of CABINETS) {
      const buffer = new ReadingBuffer({
        path: join(dir, `${id}.sqlite`),
        maxRows: 5_000_000,
        maxAgeMs: 86_400_000,
        synchronous: 'normal',
      });
      expect(buffer.dropped()).toBe(0);
      expect(buffer.depth()).toBe(0);
      appended += buffer.appendedEver();
      buffer.close();
    }
    const { rows } = await direct.query<{ n: string }>('SELECT count(*)::text AS n FROM readings');
    // (channel, time) is the primary key: equal counts mean every reading taken, stored once.
    expect(Number(rows[0]?.n)).toBe(appended);
  }, 420_000);
});
