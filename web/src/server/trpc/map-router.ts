import { latestValues, listAssets, listChannels } from '@city/db';
import { ChannelIdSchema, LayerSchema } from '@city/domain';
import { z } from 'zod';
import { CAPS, cappedList } from './caps';
import { router, viewProcedure } from './init';

const AssetsInput = z
  .object({
    /** Only assets of these map layers; all layers when absent. */
    layers: cappedList(LayerSchema, CAPS.layers, 'layers').min(1).optional(),
  })
  .strict()
  .optional();

const LatestInput = z
  .object({
    /** Only these channels; every channel when absent. */
    channelIds: cappedList(ChannelIdSchema, CAPS.channelIds, 'channels').min(1).optional(),
  })
  .strict()
  .optional();

/** What the map draws: the assets with their channels, and the newest value of each channel. */
export const mapRouter = router({
  assets: viewProcedure.input(AssetsInput).query(async ({ ctx, input }) => {
    const [assets, channels] = await Promise.all([listAssets(ctx.db), listChannels(ctx.db)]);
    const layers = input?.layers;
    if (!layers) return { assets, channels };
    const shown = assets.filter((asset) => layers.includes(asset.layer));
    const shownIds = new Set(shown.map((asset) => asset.id));
    return { assets: shown, channels: channels.filter((channel) => shownIds.has(channel.assetId)) };
  }),

  /** The base map to draw under the layers: a MapLibre style URL, or null for the shipped one. */
  basemap: viewProcedure.query(({ ctx }) => ({ styleUrl: ctx.basemapStyleUrl ?? null })),

  latest: viewProcedure.input(LatestInput).query(async ({ ctx, input }) => {
    const values = await latestValues(ctx.db);
    const wanted = input?.channelIds;
    if (!wanted) return values;
    const wantedIds = new Set(wanted);
    return values.filter((value) => wantedIds.has(value.channelId));
  }),
});
