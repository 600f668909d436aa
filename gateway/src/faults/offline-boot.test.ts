import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, DarkableProxy, type DarkMode, type TestDatabase } from '@city/db/testing';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferTally, type GatewayProcess, startGatewayProcess } from './gateway-process';

/**
 * A cabinet's Pi boots after a power cut before its link is back: the gateway, as its own process,
 * starts while the database is out of reach (connections refused, or accepted and never answered as
 * on a dead LTE link), polls for 30 s into its buffer, and sends all of it once the link is back:
 * every reading stored once, and no channel with a hole in it. Once more with a kill -9 in the middle
 * of the outage and a second offline boot: only the seconds the process was dead are missing.
 */
const GATEWAY_DIR = join(import.meta.dirname, '..', '..');
const OFFLINE_MS = Number(process.env.CITY_TEST_OFFLINE_MS ?? 30_000);
const POLL_MS = 250;
/** A late timer on a loaded machine stretches one interval; a lost poll makes two (as opcua-source allows 1.6). */
const MAX_GAP_MS = 1.6 * POLL_MS;
/** The sink gathers readings this long before they reach the buffer (its default lingerMs): a kill -9 loses them. */
const LINGER_MS = 250;
const ASSETS = ['aq-vondelpark', 'loop-a10-west'];

const dir = mkdtempSync(join(tmpdir(), 'city-offline-boot-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Gap {
  channel: string;
  fromMs: number;
  toMs: number;
}

/** Every hole longer than MAX_GAP_MS in each channel's stored history. */
async function gapsIn(db: TestDatabase['db']): Promise<{ gaps: Gap[]; channels: number; stored: number }> {
  const { rows } = await db.query<{ channel: string; times: Date[] }>(
    `SELECT c.id AS channel, array_agg(r.time ORDER BY r.time) AS times
       FROM readings r JOIN channels c ON c.num = r.channel
      WHERE c.asset_id = ANY($1) GROUP BY c.id`,
    [ASSETS],
  );
  const gaps: Gap[] = [];
  let stored = 0;
  for (const { channel, times } of rows) {
    stored += times.length;
    for (let i = 1; i < times.length; i++) {
      const fromMs = times[i - 1]?.getTime() ?? 0;
      const toMs = times[i]?.getTime() ?? 0;
      if (toMs - fromMs > MAX_GAP_MS) gaps.push({ channel, fromMs, toMs });
    }
  }
  return { gaps, channels: rows.length, stored };
}

async function scenario(mode: DarkMode, options: { killMidway: boolean }) {
  const target = await createTestDatabase('postgres');
  cleanups.push(() => target.drop());
  const url = new URL(target.url ?? '');
  const proxy = new DarkableProxy(Number(url.port || 5432));
  cleanups.push(() => proxy.close());
  url.port = String(await proxy.listen());
  const cabinet: RunningCabinet = await startCabinet(findCabinet(loadCity(), 'cab-vondelpark'), {
    port: 0,
    tickMs: 50,
  });
  cleanups.push(() => cabinet.stop());
  const bufferPath = join(dir, `${mode}-${options.killMidway ? 'kill' : 'once'}.sqlite`);
  const boot = (): GatewayProcess => {
    const run = startGatewayProcess(['--import', 'tsx', 'src/main.ts'], {
      cwd: GATEWAY_DIR,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        GATEWAY_CABINET: 'cab-vondelpark',
        CABINET_HOST: cabinet.host,
        CABINET_PORT: String(cabinet.port),
        GATEWAY_BUFFER_PATH: bufferPath,
        GATEWAY_POLL_INTERVAL_MS: String(POLL_MS),
        HEALTH_PORT: '0',
        LOG_LEVEL: 'warn',
      },
    });
    cleanups.push(async () => {
      run.child.kill('SIGKILL');
      await run.exited;
    });
    return run;
  };

  proxy.goDark(mode);
  let run = boot();
  let dead: { fromMs: number; toMs: number } | undefined;
  if (options.killMidway) {
    await wait(OFFLINE_MS / 2);
    const fromMs = Date.now();
    run.child.kill('SIGKILL');
    await run.exited;
    run = boot();
    dead = { fromMs, toMs: Date.now() };
    await wait(OFFLINE_MS / 2);
  } else {
    await wait(OFFLINE_MS);
  }
  // Nothing reached the database while the link was down.
  expect((await gapsIn(target.db)).stored, run.log()).toBe(0);
  proxy.comeBack();
  const backMs = Date.now();
  // Back online within the connect backoff (10 s at most) plus a connect; live readings then arrive.
  await expect
    .poll(
      async () => {
        const { rows } = await target.db.query<{ newest: Date | null }>(
          'SELECT max(time) AS newest FROM readings',
        );
        return (rows[0]?.newest?.getTime() ?? 0) > backMs;
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  await wait(2_000);
  run.child.kill('SIGTERM');
  expect(await run.exited, run.log()).toBe(0);

  const taken = bufferTally(bufferPath);
  expect(taken).toMatchObject({ unsent: 0, dropped: 0 });
  const { rows: quarantined } = await target.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM quarantined_readings',
  );
  // The gateway registered its channels before it sent the first reading: none refused as unknown.
  expect(quarantined[0]?.n).toBe(0);
  const { gaps, channels, stored } = await gapsIn(target.db);
  expect(channels).toBeGreaterThanOrEqual(10);
  // A dozen points four times a second over the outage and after it, each stored once.
  expect(stored).toBe(taken.appended);
  expect(stored).toBeGreaterThan(channels * 4 * (OFFLINE_MS / 1_000) * 0.9);
  if (!dead) {
    expect(gaps).toEqual([]);
    return;
  }
  // One hole per channel, and only where the process was dead: from its last buffered poll before the
  // kill (at most a linger and a poll earlier) to the second boot's first poll.
  const { fromMs, toMs } = dead;
  expect(gaps.length, JSON.stringify(gaps)).toBe(channels);
  for (const gap of gaps) {
    expect(gap.fromMs, gap.channel).toBeGreaterThanOrEqual(fromMs - LINGER_MS - 2 * POLL_MS);
    expect(gap.fromMs, gap.channel).toBeLessThanOrEqual(fromMs);
    expect(gap.toMs, gap.channel).toBeGreaterThanOrEqual(toMs);
    expect(gap.toMs - toMs, `${gap.channel}: the second boot polled within 10 s`).toBeLessThan(10_000);
  }
}

describe.concurrent('a gateway that boots while its database is out of reach', () => {
  it(
    'polls 30 s behind refused connections and, once the link is back, stores every reading once with no hole',
    () => scenario('refuse', { killMidway: false }),
    150_000,
  );
  it(
    'does the same behind a link that accepts connections and never answers (a dead LTE link)',
    () => scenario('black-hole', { killMidway: false }),
    150_000,
  );
  it(
    'survives a kill -9 and a second offline boot during the outage, losing only the seconds it was dead',
    () => scenario('black-hole', { killMidway: true }),
    150_000,
  );
});
