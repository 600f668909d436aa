import { adminRouter } from './admin';
import { alarmsRouter } from './alarms-router';
import { assetsRouter } from './assets-router';
import { gatewaysRouter } from './gateways-router';
import { router } from './init';
import { mapRouter } from './map-router';
import { searchRouter } from './search-router';

export const appRouter = router({
  map: mapRouter,
  alarms: alarmsRouter,
  assets: assetsRouter,
  admin: adminRouter,
  search: searchRouter,
  gateways: gatewaysRouter,
});

/** The browser imports this type only; no server code crosses into the bundle. */
export type AppRouter = typeof appRouter;
