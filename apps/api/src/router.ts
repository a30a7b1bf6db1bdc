import { featuresRouter } from './routers/features.js';
import { layersRouter } from './routers/layers.js';
import { searchRouter } from './routers/search.js';
import { systemRouter } from './routers/system.js';
import { router } from './trpc.js';

/** One router per domain; later issues add monitoring, dispatch, supervision, decision, comms, admin. */
export const appRouter = router({
  system: systemRouter,
  layers: layersRouter,
  features: featuresRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
