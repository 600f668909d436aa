import { type LatestValue, ReadingsNoticeSchema } from '@city/db/domain';
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
  const parsed = ReadingsNoticeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: `payload does not match ReadingsNoticeSchema v1: ${z.prettifyError(parsed.error)} in ${preview(payload)}`,
    };
  }
  return {
    ok: true,
    batch: parsed.data.batch,
    values: parsed.data.latest.map(([channelId, value, statusCode, sourceTime, serverTime]) => ({
      channelId,
      value,
      statusCode,
      sourceTime,
      serverTime,
    })),
  };
}

function preview(payload: string): string {
  return payload.length > 200 ? `${payload.slice(0, 200)}… (${payload.length} chars)` : payload;
}
