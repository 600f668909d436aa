import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/trpc/router';

type Outputs = inferRouterOutputs<AppRouter>;

/** assets.detail as the page gets it: the asset, its channels, newest values and alarms. */
export type AssetDetailData = Outputs['assets']['detail'];
export type AlarmRuleList = Outputs['alarms']['rules']['list'];
