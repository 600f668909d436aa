import { type LatestValue, type ReadingsNotice, ReadingsNoticeSchema } from '@city/domain';
import { z } from 'zod';

/** Which part of a committed batch a notice is, when the batch needed several. */
export interface NoticePart {
  id: string;
  part: number;
  parts: number;
}

export type NoticeParseResult =
  | { ok: true; values: LatestValue[]; batch: NoticePart | undefined }
  | { ok: false; error: string };

/**
 * Turns one NOTIFY payload on READINGS_NOTIFY_CHANNEL into latest values. Never throws: a payload
 * from another writer or another protocol version is reported, so the hub can log and skip it.
 */
export function parseReadingsNotice(payload: string): NoticeParseResult {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, error: `payload is not JSON (${reason}): ${preview(payload)}` };
  }
  if (isReadingsNotice(json))
    return { ok: true, batch: json.batch && partOf(json.batch), values: valuesOf(json) };
  const parsed = ReadingsNoticeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: `payload does not match ReadingsNoticeSchema v1: ${z.prettifyError(parsed.error)} in ${preview(payload)}`,
    };
  }
  return { ok: true, batch: parsed.data.batch, values: valuesOf(parsed.data) };
}

function valuesOf(notice: ReadingsNotice): LatestValue[] {
  return notice.latest.map(([channelId, value, statusCode, sourceTime, serverTime]) => ({
    channelId,
    value,
    statusCode,
    sourceTime,
    serverTime,
  }));
}

function partOf({ id, part, parts }: NoticePart): NoticePart {
  return { id, part, parts };
}

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;

function isNoticeValue(tuple: unknown): boolean {
  if (!Array.isArray(tuple) || tuple.length !== 5) return false;
  const [channelId, value, statusCode, sourceTime, serverTime] = tuple;
  return (
    typeof channelId === 'string' &&
    (value === null || typeof value === 'number') &&
    typeof statusCode === 'number' &&
    typeof sourceTime === 'number' &&
    typeof serverTime === 'number'
  );
}

/**
 * Whether JSON is a notice the schema accepts, checked in place: zod's parse copies every tuple,
 * which at 10,000 values a second was a tenth of the hub's time and much of its garbage. What this
 * does not accept goes to the schema, whose verdict and message count (a test keeps the two agreed).
 */
export function isReadingsNotice(json: unknown): json is ReadingsNotice {
  if (typeof json !== 'object' || json === null) return false;
  const { v, latest, batch } = json as Record<string, unknown>;
  if (v !== 1 || !Array.isArray(latest)) return false;
  if (batch !== undefined) {
    if (typeof batch !== 'object' || batch === null) return false;
    const { id, part, parts } = batch as Record<string, unknown>;
    if (typeof id !== 'string' || !isCount(part) || !isCount(parts)) return false;
  }
  return latest.every(isNoticeValue);
}

function preview(payload: string): string {
  return payload.length > 200 ? `${payload.slice(0, 200)}… (${payload.length} chars)` : payload;
}
