import { regionalChanges } from '../events/sensor-changes.js';
import { scopeOf } from '../services/scope.js';
import { procedure, router } from '../trpc.js';

export const monitoringRouter = router({
  /**
   * Live sensor changes in the caller's region, as batches over SSE: the map patches states and
   * values in place instead of reloading tiles.
   */
  sensorChanges: procedure('map.read').subscription(({ ctx, signal }) =>
    regionalChanges(ctx.events, scopeOf(ctx.principal).prefix, signal),
  ),
});
