/**
 * The control room on a throw-away embedded database with a handful of Amsterdam sensors and made-up
 * values, for working on the screen without the gateway: `npm run demo -w @city/web [-- --port 3100]`.
 * Not the product: `npm start` at the repository root runs the real chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { insertReadings, migrate, openDatabase, upsertAssets, upsertChannels } from '@city/db';
import { type Asset, type Channel, type Reading, StatusCode } from '@city/domain';
import pino from 'pino';
import { ensureWebBuild } from '../src/server/build';
import { startWebServer } from '../src/server/index';

const { values: args } = parseArgs({ options: { port: { type: 'string', default: '3100' } } });
const logger = pino({ name: 'web-demo' });

type Station = [id: string, name: string, district: string, lon: number, lat: number];
const airStations: Station[] = [
  ['aq-vondelpark', 'Vondelpark', 'Zuid', 4.8661, 52.3597],
  ['aq-van-diemenstraat', 'Van Diemenstraat', 'West', 4.8815, 52.3891],
  ['aq-einsteinweg', 'Einsteinweg', 'Nieuw-West', 4.8455, 52.381],
  ['aq-nieuwendammerdijk', 'Nieuwendammerdijk', 'Noord', 4.9441, 52.3893],
  ['aq-stadhouderskade', 'Stadhouderskade', 'Zuid', 4.8899, 52.36],
  ['aq-oude-schans', 'Oude Schans', 'Centrum', 4.9053, 52.3731],
  ['aq-kantershof', 'Kantershof', 'Zuidoost', 4.989, 52.3204],
];
const loops: Station[] = [
  ['tr-a10-west', 'A10 West', 'West', 4.8437, 52.377],
  ['tr-a10-zuid', 'A10 Zuid', 'Zuid', 4.867, 52.338],
  ['tr-a10-oost', 'A10 Oost', 'Oost', 4.953, 52.356],
  ['tr-a10-noord', 'A10 Noord', 'Noord', 4.901, 52.4015],
  ['tr-s100-wibautstraat', 'Wibautstraat', 'Oost', 4.9115, 52.3555],
  ['tr-ij-tunnel', 'IJtunnel', 'Noord', 4.9185, 52.386],
];

const point = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
});
const assets: Asset[] = [
  ...airStations.map(
    ([id, name, district, lon, lat]): Asset => ({
      id,
      kind: 'air-quality-station',
      layer: 'air',
      name,
      district,
      geometry: point(lon, lat),
      properties: {},
    }),
  ),
  ...loops.map(
    ([id, name, district, lon, lat]): Asset => ({
      id,
      kind: 'loop-detector',
      layer: 'traffic',
      name,
      district,
      geometry: point(lon, lat),
      properties: { freeFlowKmh: id.startsWith('tr-a10') ? 100 : 50 },
    }),
  ),
];
const channel = (assetId: string, metric: string, name: string, unit: string, max: number): Channel => ({
  id: `${assetId}/${metric}`,
  assetId,
  metric,
  name,
  unit,
  displayRange: [0, max],
  writable: false,
  source: null,
});
const channels: Channel[] = [
  ...airStations.flatMap(([id]) => [
    channel(id, 'no2', 'NO₂', 'µg/m³', 200),
    channel(id, 'pm10', 'PM10', 'µg/m³', 100),
    channel(id, 'pm25', 'PM2.5', 'µg/m³', 100),
  ]),
  ...loops.flatMap(([id]) => [
    channel(id, 'speed', 'Speed', 'km/h', 130),
    channel(id, 'flow', 'Flow', 'veh/h', 6000),
    channel(id, 'occupancy', 'Occupancy', '%', 100),
  ]),
];

function sample(now: number): Reading[] {
  const t = now / 1000;
  const wave = (seed: number, period: number) => Math.sin(t / period + seed * 1.7);
  return channels.map((c, i): Reading => {
    const seed = i + 1;
    const base: Record<string, number> = {
      no2: 45 + 35 * wave(seed, 40) + (c.assetId === 'aq-stadhouderskade' ? 45 : 0),
      pm10: 24 + 8 * wave(seed, 55),
      pm25: 12 + 5 * wave(seed, 65),
      speed: (c.assetId.startsWith('tr-a10') ? 70 : 32) + 28 * wave(seed, 25),
      flow: 2600 + 1400 * wave(seed, 35),
      occupancy: 14 + 10 * wave(seed, 30),
    };
    const value = Math.max(0, base[c.metric] ?? 0);
    if (c.id === 'aq-kantershof/pm25')
      return {
        channelId: c.id,
        value: null,
        statusCode: StatusCode.BadSensorFailure,
        sourceTime: new Date(now),
      };
    const statusCode = c.id === 'tr-ij-tunnel/speed' ? StatusCode.UncertainLastUsableValue : StatusCode.Good;
    return { channelId: c.id, value: Math.round(value * 10) / 10, statusCode, sourceTime: new Date(now) };
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'city-web-demo-'));
const db = await openDatabase({ dataDir });
await migrate(db);
await upsertAssets(db, assets);
await upsertChannels(db, channels);
await insertReadings(db, sample(Date.now()));
await ensureWebBuild(logger);
const server = await startWebServer({ db, port: Number(args.port), logger });
const timer = setInterval(() => void insertReadings(db, sample(Date.now())), 1_000);
logger.info(`demo control room at ${server.url}`);

async function stop() {
  clearInterval(timer);
  await server.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
