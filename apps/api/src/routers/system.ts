import type { Health, IngestStats } from '@onemap/domain';
import { procedure, router } from '../trpc.js';

export const systemRouter = router({
  health: procedure('public').query(
    ({ ctx }): Health => ({ status: 'ok', db: ctx.db.kind, version: ctx.version }),
  ),
  /** What ingest has accepted and refused since this process started, for the system-status view. */
  ingestStats: procedure('map.read').query(({ ctx }): IngestStats => ctx.ingestStats.snapshot()),
});
