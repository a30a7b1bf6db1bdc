import {
  alarmAckSchema,
  alarmQuerySchema,
  sensorCodeInputSchema,
  sensorRulesInputSchema,
  sensorSeriesInputSchema,
} from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { regionalChanges } from '../events/sensor-changes.js';
import { actorOf } from '../services/actor.js';
import { acknowledgeAlarm, listAlarms } from '../services/alarms.js';
import { scopeOf } from '../services/scope.js';
import { SensorRulesError, sensorStatus, setSensorRules } from '../services/sensor-rules.js';
import { sensorSeries } from '../services/series.js';
import { badField, procedure, router } from '../trpc.js';

const noSensor = (code: string) => new TRPCError({ code: 'NOT_FOUND', message: `no sensor ${code}` });

export const monitoringRouter = router({
  /**
   * Live sensor changes in the caller's region, as batches over SSE: the map patches states and
   * values in place instead of reloading tiles.
   */
  sensorChanges: procedure('map.read').subscription(({ ctx, signal }) =>
    regionalChanges(ctx.events, scopeOf(ctx.principal).prefix, signal),
  ),
  /** One sensor with the rules in force and which of them are its own. */
  sensor: procedure('map.read')
    .input(sensorCodeInputSchema)
    .query(async ({ ctx, input }) => {
      const sensor = await sensorStatus(ctx.db.sql, scopeOf(ctx.principal), input.code);
      if (!sensor) throw noSensor(input.code);
      return sensor;
    }),
  /** A sensor's readings for a chart: raw for short windows, hourly aggregates for long ones. */
  series: procedure('map.read')
    .input(sensorSeriesInputSchema)
    .query(async ({ ctx, input }) => {
      const series = await sensorSeries(ctx.db.read, scopeOf(ctx.principal), input);
      if (!series) throw noSensor(input.code);
      return series;
    }),
  /** Sets a sensor's own rules (absent: back to its kind's) and judges it again at once. */
  setSensorRules: procedure('sensors.configure')
    .input(sensorRulesInputSchema)
    .mutation(async ({ ctx, input }) => {
      const sensor = await setSensorRules(ctx.db.sql, scopeOf(ctx.principal), input, {
        onChanges: (changes) => ctx.events.publish(changes),
      }).catch((error: unknown) => {
        if (error instanceof SensorRulesError) throw badField(error.field, error.message);
        throw error;
      });
      if (!sensor) throw noSensor(input.code);
      return sensor;
    }),
  alarms: procedure('map.read')
    .input(alarmQuerySchema)
    .query(({ ctx, input }) => listAlarms(ctx.db.read, scopeOf(ctx.principal), input)),
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
