import { randomBytes } from 'node:crypto';
import { NOTIFY_PAYLOAD_LIMIT_BYTES, READINGS_NOTIFY_CHANNEL } from '@city/domain';
import type { Queryable } from '../../database';
import { fromStoredStatus } from '../status';

/** The newest stored value of one channel, as the notice carries it. */
export interface NoticeRow {
  channel_id: string | null;
  time: Date | null;
  value: number | null;
  /** As stored: the StatusCode's 32 bits in a signed int4. */
  status_code: number | null;
  server_time: Date | null;
}

/** Channel ids as JSON strings, with their size in bytes: each batch names the same channels again. */
const quotedIds = new Map<string, { json: string; bytes: number }>();
const QUOTED_IDS_KEPT = 100_000;

function quoted(id: string): { json: string; bytes: number } {
  let entry = quotedIds.get(id);
  if (!entry) {
    if (quotedIds.size >= QUOTED_IDS_KEPT) quotedIds.clear();
    const json = JSON.stringify(id);
    entry = { json, bytes: Buffer.byteLength(json) };
    quotedIds.set(id, entry);
  }
  return entry;
}

/** Room for the head a notice of a several-part batch has: `{"v":1,"batch":{…},"latest":[`. */
const HEAD_BYTES_MAX = 80;
let batchesAnnounced = 0;
const announcer = randomBytes(4).toString('hex');

/**
 * Splits the newest values into NOTIFY payloads under PostgreSQL's 8,000-byte limit. When one is
 * not enough, each names the batch and its part, so a listener knows when the whole batch is in.
 */
export function noticePayloads(rows: readonly NoticeRow[]): string[] {
  const budget = NOTIFY_PAYLOAD_LIMIT_BYTES - HEAD_BYTES_MAX;
  const parts: string[][] = [];
  let tuples: string[] = [];
  let size = 0;
  for (const row of rows) {
    if (row.channel_id === null || row.time === null || row.server_time === null) continue;
    const id = quoted(row.channel_id);
    // Everything after the id is numbers (or null), so ASCII: one byte per character.
    const rest = `,${row.value ?? 'null'},${fromStoredStatus(row.status_code ?? 0)},${row.time.getTime()},${row.server_time.getTime()}]`;
    const tupleSize = 1 + id.bytes + rest.length + 1;
    if (size + tupleSize > budget && tuples.length > 0) {
      parts.push(tuples);
      tuples = [];
      size = 0;
    }
    tuples.push(`[${id.json}${rest}`);
    size += tupleSize;
  }
  if (tuples.length > 0) parts.push(tuples);
  if (parts.length === 1) return [`{"v":1,"latest":[${parts[0]?.join(',')}]}`];
  batchesAnnounced += 1;
  const batchId = `${announcer}-${batchesAnnounced}`;
  return parts.map(
    (part, i) =>
      `{"v":1,"batch":{"id":"${batchId}","part":${i + 1},"parts":${parts.length}},"latest":[${part.join(',')}]}`,
  );
}

/** Queues the notices in one round trip; they are delivered in order when the transaction commits. */
export async function announce(tx: Queryable, payloads: readonly string[]): Promise<void> {
  if (payloads.length === 0) return;
  // JSON never holds a raw newline, so one newline-joined text carries them all without escaping.
  await tx.query(
    `SELECT pg_notify($1, payload) FROM unnest(string_to_array($2, E'\\n')) WITH ORDINALITY AS p(payload, n) ORDER BY n`,
    [READINGS_NOTIFY_CHANNEL, payloads.join('\n')],
  );
}
