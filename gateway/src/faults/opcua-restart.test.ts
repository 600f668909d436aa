import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { StatusCode } from '@city/domain';
import { AMSTERDAM_CITY_FILE, findCabinet, loadCity } from '@city/hardware/city';
import { freePort, type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayConfigForCabinet } from '../from-city';
import { type RunningGateway, startGateway } from '../gateway';

/**
 * An OPC UA server restarts (a pumping station's PLC reboots) while the gateway is subscribed. The
 * gateway must come back by itself, with subscriptions recreated, and history in the real
 * PostgreSQL server must show the gap: every point bad from the moment the connection went until
 * the server answered again, then good.
 */
const CABINET = 'cab-buiksloterham';
const DOWN_MS = 3_000;
const logger = pino({ level: process.env.CITY_TEST_LOG_LEVEL ?? 'silent' });
let dir: string | undefined;
let cabinet: RunningCabinet | undefined;
let target: TestDatabase | undefined;
let gateway: RunningGateway | undefined;

afterAll(async () => {
  await gateway?.stop();
  await cabinet?.stop();
  await target?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface ChannelTimes {
  channel_id: string;
  bad_in_gap: number;
  good_after: number;
}

describe('an OPC UA server restart', () => {
  it('resumes the subscriptions by itself and leaves the gap visible as bad quality', async () => {
    dir = await mkdtemp(join(tmpdir(), 'city-opcua-restart-'));
    const city = loadCity(AMSTERDAM_CITY_FILE);
    const field = findCabinet(city, CABINET);
    const opcua = { port: await freePort(), pkiDir: join(dir, 'server-pki') };
    const serve = () => startCabinet(field, { port: 0, tickMs: 100, opcua });
    cabinet = await serve();
    target = await createTestDatabase('postgres');
    const { config, provision } = gatewayConfigForCabinet(city, CABINET, {
      pollIntervalMs: 200,
      opcUa: { endpointUrl: cabinet.opcUaEndpoint ?? '' },
    });
    gateway = await startGateway({
      db: target.db,
      config: { ...config, sink: { lingerMs: 50 } },
      provision,
      logger,
    });
    const channels = provision.channels.map((channel) => channel.id);
    const stored = async (sql: string, params: unknown[]) =>
      (await target?.db.query<ChannelTimes>(sql, params))?.rows ?? [];
    const goodChannelsSince = async (since: number) =>
      (
        await stored(
          `SELECT c.id AS channel_id, 0 AS bad_in_gap, count(*)::int AS good_after FROM readings r
             JOIN channels c ON c.num = r.channel
           WHERE r.status_code = 0 AND r.time >= $1 GROUP BY c.id`,
          [new Date(since)],
        )
      ).length;
    await expect.poll(() => goodChannelsSince(0), { timeout: 30_000 }).toBe(channels.length);

    const wentDown = Date.now();
    await cabinet.stop();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    const cameBack = Date.now();
    cabinet = await serve();
    // Everything is read afresh once the server answers; the restarted server stamps its values anew.
    await expect.poll(() => goodChannelsSince(cameBack - 1_000), { timeout: 30_000 }).toBe(channels.length);

    const rows = await stored(
      `SELECT c.id AS channel_id,
              count(*) FILTER (WHERE r.status_code = $3 AND r.time BETWEEN $1 AND $2)::int AS bad_in_gap,
              count(*) FILTER (WHERE r.status_code = 0 AND r.time > $2)::int AS good_after
         FROM readings r JOIN channels c ON c.num = r.channel GROUP BY c.id ORDER BY c.id`,
      [new Date(wentDown), new Date(cameBack), StatusCode.BadNoCommunication | 0 /* stored signed */],
    );
    expect(rows.map((row) => row.channel_id)).toEqual([...channels].sort());
    for (const row of rows) {
      expect(row.bad_in_gap, `${row.channel_id}: the gap is recorded once`).toBe(1);
      expect(row.good_after, `${row.channel_id}: good again after the restart`).toBeGreaterThan(0);
    }
    // Nothing good was stored from inside the gap.
    const insideGap = await stored(
      `SELECT c.id AS channel_id, 0 AS bad_in_gap, 0 AS good_after FROM readings r JOIN channels c ON c.num = r.channel
        WHERE r.status_code = 0 AND r.time > $1 AND r.time < $2`,
      [new Date(wentDown + 500), new Date(cameBack)],
    );
    expect(insideGap).toEqual([]);
    expect(Object.values(gateway.stats().devices).map((device) => device.lastError)).toEqual(
      field.devices.map(() => null),
    );
  }, 120_000);
});
