import {
  populationEstimateInputSchema,
  warningCancelSchema,
  warningDraftSchema,
  warningIdSchema,
  warningQuerySchema,
  warningUpdateSchema,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { AppContext } from '../context.js';
import { estimatePopulation, unknownRegion } from '../services/warning-areas.js';
import {
  cancelWarning,
  createWarning,
  getWarning,
  listWarnings,
  publishWarning,
  updateWarning,
  type WarningCaller,
  warningCaller,
} from '../services/warnings.js';
import { asTrpcError, badField, procedure, router } from '../trpc.js';

/** Calls a warning service as the procedure's caller, a refusal answered as a tRPC error. */
const call = <A extends unknown[], T>(
  ctx: AppContext,
  service: (sql: SqlClient, caller: WarningCaller, ...args: A) => Promise<T>,
  ...args: A
): Promise<T> => service(ctx.db.sql, warningCaller(ctx.principal), ...args).catch(asTrpcError());

/** Early warnings (预警发布): ours drafted, published, updated and cancelled as CAP messages; imported ones read. */
export const warningsRouter = router({
  list: procedure('map.read')
    .input(warningQuerySchema)
    .query(({ ctx, input }) => call(ctx, listWarnings, input)),
  get: procedure('map.read')
    .input(warningIdSchema)
    .query(({ ctx, input }) => call(ctx, getWarning, input.id)),
  /** The people inside an area, before it is published. */
  estimatePopulation: procedure('map.read')
    .input(populationEstimateInputSchema)
    .query(async ({ ctx, input }) => {
      const unknown = await unknownRegion(ctx.db.sql, input.areas);
      if (unknown) throw badField(unknown.field, `no region ${unknown.code}`);
      return estimatePopulation(ctx.db.sql, input.areas);
    }),
  create: procedure('warnings.publish')
    .input(warningDraftSchema)
    .mutation(({ ctx, input }) => call(ctx, createWarning, input)),
  update: procedure('warnings.publish')
    .input(warningUpdateSchema)
    // Its draft is nested under `draft`, so a bad field is named from there.
    .mutation(({ ctx, input }) =>
      updateWarning(ctx.db.sql, warningCaller(ctx.principal), input.id, input.draft).catch(
        asTrpcError('draft.'),
      ),
    ),
  publish: procedure('warnings.publish')
    .input(warningIdSchema)
    .mutation(({ ctx, input }) => call(ctx, publishWarning, input.id)),
  cancel: procedure('warnings.publish')
    .input(warningCancelSchema)
    .mutation(({ ctx, input }) => call(ctx, cancelWarning, input.id, input.reason)),
});
