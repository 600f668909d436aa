/**
 * ingest: rows per second into readings on the real PostgreSQL server, for the same synthetic city
 * (1,000 channels, one poll cycle per batch) through three paths in one run: a naive INSERT per
 * reading (the floor), our insertReadings in batches of 1,000, and a raw text COPY (the ceiling: one
 * stream for all rows, and one COPY per 1,000-row batch). insertReadings stores by binary COPY too,
 * but also quarantines, announces and keeps the newest values, and commits every batch. Then
 * insertReadings on the embedded TimescaleDB, and re-sent batches (all duplicates). insertReadings
 * as a gateway's own role (issue 13) stores through store_gateway_readings(), not COPY, which a table
 * under row-level security refuses: it runs beside the owner's, on the same channels. Every timed
 * step writes a time range no other step touched, so conflicts never flatter or penalise a path.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Database, insertReadings } from '@city/db';
import { createTestDatabase, loginAsGateway } from '@city/db/testing';
import type { Reading } from '@city/domain';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { round } from './stats';
import { progress, seedBenchChannels, syntheticReadings, timed } from './synthetic';

const CHANNELS = 1_000;
const BATCH = 1_000;
const STEP_MS = 1_000;
const PER_ROW_ROWS = 8_000;
const BATCHED_ROWS = 200_000;
const EMBEDDED_ROWS = 100_000;
const DUPLICATE_ROWS = 20_000;
/** Side peers that show the fixed cost per batch: one COPY per 1,000 rows, insertReadings per 5,000. */
const SIDE_ROWS = 50_000;
const LARGE_BATCH = 5_000;
const WARM_UP_ROWS = 5_000;
const ROUNDS = 4;

const TARGET_OVER_PER_ROW = 20;
const TARGET_OVER_COPY = 0.5;
const TARGET_ROWS_PER_S = 50_000;

const log = progress('ingest');

/** Hands out consecutive, never-overlapping time ranges, one per step. */
class TimeRanges {
  constructor(private nextMs: number) {}
  readings(channelIds: readonly string[], rows: number): Reading[] {
    const sweeps = Math.ceil(rows / channelIds.length);
    const readings = syntheticReadings(channelIds, this.nextMs, sweeps, STEP_MS);
    this.nextMs += (sweeps + 1) * STEP_MS;
    return readings.slice(0, rows);
  }
}

interface Path {
  name: string;
  rows: number;
  store(readings: readonly Reading[]): Promise<unknown>;
}

async function viaInsertReadings(db: Database, readings: readonly Reading[], batch = BATCH) {
  let inserted = 0;
  let duplicates = 0;
  for (let i = 0; i < readings.length; i += batch) {
    const report = await insertReadings(db, readings.slice(i, i + batch));
    inserted += report.inserted;
    duplicates += report.duplicates;
    if (report.quarantined > 0) throw new Error(`insertReadings quarantined ${report.quarantined} readings`);
  }
  return { inserted, duplicates };
}

/** What a first implementation does: one parameterised INSERT per reading, each its own transaction. */
async function viaPerRowInsert(client: pg.Client, readings: readonly Reading[]) {
  for (const reading of readings) {
    await client.query(
      `INSERT INTO readings (channel, time, value, status_code)
       VALUES ((SELECT num FROM channels WHERE id = $1), $2, $3, $4)`,
      [reading.channelId, reading.sourceTime, reading.value, reading.statusCode | 0],
    );
  }
}

/** One COPY stream; channel ids are resolved to their numbers in the client, as a bulk loader would. */
async function viaCopy(
  client: pg.Client,
  numbers: ReadonlyMap<string, number>,
  readings: readonly Reading[],
) {
  function* lines() {
    const chunk: string[] = [];
    for (const r of readings) {
      const value = r.value === null ? '\\N' : String(r.value);
      chunk.push(
        `${numbers.get(r.channelId)}\t${r.sourceTime.toISOString()}\t${value}\t${r.statusCode | 0}\n`,
      );
      if (chunk.length === BATCH) yield chunk.splice(0).join('');
    }
    if (chunk.length > 0) yield chunk.join('');
  }
  const stream = client.query(copyFrom('COPY readings (channel, time, value, status_code) FROM STDIN'));
  await pipeline(Readable.from(lines()), stream);
  return stream.rowCount;
}

const rate = (rows: number, seconds: number) => round(rows / seconds);

async function benchServer() {
  const test = await createTestDatabase('postgres');
  const client = new pg.Client({ connectionString: test.url });
  await client.connect();
  let stopGateway: (() => Promise<void>) | undefined;
  try {
    const { db } = test;
    const ids = await seedBenchChannels(db, CHANNELS);
    const numbers = new Map(
      (await db.query<{ id: string; num: number }>('SELECT id, num FROM channels')).rows.map((row) => [
        row.id,
        row.num,
      ]),
    );
    const { rows: versionRows } = await db.query<{ server_version: string }>('SHOW server_version');
    // Every channel is fed by one gateway, which signs in as its own role (see field-zone.test.ts).
    await db.query(`UPDATE channels SET source = '{"gatewayId":"gw-bench","deviceId":"d","point":"p"}'`);
    const gateway = await loginAsGateway(db, test.url as string, 'gw-bench');
    stopGateway = () => gateway.drop();
    const ranges = new TimeRanges(Date.now() - 3 * 86_400_000);

    log('warming up the three paths');
    await viaPerRowInsert(client, ranges.readings(ids, 500));
    await viaInsertReadings(db, ranges.readings(ids, WARM_UP_ROWS));
    await viaCopy(client, numbers, ranges.readings(ids, WARM_UP_ROWS));
    await viaInsertReadings(gateway.db, ranges.readings(ids, WARM_UP_ROWS));

    // The paths take turns, a slice each per round, so a noisy minute on this shared machine slows
    // every path rather than flattering one ratio.
    const paths: Path[] = [
      { name: 'perRow', rows: PER_ROW_ROWS, store: (r) => viaPerRowInsert(client, r) },
      { name: 'insertReadings', rows: BATCHED_ROWS, store: (r) => viaInsertReadings(db, r) },
      { name: 'insertReadingsAsGateway', rows: BATCHED_ROWS, store: (r) => viaInsertReadings(gateway.db, r) },
      { name: 'copy', rows: BATCHED_ROWS, store: (r) => viaCopy(client, numbers, r) },
      {
        name: 'copyPerBatch',
        rows: SIDE_ROWS,
        store: async (r) => {
          for (let i = 0; i < r.length; i += BATCH) await viaCopy(client, numbers, r.slice(i, i + BATCH));
        },
      },
      { name: 'insertReadingsBatch5k', rows: SIDE_ROWS, store: (r) => viaInsertReadings(db, r, LARGE_BATCH) },
    ];
    const seconds = new Map<string, number>();
    let stored: Reading[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const path of paths) {
        const readings = ranges.readings(ids, path.rows / ROUNDS);
        const step = await timed(() => path.store(readings));
        seconds.set(path.name, (seconds.get(path.name) ?? 0) + step.seconds);
        if (path.name === 'insertReadings' && round === 1) stored = readings;
      }
      const summary = paths.map(
        (path) => `${path.name} ${rate((path.rows * round) / ROUNDS, seconds.get(path.name) ?? 0)}`,
      );
      log(`round ${round}/${ROUNDS}, rows/s so far: ${summary.join(', ')}`);
    }
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM readings');
    const expected = 500 + 3 * WARM_UP_ROWS + paths.reduce((sum, path) => sum + path.rows, 0);
    if (count.rows[0]?.n !== expected)
      throw new Error(`readings holds ${count.rows[0]?.n} rows, expected ${expected}`);

    log(`insertReadings again over ${DUPLICATE_ROWS} stored rows (all duplicates)`);
    const duplicate = await timed(() => viaInsertReadings(db, stored.slice(0, DUPLICATE_ROWS)));
    if (duplicate.result.duplicates !== DUPLICATE_ROWS)
      throw new Error(`expected ${DUPLICATE_ROWS} duplicates, got ${duplicate.result.duplicates}`);

    const rowsPerS = (name: string) => {
      const path = paths.find((candidate) => candidate.name === name);
      return path ? rate(path.rows, seconds.get(name) ?? 0) : Number.NaN;
    };
    return {
      server: `PostgreSQL ${versionRows[0]?.server_version ?? '?'}`,
      rounds: ROUNDS,
      perRowRows: PER_ROW_ROWS,
      perRowRowsPerS: rowsPerS('perRow'),
      insertReadingsRows: BATCHED_ROWS,
      insertReadingsRowsPerS: rowsPerS('insertReadings'),
      insertReadingsAsGatewayRowsPerS: rowsPerS('insertReadingsAsGateway'),
      copyRows: BATCHED_ROWS,
      copyRowsPerS: rowsPerS('copy'),
      copyPerBatchRowsPerS: rowsPerS('copyPerBatch'),
      insertReadingsBatch5kRowsPerS: rowsPerS('insertReadingsBatch5k'),
      duplicateRows: DUPLICATE_ROWS,
      duplicateRowsPerS: rate(DUPLICATE_ROWS, duplicate.seconds),
    };
  } finally {
    await client.end();
    await test.drop();
    await stopGateway?.();
  }
}

async function benchEmbedded() {
  const test = await createTestDatabase('embedded');
  try {
    const { db } = test;
    const ids = await seedBenchChannels(db, CHANNELS);
    const ranges = new TimeRanges(Date.now() - 2 * 3_600_000);
    log('embedded: warming up');
    await viaInsertReadings(db, ranges.readings(ids, WARM_UP_ROWS));
    log(`embedded insertReadings: ${EMBEDDED_ROWS} rows in batches of ${BATCH}`);
    const readings = ranges.readings(ids, EMBEDDED_ROWS);
    const embedded = await timed(() => viaInsertReadings(db, readings));
    if (embedded.result.inserted !== EMBEDDED_ROWS)
      throw new Error(`embedded insertReadings stored ${embedded.result.inserted} of ${EMBEDDED_ROWS}`);
    log(`embedded insertReadings: ${rate(EMBEDDED_ROWS, embedded.seconds)} rows/s`);
    return { embeddedRows: EMBEDDED_ROWS, embeddedRowsPerS: rate(EMBEDDED_ROWS, embedded.seconds) };
  } finally {
    await test.drop();
  }
}

export async function run() {
  const server = await benchServer();
  const embedded = await benchEmbedded();
  const overPerRow = server.insertReadingsRowsPerS / server.perRowRowsPerS;
  const overCopy = server.insertReadingsRowsPerS / server.copyRowsPerS;
  // The same rows through COPY cut into the same 1,000-row transactions: what the ingest path would
  // cost if storing were all it did.
  const overCopyPerBatch = server.insertReadingsRowsPerS / server.copyPerBatchRowsPerS;
  return {
    channels: CHANNELS,
    batchSize: BATCH,
    ...server,
    ...embedded,
    insertReadingsOverPerRow: round(overPerRow, 1),
    targetInsertReadingsOverPerRow: TARGET_OVER_PER_ROW,
    meetsInsertReadingsOverPerRow: overPerRow >= TARGET_OVER_PER_ROW,
    insertReadingsOverCopy: round(overCopy, 2),
    targetInsertReadingsOverCopy: TARGET_OVER_COPY,
    meetsInsertReadingsOverCopy: overCopy >= TARGET_OVER_COPY,
    insertReadingsOverCopyPerBatch: round(overCopyPerBatch, 2),
    meetsInsertReadingsOverCopyPerBatch: overCopyPerBatch >= TARGET_OVER_COPY,
    targetInsertReadingsRowsPerS: TARGET_ROWS_PER_S,
    meetsInsertReadingsRowsPerS: server.insertReadingsRowsPerS >= TARGET_ROWS_PER_S,
    embeddedOverServer: round(embedded.embeddedRowsPerS / server.insertReadingsRowsPerS, 2),
    // A deployed gateway signs in as its own role (issue 13): this is the path its readings take.
    asGatewayOverOwner: round(server.insertReadingsAsGatewayRowsPerS / server.insertReadingsRowsPerS, 2),
    meetsAsGatewayRowsPerS: server.insertReadingsAsGatewayRowsPerS >= TARGET_ROWS_PER_S,
  };
}
