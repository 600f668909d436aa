import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrate, openDatabase } from '@city/db';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../auth/testing';
import { type AppRouter, type RunningWebServer, startWebServer } from '../index';
import { basemapFromEnv } from './basemap-setting';

const ARCHIVE = Buffer.concat([Buffer.from('PMTiles\x03'), Buffer.alloc(4_000, 7)]);

describe("the city's own base-map files, served by the control room", () => {
  let folder: string;
  let dataDir: string;
  let db: Database;
  let server: RunningWebServer;
  let cookie = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'city-style-'));
    dataDir = await mkdtemp(join(tmpdir(), 'city-style-db-'));
    await writeFile(join(folder, 'city.pmtiles'), ARCHIVE);
    await writeFile(join(folder, '.htpasswd'), 'secret');
    await writeFile(
      join(folder, 'style.json'),
      JSON.stringify({
        version: 8,
        sources: { city: { type: 'vector', url: 'pmtiles://city.pmtiles' } },
        layers: [{ id: 'land', type: 'fill', source: 'city', 'source-layer': 'land' }],
      }),
    );
    db = await openDatabase({ dataDir });
    await migrate(db);
    const basemap = basemapFromEnv({ BASEMAP_STYLE: join(folder, 'style.json'), BASEMAP_ORIGINS: [] });
    server = await startWebServer({
      db,
      port: 0,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
      ...(basemap ? { basemap } : {}),
    });
    cookie = (await signInAs(db, server.url, 'viewer')).cookie;
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });

  it('tells a signed-in map which style to load', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/api/trpc`, headers: { cookie } })],
    });
    expect(await client.map.basemap.query()).toEqual({ styleUrl: '/basemap-style/style.json' });
  });

  it('serves the style, and a PMTiles archive a byte range at a time', async () => {
    const style = await get('/basemap-style/style.json');
    expect(style.status).toBe(200);
    expect(((await style.json()) as { version: number }).version).toBe(8);

    const header = await get('/basemap-style/city.pmtiles', { range: 'bytes=0-126' });
    expect(header.status).toBe(206);
    expect(header.headers.get('content-range')).toBe(`bytes 0-126/${ARCHIVE.length}`);
    const bytes = Buffer.from(await header.arrayBuffer());
    expect(bytes.length).toBe(127);
    expect(bytes.subarray(0, 7).toString()).toBe('PMTiles');
  });

  it('gives nothing outside the folder, no dot files, and nothing to someone not signed in', async () => {
    expect((await get('/basemap-style/.htpasswd')).status).toBe(403);
    const escaped = await get('/basemap-style/..%2F..%2Fetc%2Fpasswd');
    expect([403, 404]).toContain(escaped.status);
    expect(await escaped.text()).not.toContain('root:');
    expect((await get('/basemap-style/missing.pmtiles')).status).toBe(404);
    const anonymous = await fetch(`${server.url}/basemap-style/city.pmtiles`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});
