import { searchInputSchema } from '@onemap/domain';
import { scopeOf } from '../services/scope.js';
import { searchFeatures } from '../services/search.js';
import { procedure, router } from '../trpc.js';

export const searchRouter = router({
  query: procedure('map.read')
    .input(searchInputSchema)
    .query(({ ctx, input }) => searchFeatures(ctx.db.read, input, scopeOf(ctx.principal))),
});
