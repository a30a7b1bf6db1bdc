import { layerSummaries } from '../services/layer-tiles.js';
import { publicProcedure, router } from '../trpc.js';

export const layersRouter = router({
  /** How many features each layer holds in total (the panel shows how many are in view). */
  summary: publicProcedure.query(({ ctx }) => layerSummaries(ctx.db.sql)),
});
