import { featureRefSchema } from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { featureDetail } from '../services/features.js';
import { publicProcedure, router } from '../trpc.js';

export const featuresRouter = router({
  detail: publicProcedure.input(featureRefSchema).query(async ({ ctx, input }) => {
    const detail = await featureDetail(ctx.db.sql, input);
    if (!detail) throw new TRPCError({ code: 'NOT_FOUND', message: `no ${input.layer} feature ${input.id}` });
    return detail;
  }),
});
