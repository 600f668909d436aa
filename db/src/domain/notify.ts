import { z } from 'zod';

/**
 * Postgres NOTIFY channel on which every committed ingest batch is announced.
 * PostgreSQL caps a payload at 8,000 bytes, so a batch is announced in as many notices as needed.
 */
export const READINGS_NOTIFY_CHANNEL = 'city_readings';
export const NOTIFY_PAYLOAD_LIMIT_BYTES = 7_500;

/**
 * A notice carries the newest value per channel in the batch as compact tuples:
 * [channelId, value, statusCode, sourceTimeMs, serverTimeMs].
 */
export const ReadingsNoticeSchema = z.object({
  v: z.literal(1),
  latest: z.array(z.tuple([z.string(), z.number().nullable(), z.number(), z.number(), z.number()])),
});
export type ReadingsNotice = z.infer<typeof ReadingsNoticeSchema>;
