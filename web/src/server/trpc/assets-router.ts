import {
  findUserById,
  latestValues,
  listAlarms,
  listAssets,
  listChannels,
  type Queryable,
  readHistory,
  readSetpoint,
  recordAudit,
  requestSetpoint,
} from '@city/db';
import { type Channel, ChannelIdSchema, IdSchema, LayerSchema } from '@city/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { FRESH_AUTH_MS } from '../../shared/auth-contract';
import { FreshAuthRequired, reauthPath } from '../auth/fresh-auth';
import type { Principal } from '../auth/principal';
import { CAPS, cappedList, DistrictSchema, historyPoints } from './caps';
import { guarded, router, viewProcedure } from './init';

const StateInput = z
  .strictObject({
    layers: cappedList(LayerSchema, CAPS.layers, 'layers').min(1).optional(),
    districts: cappedList(DistrictSchema, CAPS.districts, 'districts').min(1).optional(),
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
  .refine((input) => input.from < input.to, { error: '"from" must be before "to"', path: ['from'] })
  .refine((input) => input.to.getTime() - input.from.getTime() <= CAPS.historyDays * 86_400_000, {
    error: `history covers at most ${CAPS.historyDays} days per call; ask for a shorter range`,
    path: ['from'],
  });

const SetpointInput = z.strictObject({
  channelId: ChannelIdSchema,
  value: z.number().refine(Number.isFinite, 'expected a finite number'),
  note: z.string().max(2_000).optional(),
  /** How long the command may wait for its gateway; never carried out after. Default 60 s. */
  validForMs: z.int().min(1_000).max(3_600_000).default(60_000),
});

/**
 * The channel's write range, from its device profile or gateway config, decides; never the screen's
 * claim or the display range. A writable channel provisioned without one takes no setpoints.
 */
function checkWriteRange(channel: Channel, value: number): void {
  if (!channel.writeRange)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${channel.id} has no write range, so it takes no setpoints: its device profile or gateway config must give writeRange [min, max]`,
    });
  const [low, high] = channel.writeRange;
  if (value < low || value > high)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${channel.id} takes setpoints from ${low} to ${high} ${channel.unit}; ${value} is outside`,
    });
}

/**
 * A setpoint needs the user to have proved who they are within FRESH_AUTH_MS (ASVS level 3 for
 * commands). The refusal names the way to prove it again (`data.reauth`), looked up only when refusing.
 */
async function requireFreshAuth(db: Queryable, principal: Principal): Promise<void> {
  if (Date.now() - principal.authenticatedAt <= FRESH_AUTH_MS) return;
  const user = await findUserById(db, principal.userId);
  throw new TRPCError({
    code: 'UNAUTHORIZED',
    message:
      'a setpoint needs a sign-in within the last 5 minutes: confirm your password or sign in again (fresh-auth)',
    cause: new FreshAuthRequired(user ? reauthPath(user) : null),
  });
}

/** What maintenance crews and screens ask about assets: state, detail with history, and commands. */
export const assetsRouter = router({
  /** The newest value of every channel of the assets in these layers and districts. */
  state: viewProcedure.input(StateInput).query(async ({ ctx, input }) => {
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

  /** One asset: its channels with their newest values and its alarms (its journal: alarms.newestJournal). */
  detail: viewProcedure.input(z.strictObject({ assetId: IdSchema })).query(async ({ ctx, input }) => {
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
    return {
      asset,
      channels: own,
      values: values.filter((value) => ownIds.has(value.channelId)),
      alarms: ownAlarms,
    };
  }),

  /** Over more than CAPS.rawHistoryDays, hourly buckets at the finest: raw readings are not read that far. */
  history: viewProcedure
    .input(HistoryInput)
    .query(({ ctx, input }) =>
      readHistory(ctx.db, { ...input, maxPoints: historyPoints(input.from, input.to, input.maxPoints) }),
    ),

  /** Asks the channel's gateway to write a value (a setpoint); the gateway checks, writes and reads back. */
  setpoint: guarded('setpoint.write')
    .input(SetpointInput)
    .mutation(async ({ ctx, input }) => {
      await requireFreshAuth(ctx.db, ctx.principal);
      const channel = (await listChannels(ctx.db)).find((candidate) => candidate.id === input.channelId);
      if (!channel) throw new TRPCError({ code: 'NOT_FOUND', message: `no channel "${input.channelId}"` });
      if (!channel.writable) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `${input.channelId} cannot be written; writable channels are marked writable in assets.detail`,
        });
      }
      checkWriteRange(channel, input.value);
      const slot = ctx.commandLimits.take(ctx.principal.user.name, input.channelId);
      if (!slot.ok) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: slot.message });
      return ctx.db.transaction(async (tx) => {
        const command = await requestSetpoint(tx, {
          channelId: input.channelId,
          value: input.value,
          requestedBy: ctx.actor.name,
          note: input.note,
          validForMs: input.validForMs,
        });
        await recordAudit(tx, {
          by: ctx.actor,
          action: 'setpoint.request',
          target: input.channelId,
          details: { id: command.id, validForMs: input.validForMs, note: input.note ?? null },
          after: { value: input.value },
        });
        return command;
      });
    }),

  setpointStatus: viewProcedure
    .input(z.strictObject({ id: z.int().positive() }))
    .query(async ({ ctx, input }) => {
      const command = await readSetpoint(ctx.db, input.id);
      if (!command) throw new TRPCError({ code: 'NOT_FOUND', message: `no setpoint command ${input.id}` });
      return command;
    }),
});
