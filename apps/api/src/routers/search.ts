import { searchInputSchema } from '@onemap/domain';
import { searchFeatures } from '../services/search.js';
import { publicProcedure, router } from '../trpc.js';

export const searchRouter = router({
  query: publicProcedure
    .input(searchInputSchema)
    .query(({ ctx, input }) => searchFeatures(ctx.db.sql, input)),
});
