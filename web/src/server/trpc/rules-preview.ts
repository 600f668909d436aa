import { listAssets, listChannels, type Queryable, readPreviewReadings } from '@city/db';
import { AlarmRuleSchema } from '@city/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { type ChannelReplay, replayRule, targetedChannels } from '../alarms/replay';
import { guarded } from './init';

const DAY_MS = 86_400_000;

/**
 * What one preview may cost. Reading is the work: replaying 200,000 readings takes milliseconds,
 * reading them from the embedded database about 5 seconds (a fraction of that from a server), in
 * pages of 10,000 with the event loop and other queries served between pages. One preview runs at
 * a time per server, so two engineers' previews never hold the database twice over.
 */
export const PREVIEW_LIMITS = {
  maxReadings: 200_000,
  maxChannels: 100,
  pageSize: 10_000,
};
export type PreviewLimits = typeof PREVIEW_LIMITS;

export const PreviewInput = z.strictObject({
  /** The rule as drafted in the editor, not yet saved (a disabled draft is previewed all the same). */
  rule: AlarmRuleSchema,
  /** How many days back from now, at most 7. */
  days: z.int().min(1).max(7, 'a preview covers at most 7 days').default(7),
});
export type PreviewInput = z.input<typeof PreviewInput>;

export interface RulePreview {
  /** Times the rule would have activated, over all its channels. */
  activations: number;
  /** How long its alarms would have been active, added up over its channels. */
  timeInAlarmMs: number;
  channels: ChannelReplay[];
  /** The period replayed, epoch ms: later than asked when `truncated`. */
  from: number;
  to: number;
  readingsUsed: number;
  /** True when the channels had more readings than one preview reads: only the newest period is replayed. */
  truncated: boolean;
}

let running = false;

/**
 * "Would have fired": replays a drafted rule over its channels' stored readings with the engine's
 * own alarm logic, so an engineer sees how often it would have fired before saving it.
 */
export async function previewRule(
  db: Queryable,
  input: z.output<typeof PreviewInput>,
  limits: PreviewLimits = PREVIEW_LIMITS,
  now = Date.now(),
): Promise<RulePreview> {
  const { rule } = input;
  if ('scope' in rule.target)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `a preview replays channel readings; a ${rule.target.scope} communications rule has none stored to replay`,
    });
  if (running)
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `one rule preview runs at a time on this server (each reads up to ${limits.maxReadings.toLocaleString('en')} readings); try again when the other has answered`,
    });
  running = true;
  try {
    const [channels, assets] = await Promise.all([listChannels(db), listAssets(db)]);
    const channelIds = targetedChannels(rule, channels, assets);
    if (channelIds.length === 0)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `the rule's target ${JSON.stringify(rule.target)} matches no channel`,
      });
    if (channelIds.length > limits.maxChannels)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `a preview replays at most ${limits.maxChannels} channels; this target has ${channelIds.length}: preview it on one channel (target: {channelId})`,
      });
    const to = now;
    const read = await readPreviewReadings(db, {
      channelIds,
      from: new Date(to - input.days * DAY_MS),
      to: new Date(to),
      maxReadings: limits.maxReadings,
      pageSize: limits.pageSize,
    });
    const from = read.from.getTime();
    const replay = replayRule(rule, { channels, assets }, read.readings, { from, to });
    return { ...replay, from, to, readingsUsed: read.count, truncated: read.truncated };
  } finally {
    running = false;
  }
}

/** `alarms.rules.preview`: for engineers, who edit rules. */
export const previewProcedure = guarded('rules.edit')
  .input(PreviewInput)
  .query(({ ctx, input }) => previewRule(ctx.db, input));
