/**
 * map: Chromium draws the control room's map of a scaled city, 10,000 air stations whose NO₂ changes
 * every second (a synthetic feed committed into PostgreSQL, through the real web server and socket).
 * Reported, each against its peer in the same run:
 *  - time to the first interactive view (page load to the first frame drawn with live values), the
 *    median and range of five warm loads: of a demo-sized city (150 stations), and of the 10,000 with
 *    their feed running;
 *  - the median frame time while the map redraws every frame, live against the same map static. The
 *    static peer is the same page with the same feed arriving, whose map holds the values it has
 *    (the server, the database and the socket load the two cores alike in both, so the ratio is the
 *    map's own cost); the map with the feed paused is reported beside it;
 *  - the JS heap over `--minutes` (default 10) of live updates, after a warm-up;
 *  - a NOTIFY (a committed reading) to the pixel change of one feature, over the server's own
 *    delivery to a plain socket client: with the 10,000 updates a second arriving, and with them paused.
 * WebGL here is Mesa llvmpipe: judge the ratios, not the absolute times.
 * `npm run bench -- map --minutes 1` for a short run; BENCH_MAP_FEATURES to change the 10,000.
 */
import { type Database, insertReadings } from '@city/db';
import { createTestDatabase } from '@city/db/testing';
import type { ClientToServerEvents, ServerToClientEvents } from '@city/web';
import { startWebServer } from '@city/web';
import { ensureWebBuild } from '@city/web/build';
import { signInAs } from '@city/web/testing';
import { chromium, type Page } from '@playwright/test';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { PROBE_CHANNEL, seedMapCity, startFeed } from './map-city';
import { percentile, round } from './stats';
import { progress } from './synthetic';

/** The map's self-report (web/src/map/map-probe.ts), as far as this benchmark reads it. */
interface MapProbe {
  firstLiveFrameAt: number | null;
  features(): Array<{ id: string; layer: string; x: number; y: number }>;
  watchPixel(x: number, y: number): void;
  pixelChanges: Array<{ at: number; rgba: number[] }>;
  measureFrames(ms: number): Promise<number[]>;
  held: boolean;
}
declare global {
  interface Window {
    __cityMap?: MapProbe;
  }
}

const FEATURES = Number(process.env.BENCH_MAP_FEATURES ?? 10_000);
const FRAME_MEASURE_MS = 20_000;
const PIXEL_CHANGES = 30;
/** About the demo city's size (hardware/city/amsterdam.yaml has about a hundred assets). */
const DEMO_FEATURES = 150;
const TARGETS = { firstViewMs: 3_000, liveOverStatic: 1.5, heapGrowth: 0.1, pixelOverServerP95Ms: 250 };
const log = progress('map');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function minutesOption(): number {
  const at = process.argv.indexOf('--minutes');
  const minutes = at > 0 ? Number(process.argv[at + 1]) : 10;
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('--minutes takes a positive number');
  return minutes;
}

/** Warm first views per city: one load is at the mercy of a noisy machine, the median of five is not. */
const WARM_LOADS = 5;

/** The median and the range of `WARM_LOADS` warm first views. */
async function warmFirstViews(page: Page, url: string) {
  const times: number[] = [];
  for (let i = 0; i < WARM_LOADS; i += 1) times.push(await firstView(page, url));
  return { medianMs: round(percentile(times, 50)), rangeMs: [Math.min(...times), Math.max(...times)] };
}

/** Opens the map and returns ms from navigation to its first frame drawn with live values. */
async function firstView(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  const at = await page.waitForFunction(() => window.__cityMap?.firstLiveFrameAt ?? null, null, {
    timeout: 120_000,
    polling: 20,
  });
  return ((await at.jsonValue()) as number) - started;
}

const holdMap = (page: Page, held: boolean) =>
  page.evaluate((h) => {
    if (window.__cityMap) window.__cityMap.held = h;
  }, held);

const frames = (page: Page, ms: number) => page.evaluate((m) => window.__cityMap?.measureFrames(m) ?? [], ms);

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1_048_576;
}

/**
 * Flips the probe station's NO₂ between a normal and an abnormal level PIXEL_CHANGES times, and times
 * each commit to the changed pixel, and the pixel after the server's delivery to a plain socket.
 */
async function pixelLatency(page: Page, db: Database, serverSeen: Map<number, number>) {
  const pixelMs: number[] = [];
  const overServerMs: number[] = [];
  for (let i = 0; i < PIXEL_CHANGES; i += 1) {
    await wait(700 + Math.random() * 600);
    const probeValue = (i % 2 === 0 ? 150 : 10) + i / 100 + Math.random() / 1_000;
    const before = await page.evaluate(() => window.__cityMap?.pixelChanges.length ?? 0);
    const committedAt = Date.now();
    await insertReadings(db, [
      { channelId: PROBE_CHANNEL, value: probeValue, statusCode: 0, sourceTime: new Date() },
    ]);
    const changedAt = await page
      .waitForFunction((n) => window.__cityMap?.pixelChanges[n]?.at ?? null, before, {
        timeout: 10_000,
        polling: 10,
      })
      .then((handle) => handle.jsonValue() as Promise<number>);
    pixelMs.push(changedAt - committedAt);
    const deliveredAt = serverSeen.get(probeValue);
    if (deliveredAt !== undefined) overServerMs.push(changedAt - deliveredAt);
  }
  return {
    p50Ms: round(percentile(pixelMs, 50)),
    p95Ms: round(percentile(pixelMs, 95)),
    serverDeliveryP50Ms: round(percentile(pixelMs, 50) - percentile(overServerMs, 50)),
    overServerP50Ms: round(percentile(overServerMs, 50)),
    overServerP95Ms: round(percentile(overServerMs, 95)),
    changes: pixelMs.length,
  };
}

export async function run() {
  const minutes = minutesOption();
  const logger = pino({ level: 'warn' });
  await ensureWebBuild(logger);
  const test = await createTestDatabase('postgres');
  log(`seeding a demo-sized city of ${DEMO_FEATURES} stations`);
  const demoChannels = await seedMapCity(test.db, DEMO_FEATURES);
  await insertReadings(
    test.db,
    [...demoChannels, PROBE_CHANNEL].map((channelId) => ({
      channelId,
      value: 10,
      statusCode: 0,
      sourceTime: new Date(),
    })),
  );
  const server = await startWebServer({ db: test.db, port: 0, host: '127.0.0.1', pages: true, logger });
  let feed: ReturnType<typeof startFeed> | undefined;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const { cookie } = await signInAs(test.db, server.url, 'viewer', 'map-bench');
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
  });
  const serverSeen = new Map<number, number>();
  socket.on('telemetry', (frame) => {
    for (const [channelId, value] of frame.values)
      if (channelId === PROBE_CHANNEL && value !== null) serverSeen.set(value, Date.now());
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const [name = '', value = ''] = cookie.split('=');
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    log(`first view of the demo-sized city (cold browser, then ${WARM_LOADS} warm)`);
    const firstViewColdMs = await firstView(page, server.url);
    const demoWarm = await warmFirstViews(page, server.url);

    log(`seeding ${FEATURES} stations; first views of them with the feed running (${WARM_LOADS} warm)`);
    feed = startFeed(test.db, await seedMapCity(test.db, FEATURES));
    await wait(3_000);
    const warm = await warmFirstViews(page, server.url);
    await wait(5_000);

    log('frame times: live, then held (the feed still arriving), then with the feed paused');
    const live = await frames(page, FRAME_MEASURE_MS);
    await holdMap(page, true);
    await wait(1_000);
    const staticFrames = await frames(page, FRAME_MEASURE_MS);
    await holdMap(page, false);
    feed.state.paused = true;
    await wait(3_000);
    const pausedFrames = await frames(page, FRAME_MEASURE_MS);
    feed.state.paused = false;

    log('NOTIFY to pixel');
    const centre = await page.evaluate(() =>
      window.__cityMap?.features().find((f) => f.id === 'bench-probe'),
    );
    if (!centre) throw new Error('the probe station is not on the map');
    await page.evaluate(([x, y]) => window.__cityMap?.watchPixel(x, y), [centre.x, centre.y] as const);
    await wait(1_000);
    const baseline = await page.evaluate(() => window.__cityMap?.pixelChanges.slice(-3) ?? []);
    log(`probe at ${Math.round(centre.x)},${Math.round(centre.y)}: ${JSON.stringify(baseline)}`);
    const underFeed = await pixelLatency(page, test.db, serverSeen);
    log('NOTIFY to pixel, the feed paused');
    feed.state.paused = true;
    await wait(3_000);
    const quiet = await pixelLatency(page, test.db, serverSeen);
    feed.state.paused = false;

    log(`heap over ${minutes} min of live updates`);
    const warmUpMs = Math.min(60_000, minutes * 6_000);
    await wait(warmUpMs);
    const heap = [await heapMb(page)];
    const end = Date.now() + minutes * 60_000 - warmUpMs;
    while (Date.now() < end) {
      await wait(Math.min(30_000, Math.max(0, end - Date.now())));
      heap.push(await heapMb(page));
    }
    const heapGrowth = ((heap.at(-1) ?? 0) - (heap[0] ?? 0)) / (heap[0] ?? 1);

    const liveMedian = percentile(live, 50);
    const staticMedian = percentile(staticFrames, 50);
    return {
      features: FEATURES + 1,
      updatesPerS: FEATURES,
      feedSweeps: feed.state.sweeps,
      firstViewColdMs,
      firstViewDemoFeatures: DEMO_FEATURES + 1,
      firstViewDemoWarmMs: demoWarm.medianMs,
      firstViewDemoWarmRangeMs: demoWarm.rangeMs,
      firstViewWarmMs: warm.medianMs,
      firstViewWarmRangeMs: warm.rangeMs,
      frameMedianLiveMs: round(liveMedian, 1),
      frameMedianStaticMs: round(staticMedian, 1),
      frameP95LiveMs: round(percentile(live, 95), 1),
      frameP95StaticMs: round(percentile(staticFrames, 95), 1),
      frameMedianFeedPausedMs: round(percentile(pausedFrames, 50), 1),
      framesLive: live.length,
      framesStatic: staticFrames.length,
      liveOverStatic: round(liveMedian / staticMedian, 2),
      liveOverFeedPaused: round(liveMedian / percentile(pausedFrames, 50), 2),
      heapMinutes: minutes,
      heapSeriesMb: heap.map((mb) => round(mb, 1)),
      heapGrowth: round(heapGrowth, 3),
      notifyToPixelP50Ms: underFeed.p50Ms,
      notifyToPixelP95Ms: underFeed.p95Ms,
      serverDeliveryP50Ms: underFeed.serverDeliveryP50Ms,
      pixelOverServerP50Ms: underFeed.overServerP50Ms,
      pixelOverServerP95Ms: underFeed.overServerP95Ms,
      pixelChanges: underFeed.changes,
      feedPausedPixel: quiet,
      targets: TARGETS,
      meets: {
        firstView: warm.medianMs <= TARGETS.firstViewMs,
        firstViewDemo: demoWarm.medianMs <= TARGETS.firstViewMs,
        liveOverStatic: liveMedian / staticMedian <= TARGETS.liveOverStatic,
        heapFlat: heapGrowth <= TARGETS.heapGrowth,
        pixelOverServer: underFeed.overServerP95Ms <= TARGETS.pixelOverServerP95Ms,
      },
      webgl: 'Mesa llvmpipe (software)',
    };
  } finally {
    socket.close();
    await browser.close();
    await feed?.stop();
    await server.close();
    await test.drop();
  }
}
