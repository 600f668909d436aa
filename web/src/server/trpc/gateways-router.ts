import { listGateways } from '@city/db';
import { router, viewProcedure } from './init';

/** The gateways' heartbeats, for the map's cabinets layer: when each last reported and what it still holds. */
export const gatewaysRouter = router({
  status: viewProcedure.query(({ ctx }) => listGateways(ctx.db)),
});
