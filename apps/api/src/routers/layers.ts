import { layerSummaries } from '../services/layer-tiles.js';
import { scopeOf } from '../services/scope.js';
import { procedure, router } from '../trpc.js';

export const layersRouter = router({
  /** How many features each layer holds in the caller's region (the panel shows how many are in view). */
  summary: procedure('map.read').query(({ ctx }) => layerSummaries(ctx.db.read, scopeOf(ctx.principal))),
});
