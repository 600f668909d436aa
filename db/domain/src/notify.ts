import { z } from 'zod';

/**
 * Postgres NOTIFY channel on which every committed ingest batch is announced.
 * PostgreSQL caps a payload at 8,000 bytes, so a batch is announced in as many notices as needed.
 */
export const READINGS_NOTIFY_CHANNEL = 'city_readings';
export const NOTIFY_PAYLOAD_LIMIT_BYTES = 7_500;

/**
 * A notice carries the newest value per channel in the batch as compact tuples:
 * [channelId, value, statusCode, sourceTimeMs, serverTimeMs]. A batch announced in several notices
 * numbers them (`batch`), so a listener can pass the committed batch on once, when its last part is in.
 */
export const ReadingsNoticeSchema = z.object({
  v: z.literal(1),
  batch: z
    .object({ id: z.string(), part: z.number().int().min(1), parts: z.number().int().min(1) })
    .optional(),
  latest: z.array(z.tuple([z.string(), z.number().nullable(), z.number(), z.number(), z.number()])),
});
export type ReadingsNotice = z.infer<typeof ReadingsNoticeSchema>;
