import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusCode } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase } from '../open';
import { upsertAssets, upsertChannels } from '../queries/assets';
import { insertReadings } from '../queries/ingest';
import { latestValues } from '../queries/latest';
import { openEmbeddedDataDirs } from './embedded';

describe('embedded TimescaleDB data dir', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'city-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps its data across a restart, and the reopened hypertable takes inserts', async () => {
    const first = await openDatabase({ dataDir });
    await migrate(first);
    await upsertAssets(first, [
      {
        id: 'loop-a10',
        kind: 'loop-detector',
        layer: 'traffic',
        name: 'A10',
        geometry: { type: 'Point', coordinates: [4.84, 52.37] },
        district: null,
        properties: {},
      },
    ]);
    await upsertChannels(first, [
      {
        id: 'loop-a10/flow',
        assetId: 'loop-a10',
        metric: 'flow',
        name: 'Flow',
        unit: 'veh/h',
        displayRange: [0, 6000],
        writable: false,
        source: null,
      },
    ]);
    await insertReadings(first, [
      {
        channelId: 'loop-a10/flow',
        value: 1200,
        statusCode: StatusCode.Good,
        sourceTime: new Date(Date.now() - 2000),
      },
    ]);
    await first.close();

    const reopened = await openDatabase({ dataDir });
    try {
      // Closed straight after the insert: the newest value held back for batching was written first.
      const kept = await reopened.query<{ value: number }>('SELECT value FROM latest_readings');
      expect(kept.rows).toEqual([{ value: 1200 }]);
      const report = await insertReadings(reopened, [
        { channelId: 'loop-a10/flow', value: 1300, statusCode: StatusCode.Good, sourceTime: new Date() },
      ]);
      expect(report.inserted).toBe(1);
      const latest = await latestValues(reopened);
      expect(latest.map((v) => v.value)).toEqual([1300]);
      expect((await migrate(reopened)).applied).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a second instance on the same dir in this process, and says to share the first', async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect(openEmbeddedDataDirs()).toEqual([dataDir]);
      await expect(openDatabase({ dataDir })).rejects.toThrow(
        /CITY_DB_DATA_DIR_OPEN_TWICE.*share the one Database/,
      );
      expect(openEmbeddedDataDirs()).toHaveLength(1);
    } finally {
      await db.close();
    }
    expect(openEmbeddedDataDirs()).toEqual([]);
  });

  it('refuses a dir that another process holds, and names the fix', async () => {
    const db = await openDatabase({ dataDir });
    try {
      const script = `
        import { openDatabase } from './src/open.ts';
        try { await openDatabase({ dataDir: ${JSON.stringify(dataDir)} }); console.log('OPENED'); }
        catch (e) { console.log(e.message); }`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '../..'),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stdout).toMatch(/CITY_DB_DATA_DIR_LOCKED.*in use by another process.*CITY_DATA_DIR/);
    } finally {
      await db.close();
    }
  });
});
