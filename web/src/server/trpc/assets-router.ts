import {
  alarmJournal,
  latestValues,
  listAlarms,
  listAssets,
  listChannels,
  readHistory,
  readSetpoint,
  recordAudit,
  requestSetpoint,
} from '@city/db';
import { ChannelIdSchema, IdSchema, LayerSchema } from '@city/db/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure, router } from './init';

const StateInput = z
  .strictObject({
    layers: z.array(LayerSchema).min(1).optional(),
    districts: z.array(z.string().min(1)).min(1).optional(),
  })
  .optional();

const HistoryInput = z
  .strictObject({
    channelId: ChannelIdSchema,
    from: z.coerce.date(),
    to: z.coerce.date(),
    /** The most points wanted; the data layer picks raw, 1-minute or 1-hour data to fit. */
    maxPoints: z.int().min(10).max(10_000).default(1_000),
  })
  .refine((input) => input.from < input.to, { error: '"from" must be before "to"', path: ['from'] });

const SetpointInput = z.strictObject({
  channelId: ChannelIdSchema,
  value: z.number().refine(Number.isFinite, 'expected a finite number'),
  actor: z.string().trim().min(1, 'say who asks, e.g. "anna.devries"').max(100),
  note: z.string().max(2_000).optional(),
  /** How long the command may wait for its gateway; never carried out after. Default 60 s. */
  validForMs: z.int().min(1_000).max(3_600_000).default(60_000),
});

/** What maintenance crews and screens ask about assets: state, detail with history, and commands. */
export const assetsRouter = router({
  /** The newest value of every channel of the assets in these layers and districts. */
  state: publicProcedure.input(StateInput).query(async ({ ctx, input }) => {
    const [assets, channels, values] = await Promise.all([
      listAssets(ctx.db),
      listChannels(ctx.db),
      latestValues(ctx.db),
    ]);
    const shown = assets.filter(
      (asset) =>
        (!input?.layers || input.layers.includes(asset.layer)) &&
        (!input?.districts || (asset.district !== null && input.districts.includes(asset.district))),
    );
    const shownIds = new Set(shown.map((asset) => asset.id));
    const shownChannels = new Set(channels.filter((c) => shownIds.has(c.assetId)).map((c) => c.id));
    return { assets: shown, values: values.filter((value) => shownChannels.has(value.channelId)) };
  }),

  /** One asset: its channels with their newest values, its alarms, and its alarm history. */
  detail: publicProcedure.input(z.strictObject({ assetId: IdSchema })).query(async ({ ctx, input }) => {
    const [assets, channels, values, alarms] = await Promise.all([
      listAssets(ctx.db),
      listChannels(ctx.db),
      latestValues(ctx.db),
      listAlarms(ctx.db),
    ]);
    const asset = assets.find((candidate) => candidate.id === input.assetId);
    if (!asset) throw new TRPCError({ code: 'NOT_FOUND', message: `no asset "${input.assetId}"` });
    const own = channels.filter((channel) => channel.assetId === asset.id);
    const ownIds = new Set(own.map((channel) => channel.id));
    const ownAlarms = alarms.filter((alarm) => ownIds.has(alarm.channelId));
    const journal = (
      await Promise.all(ownAlarms.map((alarm) => alarmJournal(ctx.db, { alarmId: alarm.id, limit: 50 })))
    )
      .flat()
      .sort((a, b) => b.seq - a.seq)
      .slice(0, 100);
    return {
      asset,
      channels: own,
      values: values.filter((value) => ownIds.has(value.channelId)),
      alarms: ownAlarms,
      journal,
    };
  }),

  history: publicProcedure.input(HistoryInput).query(({ ctx, input }) => readHistory(ctx.db, input)),

  /** Asks the channel's gateway to write a value (a setpoint); the gateway checks, writes and reads back. */
  setpoint: publicProcedure.input(SetpointInput).mutation(async ({ ctx, input }) => {
    const channel = (await listChannels(ctx.db)).find((candidate) => candidate.id === input.channelId);
    if (!channel) throw new TRPCError({ code: 'NOT_FOUND', message: `no channel "${input.channelId}"` });
    if (!channel.writable) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `${input.channelId} cannot be written; writable channels are marked writable in assets.detail`,
      });
    }
    const command = await requestSetpoint(ctx.db, {
      channelId: input.channelId,
      value: input.value,
      requestedBy: input.actor,
      note: input.note,
      validForMs: input.validForMs,
    });
    await recordAudit(ctx.db, {
      actor: input.actor,
      action: 'setpoint.request',
      target: input.channelId,
      details: { id: command.id, value: input.value, validForMs: input.validForMs },
    });
    return command;
  }),

  setpointStatus: publicProcedure
    .input(z.strictObject({ id: z.int().positive() }))
    .query(async ({ ctx, input }) => {
      const command = await readSetpoint(ctx.db, input.id);
      if (!command) throw new TRPCError({ code: 'NOT_FOUND', message: `no setpoint command ${input.id}` });
      return command;
    }),
});
