import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrate, openDatabase, openEmbeddedDataDirs } from '@city/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './auth/testing';
import { type RunningWebServer, startWebServer } from './index';
import { WEB_ROOT } from './paths';

// Needs the production build; `npm test` (turbo) builds it before this suite runs.
describe('control room server with pages (production build)', () => {
  let dataDir: string;
  let db: Database;
  let server: RunningWebServer;

  beforeAll(async () => {
    if (!existsSync(join(WEB_ROOT, '.next', 'BUILD_ID'))) {
      throw new Error('this suite serves the production build: run "npm run build -w @city/web" first');
    }
    dataDir = await mkdtemp(join(tmpdir(), 'city-web-pages-'));
    db = await openDatabase({ dataDir });
    await migrate(db);
    server = await startWebServer({ db, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends a signed-out browser to the sign-in page, with a CSP nonce on every script', async () => {
    const away = await fetch(server.url, { redirect: 'manual' });
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/login?next=%2F');
    // Every body is read to its end: one left open is cut off when the server closes, and that
    // rejection surfaces in the process as an unhandled error.
    await away.arrayBuffer();
    const login = await fetch(`${server.url}/login`);
    expect(login.status).toBe(200);
    const csp = login.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await login.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('serves the control room page and its base map from the same server as the API', async () => {
    const { cookie } = await signInAs(db, server.url, 'viewer');
    const page = await fetch(server.url, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Amsterdam · Controlekamer</title>');
    const land = await fetch(`${server.url}/basemap/land.geojson`);
    expect(land.status).toBe(200);
    expect(((await land.json()) as { type: string }).type).toBe('FeatureCollection');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await health.arrayBuffer();
  });

  it('keeps one embedded database in the process after Next has rendered pages', async () => {
    expect(await (await fetch(`${server.url}/login`)).text()).toContain('<html');
    expect(openEmbeddedDataDirs()).toEqual([expect.stringContaining('city-web-pages-')]);
  });
});

describe('control room server with pages, before a build', () => {
  it('refuses to start and says how to build', async () => {
    const unbuilt = await mkdtemp(join(tmpdir(), 'city-web-unbuilt-'));
    try {
      // Never reached: the build check comes before the database is touched.
      const db = { location: 'unused' } as Database;
      await expect(startWebServer({ db, port: 0, webRoot: unbuilt })).rejects.toThrow(
        /WEB_NO_BUILD.*npm run build -w @city\/web/,
      );
    } finally {
      await rm(unbuilt, { recursive: true, force: true });
    }
  });
});
