import { alarmAckSchema, alarmQuerySchema } from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { regionalChanges } from '../events/sensor-changes.js';
import { actorOf } from '../services/actor.js';
import { acknowledgeAlarm, listAlarms } from '../services/alarms.js';
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
  alarms: procedure('map.read')
    .input(alarmQuerySchema)
    .query(({ ctx, input }) => listAlarms(ctx.db.sql, scopeOf(ctx.principal), input)),
  acknowledgeAlarm: procedure('alarms.ack')
    .input(alarmAckSchema)
    .mutation(async ({ ctx, input }) => {
      const alarm = await acknowledgeAlarm(ctx.db.sql, scopeOf(ctx.principal), {
        ...input,
        by: actorOf(ctx.principal).actor,
      });
      if (!alarm) throw new TRPCError({ code: 'NOT_FOUND', message: `no open alarm ${input.id}` });
      return alarm;
    }),
});
