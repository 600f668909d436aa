import { insertReadings } from '@city/db';
import { noticePayloads } from '../../../db/src/queries/readings';
import { createTestDatabase } from '@city/db/testing';
import pg from 'pg';
import { seedBenchChannels, syntheticReadings } from '../synthetic';

const test = await createTestDatabase('postgres');
const client = new pg.Client({ connectionString: test.url });
await client.connect();
const ids = await seedBenchChannels(test.db, 1000);
const nums = new Map((await client.query('SELECT id, num FROM channels')).rows.map((r) => [r.id as string, r.num as number]));
const src = (await import('node:fs')).readFileSync('../db/src/queries/readings.ts', 'utf8');
const FULL_SQL = src.split('const INSERT_SQL = `')[1]!.split('`;')[0]!;
let next = Date.now() - 3 * 86_400_000;
const batches = (n: number) => {
  const out = [];
  for (let i = 0; i < n; i++) { out.push(syntheticReadings(ids, next, 1, 1000)); next += 2000; }
  return out;
};
const params = (b: ReturnType<typeof syntheticReadings>) => [
  b.map((r) => r.channelId), b.map((r) => r.sourceTime.getTime()), b.map((r) => r.value), b.map((r) => r.statusCode | 0),
];
const INPUT = `WITH input AS (SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int4[]) AS t(channel_id, time_ms, value, status_code)),
 resolved AS (SELECT c.num, i.channel_id, to_timestamp(i.time_ms / 1000.0) AS time, i.value, i.status_code FROM input i LEFT JOIN channels c ON c.id = i.channel_id)`;
const variants: Record<string, (b: ReturnType<typeof syntheticReadings>) => Promise<unknown>> = {
  full: (b) => insertReadings(test.db, b),
  selectOnly: (b) => client.query(`${INPUT} SELECT count(*) FROM resolved`, params(b)),
  insertOnly: (b) => client.query(`${INPUT} INSERT INTO readings (channel, time, value, status_code) SELECT num, time, value, status_code FROM resolved WHERE num IS NOT NULL ON CONFLICT (channel, time) DO NOTHING`, params(b)),
  insertReturning: (b) => client.query(`${INPUT}, stored AS (INSERT INTO readings (channel, time, value, status_code) SELECT num, time, value, status_code FROM resolved WHERE num IS NOT NULL ON CONFLICT (channel, time) DO NOTHING RETURNING channel, time, value, status_code, server_time) SELECT count(*) FROM stored`, params(b)),
  insertPlusLatest: (b) => client.query(`${INPUT}, stored AS (INSERT INTO readings (channel, time, value, status_code) SELECT num, time, value, status_code FROM resolved WHERE num IS NOT NULL ON CONFLICT (channel, time) DO NOTHING RETURNING channel, time, value, status_code, server_time),
    newest AS (SELECT DISTINCT ON (channel) * FROM stored ORDER BY channel, time DESC),
    kept AS (INSERT INTO latest_readings AS l (channel, time, value, status_code, server_time) SELECT channel, time, value, status_code, server_time FROM newest ON CONFLICT (channel) DO UPDATE SET time = excluded.time, value = excluded.value, status_code = excluded.status_code, server_time = excluded.server_time WHERE l.time <= excluded.time)
    SELECT count(*) FROM stored`, params(b)),
  notifyOnly: async (b) => {
    const rows = b.map((r) => ({ channel_id: r.channelId, time: r.sourceTime, value: r.value, status_code: 0, server_time: new Date() }));
    await client.query('BEGIN');
    for (const p of noticePayloads(rows)) await client.query('SELECT pg_notify($1, $2)', ['readings', p]);
    await client.query('COMMIT');
  },
  notifyOneQuery: async (b) => {
    const rows = b.map((r) => ({ channel_id: r.channelId, time: r.sourceTime, value: r.value, status_code: 0, server_time: new Date() }));
    await client.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) p', ['readings', noticePayloads(rows)]);
  },
  insertOnlyNoTrigger: async (b) => {
    await client.query('ALTER TABLE readings DISABLE TRIGGER readings_invalidate_rollups');
    try { await variants.insertOnly!(b); } finally { await client.query('ALTER TABLE readings ENABLE TRIGGER readings_invalidate_rollups'); }
  },
  fullNoNotify: async (b) => {
    await client.query('BEGIN');
    const r = await client.query(FULL_SQL, params(b));
    await client.query('COMMIT');
    return r.rows.length;
  },
  fullNoNotifyNoResultRows: async (b) => {
    const r = await client.query(FULL_SQL.replace(/SELECT c.id AS channel_id[\s\S]*$/, 'SELECT (SELECT count(*) FROM stored)::int AS inserted_count'), params(b));
    return r.rows.length;
  },
  copyPerBatch: async (b) => {
    const { from } = await import('pg-copy-streams');
    const { pipeline } = await import('node:stream/promises');
    const { Readable } = await import('node:stream');
    const text = b.map((r) => `${nums.get(r.channelId)}\t${r.sourceTime.toISOString()}\t${r.value}\t0\n`).join('');
    await pipeline(Readable.from([text]), client.query(from('COPY readings (channel, time, value, status_code) FROM STDIN')));
  },
  notifyPayloadCount: async (b) => {
    const rows = b.map((r) => ({ channel_id: r.channelId, time: r.sourceTime, value: r.value, status_code: 0, server_time: new Date() }));
    return noticePayloads(rows).length;
  },
};
const order = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(variants);
const results: Record<string, number[]> = {};
for (const round of [1, 2, 3]) for (const name of order) {
  const fn = variants[name]!;
  await fn(batches(1)[0]!);
  const bs = batches(40);
  const t = performance.now();
  let last: unknown;
  for (const b of bs) last = await fn(b);
  const ms = (performance.now() - t) / bs.length;
  (results[name] ??= []).push(ms);
  console.error(round, name.padEnd(18), ms.toFixed(2), 'ms/batch', Math.round(1000 / ms * 1000), 'rows/s', typeof last === 'number' ? last : '');
}
for (const [name, v] of Object.entries(results)) { const m = [...v].sort((a, b) => a - b)[1]!; console.log(name.padEnd(26), m.toFixed(2), 'ms/batch (median of 3)', Math.round(1e6 / m), 'rows/s'); }
await client.end();
await test.drop();
