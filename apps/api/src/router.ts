import { adminRouter } from './routers/admin.js';
import { authRouter } from './routers/auth.js';
import { dispatchRouter } from './routers/dispatch.js';
import { featuresRouter } from './routers/features.js';
import { incidentsRouter } from './routers/incidents.js';
import { layersRouter } from './routers/layers.js';
import { monitoringRouter } from './routers/monitoring.js';
import { publicInfoRouter } from './routers/public-info.js';
import { reportsRouter } from './routers/reports.js';
import { searchRouter } from './routers/search.js';
import { systemRouter } from './routers/system.js';
import { warningsRouter } from './routers/warnings.js';
import { router } from './trpc.js';

/** One router per domain; later issues add supervision, decision, comms. */
export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  publicInfo: publicInfoRouter,
  layers: layersRouter,
  features: featuresRouter,
  search: searchRouter,
  monitoring: monitoringRouter,
  warnings: warningsRouter,
  reports: reportsRouter,
  incidents: incidentsRouter,
  dispatch: dispatchRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
