/**
 * gateway-opcua: one gateway process (the one-file build, as on a Pi) subscribed to 10,000 OPC UA
 * monitored items sampled every second, all of which change every second, storing every
 * notification into the real PostgreSQL server. Its CPU and RSS come from /proc. The peer, in the
 * same run against the same server: a plain node-opcua client with the same subscriptions that only
 * counts the notifications, i.e. the cost of OPC UA itself, below which no gateway can go.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@city/db/testing';
import { stringify } from 'yaml';
import { freePort } from '../support/ports';
import { startBundledGateway } from './bundled-gateway';
import { cpuSeconds, rssMb } from './modbus-peers';
import { round } from './stats';
import { progress, seedBenchChannels } from './synthetic';

const ROOT = join(import.meta.dirname, '..', '..');
const ITEMS = Number(process.env.BENCH_OPCUA_ITEMS ?? 10_000);
const WARM_UP_S = 20;
const MEASURE_S = 20;
const log = progress('gateway-opcua');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first stdout line matching `pattern`; `lines` gets every line after that. */
function watchOutput(child: ChildProcess, onLine: (line: string) => void = () => {}): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line);
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before any output`)));
  });
}

interface Measured {
  pointsPerS: number;
  cpuShareOfOneCore: number;
  rssMb: number;
}

/** CPU share and RSS of `pid` over MEASURE_S after WARM_UP_S; `count` says how many values it has taken. */
async function measure(pid: number, count: () => Promise<number>): Promise<Measured> {
  await wait(WARM_UP_S * 1000);
  const [cpuBefore, countBefore, started] = [cpuSeconds(pid), await count(), performance.now()];
  await wait(MEASURE_S * 1000);
  const elapsed = (performance.now() - started) / 1000;
  return {
    pointsPerS: round(((await count()) - countBefore) / elapsed),
    cpuShareOfOneCore: round((cpuSeconds(pid) - cpuBefore) / elapsed, 3),
    rssMb: round(rssMb(pid)),
  };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'city-bench-opcua-'));
  const children: ChildProcess[] = [];
  const test = await createTestDatabase('postgres');
  const stop = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  try {
    const port = await freePort();
    const endpointUrl = `opc.tcp://127.0.0.1:${port}/bench`;
    log(`OPC UA server with ${ITEMS} items, each changing every second`);
    const server = spawn(process.execPath, ['--import', 'tsx', 'test/bench/opcua/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, ITEMS: String(ITEMS), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(server);
    await watchOutput(server);

    log('channels and the one-file build');
    const channelIds = await seedBenchChannels(test.db, ITEMS);
    const configFile = join(dir, 'gateway.yaml');
    writeFileSync(
      configFile,
      stringify({
        gatewayId: 'gw-bench-opcua',
        devices: [
          {
            id: 'bench-plc',
            protocol: 'opcua',
            endpointUrl,
            // The bench server on loopback, as the demo: plain OPC UA, said out loud (SignAndEncrypt is the default).
            security: { mode: 'None', policy: 'None' },
            subscription: { publishingIntervalMs: 1_000, samplingIntervalMs: 1_000 },
            points: channelIds.map((channelId, i) => ({ nodeId: `ns=1;s=bench.${i}`, channelId })),
          },
        ],
        pki: { dir: join(dir, 'pki') },
        buffer: { path: join(dir, 'buffer.sqlite') },
      }),
    );
    const gateway = await startBundledGateway(configFile, test.url ?? '');
    children.push(gateway.child);
    log(`gateway: warm-up ${WARM_UP_S} s, then ${MEASURE_S} s measured`);
    const ours = await measure(gateway.child.pid ?? 0, gateway.pointsTaken);
    const stored = Number(
      (await test.db.query<{ n: string }>('SELECT count(*)::text AS n FROM readings')).rows[0]?.n ?? 0,
    );
    await stop(gateway.child);

    log('the plain node-opcua client on the same server');
    let notifications = 0;
    const plain = spawn(process.execPath, ['--import', 'tsx', 'test/bench/opcua/plain-client.ts'], {
      cwd: ROOT,
      env: { ...process.env, ITEMS: String(ITEMS), ENDPOINT: endpointUrl },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(plain);
    await watchOutput(plain, (line) => {
      notifications = Number(line) || notifications;
    });
    const peer = await measure(plain.pid ?? 0, async () => notifications);

    return {
      items: ITEMS,
      gateway: { ...ours, storedReadings: stored, nodeArgs: gateway.nodeArgs.join(' ') },
      plainNodeOpcUaClient: peer,
      cpuOverPlainClient: round(ours.cpuShareOfOneCore / peer.cpuShareOfOneCore, 2),
      targets: { cpuShareOfOneCore: 0.5, rssMb: 300 },
      meetsCpu: ours.cpuShareOfOneCore <= 0.5,
      meetsRss: ours.rssMb <= 300,
      note: 'every item changes every second (worst case); the gateway also buffers to SQLite and writes to PostgreSQL',
    };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await wait(1_000);
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
