import { z } from 'zod';
import { ChannelIdSchema } from './channel';

/**
 * One sample of one channel. Like an OPC UA DataValue it carries its status and two clocks:
 * the source time (when the device measured it, the hypertable's time axis) and the server time
 * (when the database received it). A bad reading may have no value at all (null), as an OPC UA
 * DataValue with a Bad status may; it is still stored, so gaps stay visible.
 */
export const ReadingSchema = z.object({
  channelId: ChannelIdSchema,
  value: z.number().nullable(),
  statusCode: z.number().int().min(0).max(0xffff_ffff),
  sourceTime: z.date(),
});
export type Reading = z.infer<typeof ReadingSchema>;

export interface StoredReading extends Reading {
  serverTime: Date;
}

/** The latest value of a channel as screens show it; times are epoch milliseconds for cheap transport. */
export interface LatestValue {
  channelId: string;
  value: number | null;
  statusCode: number;
  sourceTime: number;
  serverTime: number;
}
