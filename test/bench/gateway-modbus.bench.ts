/**
 * gateway-modbus: the gateway's Modbus TCP path. (1) Requests/s its client makes on one connection,
 * back to back, against one virtual cabinet, beside two masters we did not write on the same cabinet
 * in the same run: pymodbus (no pacing) and mbpoll (which cannot poll faster than every 10 ms).
 * (2) Load: one gateway process polling every device of a 50-cabinet synthetic city over Modbus TCP
 * and storing into the real PostgreSQL server, run from the one-file build as on a Pi; points/s from
 * its /metrics, its CPU and RSS from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertAssets, upsertChannels } from '@city/db';
import { createTestDatabase } from '@city/db/testing';
import { gatewayConfigForCabinet, ModbusClient } from '@city/gateway';
import { AMSTERDAM_CITY_FILE, generateCity, loadCityFile, resolveCity } from '@city/hardware/city';
import { stringify } from 'yaml';
import { freePort } from '../support/ports';
import { startBundledGateway } from './bundled-gateway';
import { cpuSeconds, mbpollLoad, pymodbusLoad, rssMb } from './modbus-peers';
import { round } from './stats';
import { progress } from './synthetic';

const ROOT = join(import.meta.dirname, '..', '..');
const SECONDS = 5;
const LOAD_CABINETS = 50;
const LOAD_POLL_MS = 170;
const LOAD_SECONDS = 15;
const log = progress('gateway-modbus');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ourClientRate(port: number): Promise<number> {
  // The gateway's own adapter, as it runs in the gateway.
  const client = new ModbusClient({ kind: 'tcp', host: '127.0.0.1', port, timeoutMs: 1_000 });
  let requests = 0;
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    await client.read(1, 'input-register', 0, 6);
    requests += 1;
  }
  await client.close();
  return requests / SECONDS;
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'city-bench-gateway-'));
  const children: ChildProcess[] = [];
  const test = await createTestDatabase('postgres');
  try {
    // (1) One connection, one cabinet.
    const port = await freePort();
    const single = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'hardware/simulators/cli.ts',
        '--city',
        'skeleton',
        '--port',
        String(port),
        '--control-port',
        '0',
        '--log-level',
        'warn',
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    children.push(single);
    await wait(3_000);
    log('the gateway client, back to back on one connection');
    const ours = await ourClientRate(port);
    log('pymodbus on the same cabinet');
    const peer = await pymodbusLoad(port, SECONDS);
    const pymodbus = peer.requests / peer.seconds;
    log('mbpoll at its fastest poll rate');
    const polled = await mbpollLoad(port);
    const mbpoll = polled.answered / polled.seconds;

    // (2) Load: one gateway, every device of a synthetic 50-cabinet city.
    const firstPort = await freePort();
    const synthetic = generateCity(loadCityFile(AMSTERDAM_CITY_FILE), { cabinets: LOAD_CABINETS, firstPort });
    const city = resolveCity(synthetic);
    const cityFile = join(dir, 'city.yaml');
    writeFileSync(cityFile, stringify(synthetic));
    const cabinets = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'hardware/simulators/cli.ts',
        '--city',
        cityFile,
        '--control-port',
        '0',
        '--log-level',
        'warn',
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    children.push(cabinets);
    const devices = city.cabinets.flatMap(
      (cabinet) => gatewayConfigForCabinet(city, cabinet.id, { pollIntervalMs: LOAD_POLL_MS }).config.devices,
    );
    for (const cabinet of city.cabinets) {
      const { provision } = gatewayConfigForCabinet(city, cabinet.id);
      await upsertAssets(test.db, provision.assets);
      await upsertChannels(test.db, provision.channels);
    }
    const points = devices.reduce((sum, device) => sum + device.points.length, 0);
    const configFile = join(dir, 'gateway.yaml');
    writeFileSync(
      configFile,
      stringify({ gatewayId: 'gw-bench', devices, buffer: { path: join(dir, 'buffer.sqlite') } }),
    );
    await wait(5_000);
    const gateway = await startBundledGateway(configFile, test.url ?? '');
    children.push(gateway.child);
    await gateway.untilListening();
    log(`load: ${devices.length} devices, ${points} points every ${LOAD_POLL_MS} ms`);
    await wait(5_000);
    const pointsSoFar = gateway.pointsTaken;
    const pid = gateway.child.pid ?? 0;
    const [cpuBefore, pointsBefore, started] = [cpuSeconds(pid), await pointsSoFar(), performance.now()];
    await wait(LOAD_SECONDS * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const cpuShare = (cpuSeconds(pid) - cpuBefore) / elapsed;
    const pointsPerS = ((await pointsSoFar()) - pointsBefore) / elapsed;
    const rss = rssMb(pid);
    return {
      oneConnection: {
        gatewayRequestsPerS: round(ours),
        pymodbusRequestsPerS: round(pymodbus),
        mbpollPollsPerS: round(mbpoll),
        gatewayOverPymodbus: round(ours / pymodbus, 2),
        gatewayOverMbpoll: round(ours / mbpoll, 1),
        targetOverMbpoll: 0.8,
        meetsOverMbpoll: ours / mbpoll >= 0.8,
      },
      load: {
        devices: devices.length,
        points,
        pollMs: LOAD_POLL_MS,
        pointsPerS: round(pointsPerS),
        cpuShareOfOneCore: round(cpuShare, 3),
        rssMb: round(rss),
        targets: { pointsPerS: 5_000, cpuShareOfOneCore: 0.25, rssMb: 150 },
        meetsPointsPerS: pointsPerS >= 5_000,
        meetsCpu: cpuShare <= 0.25,
        meetsRss: rss <= 150,
        note: `${devices.length} devices of up to 17 points (the demo profiles), not 50 × 100; points/s scale with the poll rate`,
      },
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await wait(1_000);
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
