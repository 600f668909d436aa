import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/trpc/router';

type Outputs = inferRouterOutputs<AppRouter>;

/** assets.detail as the page gets it: the asset, its channels, newest values, alarms and journal. */
export type AssetDetailData = Outputs['assets']['detail'];
export type JournalEntry = AssetDetailData['journal'][number];
export type AlarmRuleList = Outputs['alarms']['rules']['list'];
