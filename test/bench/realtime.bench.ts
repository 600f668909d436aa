/**
 * realtime: 10,000 channels change every second; the readings are committed into PostgreSQL, go
 * through the web server's hub and alarm engine (10,000 alarms evaluated per second), and reach 100
 * Socket.IO clients. Server, clients and load each run in their own process. Reported: the delay from
 * the database's time of the reading's commit to a client having it (p50, p99), the server's CPU and
 * RSS, and values delivered per second per core of server CPU, beside a plain Socket.IO server that
 * broadcasts the same notices as they come (no hub, no frames, no alarms) in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { insertReadings, upsertAlarmRules } from '@city/db';
import { AlarmRuleSchema } from '@city/db/domain';
import { createTestDatabase } from '@city/db/testing';
import { cpuSeconds, rssMb } from './modbus-peers';
import { round } from './stats';
import { progress, seedBenchChannels, syntheticReadings } from './synthetic';

const ROOT = join(import.meta.dirname, '..', '..');
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const WARM_UP_S = 10;
const MEASURE_S = 20;
const log = progress('realtime');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function spawnScript(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join('test', 'bench', 'realtime', script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** Resolves with the first stdout line that starts with `prefix`. */
function line(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const candidate of buffered.split('\n')) {
        if (candidate.startsWith(prefix)) {
          child.stdout?.off('data', onData);
          resolve(candidate);
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${prefix}"`)));
  });
}

interface Round {
  p50Ms: number | null;
  p99Ms: number | null;
  serverCpuShare: number;
  serverRssMb: number;
  valuesToClientsPerS: number;
  valuesPerSPerCore: number;
}

async function measure(serverScript: string, dbUrl: string, load: () => Promise<void>): Promise<Round> {
  const server = spawnScript(serverScript, { DATABASE_URL: dbUrl });
  const url = (await line(server, 'ready ')).slice('ready '.length);
  // One client measures delays in a process of its own; the others, in two more, only receive.
  const latency = spawnScript('clients.ts', { URL: url, CLIENTS: '1', ROLE: 'latency' });
  const loaders = [0, 1].map((half) =>
    spawnScript('clients.ts', {
      URL: url,
      CLIENTS: String(Math.floor((CLIENTS - 1) / 2) + (half === 0 ? (CLIENTS - 1) % 2 : 0)),
    }),
  );
  const everyClient = [latency, ...loaders];
  try {
    await Promise.all(everyClient.map((clients) => line(clients, 'connected')));
    let loading = true;
    const loadLoop = (async () => {
      while (loading) {
        const started = performance.now();
        await load();
        await wait(Math.max(0, 1_000 - (performance.now() - started)));
      }
    })();
    await wait(WARM_UP_S * 1000);
    const pid = server.pid ?? 0;
    const [cpuBefore, started] = [cpuSeconds(pid), performance.now()];
    for (const clients of everyClient) clients.stdin?.write('go\n');
    await wait(MEASURE_S * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const cpuShare = (cpuSeconds(pid) - cpuBefore) / elapsed;
    const rss = rssMb(pid);
    const results = everyClient.map((clients) => line(clients, '{'));
    for (const clients of everyClient) clients.kill('SIGTERM');
    const [delays, ...loads] = (await Promise.all(results)).map(
      (text) => JSON.parse(text) as { values: number; p50: number | null; p99: number | null },
    );
    loading = false;
    await loadLoop;
    const perS = [delays, ...loads].reduce((sum, r) => sum + (r?.values ?? 0), 0) / elapsed;
    return {
      p50Ms: delays?.p50 ?? null,
      p99Ms: delays?.p99 ?? null,
      serverCpuShare: round(cpuShare, 3),
      serverRssMb: round(rss),
      valuesToClientsPerS: round(perS),
      valuesPerSPerCore: round(perS / Math.max(cpuShare, 0.001)),
    };
  } finally {
    for (const clients of everyClient) clients.kill('SIGTERM');
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

export async function run() {
  const test = await createTestDatabase('postgres');
  try {
    log(`${CHANNELS} channels and their alarm rules`);
    const channelIds = await seedBenchChannels(test.db, CHANNELS);
    // One rule per metric over every bench station: every reading is evaluated; none crosses.
    await upsertAlarmRules(
      test.db,
      Array.from({ length: 10 }, (_, m) =>
        AlarmRuleSchema.parse({
          id: `bench-m${m}-high`,
          name: `m${m} high`,
          kind: 'high',
          target: { assetKind: 'air-quality-station', metric: `m${m}` },
          limit: 1e9,
          priority: 3,
          message: '{asset} {value}',
        }),
      ),
    );
    // As gateways send them: batches of 1,000, each its own commit, spread over the second. A reading's
    // database time is its transaction's start, so a batch's own insert time counts in the delay.
    const batches = Array.from({ length: Math.ceil(channelIds.length / 1_000) }, (_, b) =>
      channelIds.slice(b * 1_000, (b + 1) * 1_000),
    );
    const load = async () => {
      const started = performance.now();
      for (const [b, batch] of batches.entries()) {
        await wait(Math.max(0, (b * 1_000) / batches.length - (performance.now() - started)));
        await insertReadings(test.db, syntheticReadings(batch, Date.now(), 1, 1_000));
      }
    };
    log(`our server: ${CLIENTS} clients, warm-up ${WARM_UP_S} s, ${MEASURE_S} s measured`);
    const ours = await measure('server.ts', test.url ?? '', load);
    log('the plain Socket.IO broadcast');
    const plain = await measure('plain-server.ts', test.url ?? '', load);
    return {
      channels: CHANNELS,
      clients: CLIENTS,
      ours,
      plainSocketIo: plain,
      perCoreOverPlain: round(ours.valuesPerSPerCore / plain.valuesPerSPerCore, 2),
      targetP99Ms: 250,
      meetsP99: ours.p99Ms !== null && ours.p99Ms <= 250,
      note: 'frames coalesce changes for up to 250 ms (4 Hz), which the plain broadcast does not',
    };
  } finally {
    await test.drop();
  }
}
