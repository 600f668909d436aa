import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertAssets, upsertChannels } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { findCabinet, loadCity } from '@city/hardware/city';
import { freePort, type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bundleGateway } from '../scripts/bundle';
import { startGatewayProcess } from './faults/gateway-process';
import { gatewayConfigForCabinet } from './from-city';

/**
 * The one-file build a Raspberry Pi runs: built here, then started as `node gateway.mjs` with a
 * config file (as the systemd unit does) against a cabinet and the real PostgreSQL server. It has
 * to read, store and stop cleanly. (This machine is x86-64; the bundle itself is plain JavaScript.)
 */
const outDir = join(import.meta.dirname, '..', '.results', 'bundle');
const work = mkdtempSync(join(tmpdir(), 'city-bundle-'));
let target: TestDatabase | undefined;
let cabinet: RunningCabinet | undefined;
afterAll(async () => {
  await cabinet?.stop();
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('the gateway bundle', () => {
  it('runs from a config file, stores readings, answers /healthz on loopback only and stops cleanly on SIGTERM', async () => {
    await bundleGateway(outDir);
    // What the Pi installs with npm ci beside the bundle (see pi-deployment.test.ts).
    for (const file of ['package.json', 'package-lock.json'])
      expect(existsSync(join(outDir, file)), file).toBe(true);
    target = await createTestDatabase('postgres');
    const city = loadCity();
    cabinet = await startCabinet(findCabinet(city, 'cab-vondelpark'), { port: 0 });
    const { config, provision } = gatewayConfigForCabinet(city, 'cab-vondelpark', {
      port: cabinet.port,
      pollIntervalMs: 200,
    });
    // A deployed gateway finds its channels registered by the control room.
    await upsertAssets(target.db, provision.assets);
    await upsertChannels(target.db, provision.channels);
    const urlFile = join(work, 'database-url');
    writeFileSync(urlFile, `${target.url}\n`);
    const configFile = join(work, 'gateway.yaml');
    writeFileSync(
      configFile,
      stringify({ ...config, database: { urlFile }, buffer: { path: join(work, 'buffer.sqlite') } }),
    );

    const healthPort = await freePort();
    const run = startGatewayProcess([join(outDir, 'gateway.mjs')], {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        GATEWAY_CONFIG: configFile,
        HEALTH_PORT: String(healthPort),
        LOG_LEVEL: 'warn',
      },
    });
    const stored = async () =>
      Number(
        (await target?.db.query<{ n: string }>('SELECT count(*)::text AS n FROM readings'))?.rows[0]?.n ?? 0,
      );
    await expect
      .poll(stored, { timeout: 20_000, interval: 250 })
      .toBeGreaterThan(20)
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\n${run.log()}`);
      });
    // The config names no health.host: this machine may ask, its other interfaces are closed.
    const healthz = (host: string) =>
      fetch(`http://${host}:${healthPort}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.status,
        () => 'refused',
      );
    expect(await healthz('127.0.0.1')).toBe(200);
    const outward = Object.values(networkInterfaces()).flatMap((addresses) =>
      (addresses ?? []).filter((a) => !a.internal && a.family === 'IPv4').map((a) => a.address),
    );
    for (const address of outward) expect(await healthz(address), address).toBe('refused');
    run.child.kill('SIGTERM');
    expect(await run.exited, run.log()).toBe(0);
  }, 120_000);
});
