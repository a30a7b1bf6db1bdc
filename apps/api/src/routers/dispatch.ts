import { assignmentStepSchema, dispatchOrderSchema, recommendationQuerySchema } from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { callerOf } from '../services/actor.js';
import { activeUnits, dispatchTeams, recommend, reportAssignmentStep } from '../services/dispatch.js';
import { scopeOf } from '../services/scope.js';
import { unitTrack } from '../services/unit-positions.js';
import { asTrpcError, procedure, router } from '../trpc.js';

/** Dispatch (力量调派): recommendations, orders, assignment steps, unit tracks. */
export const dispatchRouter = router({
  recommend: procedure('map.read')
    .input(recommendationQuerySchema)
    .query(async ({ ctx, input }) => {
      const r = await recommend(ctx.db.read, scopeOf(ctx.principal), input);
      if (!r) throw new TRPCError({ code: 'NOT_FOUND', message: `no incident ${input.id}` });
      return r;
    }),
  dispatch: procedure('dispatch.command')
    .input(dispatchOrderSchema)
    .mutation(async ({ ctx, input }) => {
      const { assignmentIds, changes } = await dispatchTeams(
        ctx.db.sql,
        callerOf(ctx.principal),
        input,
      ).catch(asTrpcError());
      ctx.operations.publish(changes);
      return { assignmentIds };
    }),
  step: procedure('assignments.report')
    .input(assignmentStepSchema)
    .mutation(async ({ ctx, input }) => {
      const changes = await reportAssignmentStep(ctx.db.sql, callerOf(ctx.principal), input).catch(
        asTrpcError(),
      );
      ctx.operations.publish(changes);
      return { ok: true as const };
    }),
  /** The teams out on an assignment now, where they are and where they are sent. */
  activeUnits: procedure('map.read').query(({ ctx }) => activeUnits(ctx.db.read, scopeOf(ctx.principal))),
  /** A unit's trail over the last minutes. */
  track: procedure('map.read')
    .input(
      z.object({
        teamCode: z.string().trim().min(1).max(32),
        minutes: z.number().int().min(1).max(1440).default(10),
      }),
    )
    .query(async ({ ctx, input }) => {
      const track = await unitTrack(
        ctx.db.sql,
        scopeOf(ctx.principal),
        input.teamCode,
        new Date(Date.now() - input.minutes * 60_000),
      );
      if (!track) throw new TRPCError({ code: 'NOT_FOUND', message: `no team ${input.teamCode}` });
      return track;
    }),
});
