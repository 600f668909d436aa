import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferTally, startGatewayProcess } from './gateway-process';

/**
 * Power cuts: the gateway runs as its own process against the real PostgreSQL server and is killed
 * with SIGKILL ten times while it polls the skeleton cabinet every 50 ms. Afterwards every reading
 * that reached its buffer is in the database, once.
 */
const GATEWAY_DIR = join(import.meta.dirname, '..', '..');
const KILLS = 10;

let target: TestDatabase | undefined;
let cabinet: RunningCabinet | undefined;
const dir = mkdtempSync(join(tmpdir(), 'city-power-cut-'));
afterAll(async () => {
  await cabinet?.stop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storedReadings(db: TestDatabase['db']): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM readings r JOIN channels c ON c.num = r.channel JOIN assets a ON a.id = c.asset_id
      WHERE a.id IN ('aq-vondelpark', 'loop-a10-west')`,
  );
  return Number(rows[0]?.n ?? 0);
}

describe('power cuts during ingest', () => {
  it(`loses no buffered reading and doubles none over ${KILLS} kill -9s of the gateway`, async () => {
    target = await createTestDatabase('postgres');
    cabinet = await startCabinet(findCabinet(loadCity(), 'cab-vondelpark'), { port: 0, tickMs: 50 });
    const bufferPath = join(dir, 'buffer.sqlite');
    const env = {
      DATABASE_URL: target.url ?? '',
      GATEWAY_CABINET: 'cab-vondelpark',
      CABINET_HOST: cabinet.host,
      CABINET_PORT: String(cabinet.port),
      GATEWAY_BUFFER_PATH: bufferPath,
      GATEWAY_POLL_INTERVAL_MS: '50',
      HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
    };
    for (let kill = 0; kill < KILLS; kill++) {
      const run = startGatewayProcess(['--import', 'tsx', 'src/main.ts'], {
        cwd: GATEWAY_DIR,
        env: { ...process.env, ...env },
      });
      // Long enough to start and buffer, and cut at a different moment of its work each time.
      await wait(1_500 + Math.random() * 1_500);
      run.child.kill('SIGKILL');
      await run.exited;
    }
    const last = startGatewayProcess(['--import', 'tsx', 'src/main.ts'], {
      cwd: GATEWAY_DIR,
      env: { ...process.env, ...env },
    });
    await wait(3_000);
    last.child.kill('SIGTERM');
    expect(await last.exited, last.log()).toBe(0);

    const { appended, unsent, dropped } = bufferTally(bufferPath);
    expect(dropped).toBe(0);
    expect(unsent).toBe(0);
    // Eleven runs at 20 polls a second of a dozen points: thousands of readings.
    expect(appended).toBeGreaterThan(1_000);
    // (channel, time) is the primary key, so equal counts mean every buffered reading, once.
    expect(await storedReadings(target.db)).toBe(appended);
  }, 120_000);
});
