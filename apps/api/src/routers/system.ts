import type { Health } from '@onemap/domain';
import { procedure, router } from '../trpc.js';

export const systemRouter = router({
  health: procedure('public').query(
    ({ ctx }): Health => ({ status: 'ok', db: ctx.db.kind, version: ctx.version }),
  ),
});
