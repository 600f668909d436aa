/**
 * gateway-backfill: one gateway polls every device of the demo city (23 cabinets) once a second and
 * stores into the real PostgreSQL server through a TCP proxy. The proxy goes dark for OUTAGE_S, so a
 * backlog builds in the durable buffer (a file, synchronous=FULL, as on a Pi). When the database comes
 * back, the backlog drains while live polling goes on. The peer in the same run is the gateway's own
 * live rate: the backfill rate (readings stored per second while draining) over the live rate (readings
 * taken per second). Also reported: how far behind live values fell while the backlog drained.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@city/db';
import { createTestDatabase, DarkableProxy } from '@city/db/testing';
import { gatewayConfigForCabinet, type RunningGateway, startGateway } from '@city/gateway';
import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import { startCity } from '@city/hardware/simulators';
import pino from 'pino';
import { round } from './stats';
import { progress } from './synthetic';

const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 60);
const LIVE_WINDOW_S = 10;
const log = progress('gateway-backfill');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = pino({ level: 'silent' });

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'city-bench-backfill-'));
  const test = await createTestDatabase('postgres');
  const serverUrl = new URL(test.url ?? '');
  const proxy = new DarkableProxy(Number(serverUrl.port || 5432));
  serverUrl.port = String(await proxy.listen());
  const viaProxy = await openDatabase({ url: serverUrl.toString(), logger });
  const city = loadCity(AMSTERDAM_CITY_FILE);
  const field = await startCity(city, { host: '127.0.0.1', basePort: 0, opcua: false, logger });
  let gateway: RunningGateway | undefined;
  try {
    const perCabinet = field.cabinets.map((cabinet) =>
      gatewayConfigForCabinet(city, cabinet.id, { port: cabinet.port, host: '127.0.0.1' }),
    );
    gateway = await startGateway({
      db: viaProxy,
      config: {
        gatewayId: 'gw-bench-backfill',
        devices: perCabinet.flatMap(({ config }) => config.devices),
        buffer: { path: join(dir, 'buffer.sqlite') },
      },
      provision: {
        assets: perCabinet.flatMap(({ provision }) => provision.assets),
        channels: perCabinet.flatMap(({ provision }) => provision.channels),
      },
      logger,
    });
    const sink = () => (gateway as RunningGateway).stats().sink;
    const taken = () => sink().written + sink().pending;
    await wait(3_000);
    const before = taken();
    await wait(LIVE_WINDOW_S * 1000);
    const liveRate = (taken() - before) / LIVE_WINDOW_S;
    log(`live: ${round(liveRate)} readings/s; the database goes dark for ${OUTAGE_S} s`);

    proxy.goDark();
    await wait(OUTAGE_S * 1000);
    const backlog = sink().pending;
    log(`backlog ${backlog}; the database is back`);
    proxy.comeBack();
    const back = performance.now();
    const writtenAtBack = sink().written;
    let firstWriteAt: number | undefined;
    let maxLiveLagMs = 0;
    for (;;) {
      if (performance.now() - back > 300_000) throw new Error('the backlog did not drain within 5 minutes');
      const stats = sink();
      if (firstWriteAt === undefined && stats.written > writtenAtBack) firstWriteAt = performance.now();
      const { rows } = await test.db.query<{ newest: Date | null }>(
        'SELECT max(time) AS newest FROM readings',
      );
      if (firstWriteAt !== undefined) {
        maxLiveLagMs = Math.max(maxLiveLagMs, Date.now() - (rows[0]?.newest?.getTime() ?? 0));
      }
      // Drained: nothing older than two seconds waits (live readings always wait a moment).
      if ((stats.oldestPendingMs ?? 0) < 2_000 && firstWriteAt !== undefined) break;
      await wait(100);
    }
    const drainedAt = performance.now();
    const drainS = (drainedAt - (firstWriteAt ?? back)) / 1000;
    const storedWhileDraining = sink().written - writtenAtBack;
    const backfillRate = storedWhileDraining / drainS;
    const { rows } = await test.db.query<{ n: string }>('SELECT count(*)::text AS n FROM readings');
    return {
      devices: perCabinet.reduce((sum, { config }) => sum + config.devices.length, 0),
      outageS: OUTAGE_S,
      liveReadingsPerS: round(liveRate),
      backlog,
      reconnectS: round(((firstWriteAt ?? back) - back) / 1000, 2),
      drainS: round(drainS, 2),
      backfillReadingsPerS: round(backfillRate),
      backfillOverLive: round(backfillRate / liveRate, 1),
      maxLiveLagWhileDrainingMs: round(maxLiveLagMs),
      storedReadings: Number(rows[0]?.n ?? 0),
      target: 10,
      meets: backfillRate / liveRate >= 10,
    };
  } finally {
    await gateway?.stop();
    await field.stop();
    await viaProxy.close();
    await proxy.close();
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
