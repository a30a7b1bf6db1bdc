import type { Health } from '@onemap/domain';
import { publicProcedure, router } from '../trpc.js';

export const systemRouter = router({
  health: publicProcedure.query(
    ({ ctx }): Health => ({ status: 'ok', db: ctx.db.kind, version: ctx.version }),
  ),
});
