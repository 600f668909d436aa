/**
 * realtime: 10,000 channels change every second; the readings are committed into PostgreSQL, go
 * through the web server's hub and alarm engine (10,000 alarms evaluated per second), and reach 30,
 * 100 and 300 Socket.IO clients. Server, clients and load each run in their own process. Reported per
 * client count: the delay from the database's time of the reading's commit to a client having it
 * (p50, p99), values delivered and due per second, the server's CPU and RSS, and values delivered per
 * second per core of server CPU, beside a plain Socket.IO server that broadcasts the same notices as
 * they come (no hub, no rooms, no alarms) in the same run. Then a slow-client case: 100 clients, 10 of
 * which read at 64 kB/s through a throttling proxy, each watching one district, for 60 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { insertReadings, upsertAssets } from '@city/db';
import { createTestDatabase } from '@city/db/testing';
import type { Asset } from '@city/domain';
import { cpuSeconds, rssMb } from './modbus-peers';
import { round } from './stats';
import { progress, seedBenchAlarmRules, seedBenchChannels, syntheticReadings } from './synthetic';

const ROOT = join(import.meta.dirname, '..', '..');
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10_000);
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? '30,100,300').split(',').map(Number);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_S ?? 8);
const MEASURE_S = Number(process.env.BENCH_MEASURE_S ?? 15);
const SLOW = { clients: 100, slow: 10, bytesPerS: 64_000, measureS: Number(process.env.BENCH_SLOW_S ?? 60) };
const DISTRICTS = Array.from({ length: 10 }, (_, d) => `Bench ${d}`);
const TARGET_P99_MS: Record<number, number> = { 30: 100, 100: 100, 300: 150 };
const TARGET_RSS_MB = 200;
const log = progress('realtime');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Extra node flags for the two servers only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

function spawnScript(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  return spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join('test', 'bench', 'realtime', script)],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
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

interface ClientReport {
  values: number;
  p50: number | null;
  p99: number | null;
  staleness: { p50Ms: number; maxMs: number }[];
}

/** One sweep of the city per second, as gateways send it; counts the readings committed. */
interface Load {
  sweep(): Promise<void>;
  committed: number;
}

interface Plan {
  clients: number;
  slow: number;
  measureS: number;
}

function spawnClients(url: string, cookie: string, plan: Plan): ChildProcess[] {
  // One fast client measures delays in a process of its own; the others, in two more, count.
  const loaders = plan.clients - plan.slow - 1;
  return [
    spawnScript('clients.ts', { URL: url, COOKIE: cookie, CLIENTS: '1', ROLE: 'latency' }),
    ...[0, 1].map((half) =>
      spawnScript('clients.ts', {
        URL: url,
        COOKIE: cookie,
        ROLE: 'load',
        CLIENTS: String(Math.floor(loaders / 2) + (half === 0 ? loaders % 2 : 0)),
      }),
    ),
    ...(plan.slow > 0
      ? [
          spawnScript('clients.ts', {
            URL: url,
            COOKIE: cookie,
            ROLE: 'slow',
            CLIENTS: String(plan.slow),
            DISTRICTS: DISTRICTS.join(','),
            SLOW_BYTES_PER_S: String(SLOW.bytesPerS),
          }),
        ]
      : []),
  ];
}

async function measure(serverScript: string, dbUrl: string, load: Load, plan: Plan) {
  const server = spawnScript(serverScript, { DATABASE_URL: dbUrl }, SERVER_NODE_ARGS);
  const [url = '', cookie = ''] = (await line(server, 'ready ')).slice('ready '.length).split(' ');
  const everyClient = spawnClients(url, cookie, plan);
  try {
    await Promise.all(everyClient.map((clients) => line(clients, 'connected')));
    let loading = true;
    const loadLoop = (async () => {
      while (loading) {
        const started = performance.now();
        await load.sweep();
        await wait(Math.max(0, 1_000 - (performance.now() - started)));
      }
    })();
    await wait(WARM_UP_S * 1000);
    const pid = server.pid ?? 0;
    const [cpuBefore, started, committedBefore] = [cpuSeconds(pid), performance.now(), load.committed];
    const rssSeriesMb = [round(rssMb(pid))];
    const sampler = setInterval(() => rssSeriesMb.push(round(rssMb(pid))), 10_000);
    for (const clients of everyClient) clients.stdin?.write('go\n');
    await wait(plan.measureS * 1000);
    clearInterval(sampler);
    const elapsed = (performance.now() - started) / 1000;
    const cpuShare = (cpuSeconds(pid) - cpuBefore) / elapsed;
    const committed = load.committed - committedBefore;
    const rss = rssMb(pid);
    rssSeriesMb.push(round(rss));
    const results = everyClient.map((clients) => line(clients, '{'));
    for (const clients of everyClient) clients.kill('SIGTERM');
    const health = await fanoutHealth(url);
    const [delays, ...rest] = (await Promise.all(results)).map((text) => JSON.parse(text) as ClientReport);
    const loads = rest.slice(0, 2);
    const slow = rest[2];
    loading = false;
    await loadLoop;
    const fastClients = plan.clients - plan.slow;
    const perS = [delays, ...loads].reduce((sum, r) => sum + (r?.values ?? 0), 0) / elapsed;
    const loadDelays = loads.map((r) => r.p99 ?? 0);
    return {
      p50Ms: delays?.p50 ?? null,
      p99Ms: delays?.p99 ?? null,
      loadClientsP99Ms: Math.max(...loadDelays),
      serverCpuShare: round(cpuShare, 3),
      serverRssMb: round(rss),
      valuesToClientsPerS: round(perS),
      valuesDuePerS: round((committed * fastClients) / elapsed),
      deliveredShare: round(perS / Math.max(1, (committed * fastClients) / elapsed), 3),
      valuesPerSPerCore: round(perS / Math.max(cpuShare, 0.001)),
      ...(plan.slow > 0 ? { rssSeriesMb, slow } : {}),
      ...(health ? { fanout: health } : {}),
    };
  } finally {
    for (const clients of everyClient) clients.kill('SIGTERM');
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

/** Our server's slow-screen counters from /healthz; the plain server has none. */
async function fanoutHealth(url: string): Promise<unknown> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    const health = (await response.json()) as {
      telemetryFanout?: object;
      noticesAccepted?: number;
      framesPublished?: number;
    };
    if (!health.telemetryFanout) return null;
    // Notices against frames: how many notices each frame sent to the screens carried.
    return { ...health.telemetryFanout, notices: health.noticesAccepted, frames: health.framesPublished };
  } catch {
    return null;
  }
}

/** The bench stations spread over ten districts, so a tablet can watch one of them. */
async function spreadOverDistricts(db: Parameters<typeof upsertAssets>[0], channels: number) {
  const assets: Asset[] = Array.from({ length: Math.ceil(channels / 10) }, (_, a) => ({
    id: `bench-${String(a).padStart(4, '0')}`,
    kind: 'air-quality-station',
    layer: 'air',
    name: `Test bench-${a}`,
    geometry: { type: 'Point', coordinates: [4.9, 52.37] },
    district: DISTRICTS[a % DISTRICTS.length] ?? null,
    properties: {},
  }));
  await upsertAssets(db, assets);
}

export async function run() {
  const test = await createTestDatabase('postgres');
  try {
    log(`${CHANNELS} channels and their alarm rules`);
    const channelIds = await seedBenchChannels(test.db, CHANNELS);
    await spreadOverDistricts(test.db, CHANNELS);
    // One rule per metric over every bench station: every reading is evaluated; none crosses.
    await seedBenchAlarmRules(test.db, 1e9);
    // As gateways send them: batches of 1,000, each its own commit, spread over the second. A reading's
    // database time is its transaction's start, so a batch's own insert time counts in the delay.
    const batches = Array.from({ length: Math.ceil(channelIds.length / 1_000) }, (_, b) =>
      channelIds.slice(b * 1_000, (b + 1) * 1_000),
    );
    const load: Load = {
      committed: 0,
      async sweep() {
        const started = performance.now();
        for (const [b, batch] of batches.entries()) {
          await wait(Math.max(0, (b * 1_000) / batches.length - (performance.now() - started)));
          await insertReadings(test.db, syntheticReadings(batch, Date.now(), 1, 1_000));
          load.committed += batch.length;
        }
      },
    };
    const byClients: Record<string, unknown> = {};
    const meets: Record<string, boolean> = {};
    for (const clients of CLIENT_COUNTS) {
      const plan = { clients, slow: 0, measureS: MEASURE_S };
      log(`our server: ${clients} clients, warm-up ${WARM_UP_S} s, ${MEASURE_S} s measured`);
      const ours = await measure('server.ts', test.url ?? '', load, plan);
      log(`the plain Socket.IO broadcast: ${clients} clients`);
      const plain = await measure('plain-server.ts', test.url ?? '', load, plan);
      const perCoreOverPlain = round(ours.valuesPerSPerCore / plain.valuesPerSPerCore, 2);
      byClients[clients] = { ours, plainSocketIo: plain, perCoreOverPlain };
      const targetP99 = TARGET_P99_MS[clients] ?? 150;
      meets[`p99At${clients}`] =
        ours.p99Ms !== null && ours.p99Ms <= targetP99 && ours.deliveredShare >= 0.99;
      meets[`perCoreAt${clients}`] = perCoreOverPlain >= 1;
      meets[`rssAt${clients}`] = ours.serverRssMb <= TARGET_RSS_MB;
    }
    log(`slow clients: ${SLOW.slow} of ${SLOW.clients} read at ${SLOW.bytesPerS} B/s, ${SLOW.measureS} s`);
    const slow = await measure('server.ts', test.url ?? '', load, SLOW);
    const last = slow.slow?.staleness.at(-1);
    meets.slowCaseFastP99 = slow.p99Ms !== null && slow.p99Ms <= 100 && slow.deliveredShare >= 0.99;
    meets.slowCaseRssFlat = slow.rssSeriesMb !== undefined && rssFlat(slow.rssSeriesMb);
    return {
      channels: CHANNELS,
      warmUpS: WARM_UP_S,
      measureS: MEASURE_S,
      byClients,
      slowClients: {
        ...SLOW,
        slowDistrictChannels: CHANNELS / DISTRICTS.length,
        fastP50Ms: slow.p50Ms,
        fastP99Ms: slow.p99Ms,
        fastLoadClientsP99Ms: slow.loadClientsP99Ms,
        fastValuesDeliveredPerS: slow.valuesToClientsPerS,
        fastValuesDuePerS: slow.valuesDuePerS,
        slowHeldStalenessFirst: slow.slow?.staleness[0],
        slowHeldStalenessLast: last,
        slowHeldStalenessWorstMs: Math.max(...(slow.slow?.staleness ?? []).map((s) => s.maxMs)),
        serverRssSeriesMb: slow.rssSeriesMb,
        serverCpuShare: slow.serverCpuShare,
        fanout: slow.fanout,
      },
      targets: { p99Ms: TARGET_P99_MS, perCoreOverPlain: 1, serverRssMb: TARGET_RSS_MB },
      meets,
      meetsAll: Object.values(meets).every(Boolean),
    };
  } finally {
    await test.drop();
  }
}

/** Flat: the last sample within 10 % (or 10 MB) of the first. */
function rssFlat(series: readonly number[]): boolean {
  const [first = 0, last = 0] = [series[0], series.at(-1)];
  return last - first <= Math.max(10, first * 0.1);
}
