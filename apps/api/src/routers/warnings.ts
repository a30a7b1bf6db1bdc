import {
  populationEstimateInputSchema,
  warningCancelSchema,
  warningDraftSchema,
  warningIdSchema,
  warningQuerySchema,
  warningUpdateSchema,
} from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { estimatePopulation, unknownRegion } from '../services/warning-areas.js';
import {
  cancelWarning,
  createWarning,
  getWarning,
  listWarnings,
  publishWarning,
  updateWarning,
  WarningError,
  warningCaller,
} from '../services/warnings.js';
import { badField, procedure, router } from '../trpc.js';

const TRPC_CODES = { not_found: 'NOT_FOUND', forbidden: 'FORBIDDEN', conflict: 'CONFLICT' } as const;

/** A service refusal as a tRPC error; a bad field is named by its path in the procedure's input. */
const asTrpcError =
  (fieldPrefix = '') =>
  (error: unknown): never => {
    if (error instanceof WarningError) {
      if (error.kind === 'invalid')
        throw badField(`${fieldPrefix}${error.field ?? '(input)'}`, error.message);
      throw new TRPCError({ code: TRPC_CODES[error.kind], message: error.message });
    }
    throw error;
  };

/** Early warnings (预警发布): ours drafted, published, updated and cancelled as CAP messages; imported ones read. */
export const warningsRouter = router({
  list: procedure('map.read')
    .input(warningQuerySchema)
    .query(({ ctx, input }) => listWarnings(ctx.db.sql, warningCaller(ctx.principal), input)),
  get: procedure('map.read')
    .input(warningIdSchema)
    .query(({ ctx, input }) =>
      getWarning(ctx.db.sql, warningCaller(ctx.principal), input.id).catch(asTrpcError()),
    ),
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
    .mutation(({ ctx, input }) =>
      createWarning(ctx.db.sql, warningCaller(ctx.principal), input).catch(asTrpcError()),
    ),
  update: procedure('warnings.publish')
    .input(warningUpdateSchema)
    .mutation(({ ctx, input }) =>
      updateWarning(ctx.db.sql, warningCaller(ctx.principal), input.id, input.draft).catch(
        asTrpcError('draft.'),
      ),
    ),
  publish: procedure('warnings.publish')
    .input(warningIdSchema)
    .mutation(({ ctx, input }) =>
      publishWarning(ctx.db.sql, warningCaller(ctx.principal), input.id).catch(asTrpcError()),
    ),
  cancel: procedure('warnings.publish')
    .input(warningCancelSchema)
    .mutation(({ ctx, input }) =>
      cancelWarning(ctx.db.sql, warningCaller(ctx.principal), input.id, input.reason).catch(asTrpcError()),
    ),
});
