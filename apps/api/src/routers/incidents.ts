import {
  duplicatesQuerySchema,
  incidentAssessmentSchema,
  incidentIdSchema,
  incidentIntakeSchema,
  incidentNoteSchema,
  incidentQuerySchema,
  incidentTransitionSchema,
} from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import type { AppContext } from '../context.js';
import { regionalOperations } from '../events/operations.js';
import { callerOf } from '../services/actor.js';
import {
  assessIncident,
  type Changes,
  getIncident,
  type IntakeLink,
  linkAlarm,
  linkReports,
  listIncidents,
  noteIncident,
  possibleDuplicates,
  takeInIncident,
  transitionIncident,
} from '../services/incidents.js';
import { scopeOf } from '../services/scope.js';
import { asTrpcError, procedure, router } from '../trpc.js';

/** Tells live watchers what a committed change touched, and answers with its result. */
function told<T extends { changes: Changes }>(ctx: AppContext) {
  return (outcome: T): Omit<T, 'changes'> => {
    ctx.operations.publish(outcome.changes);
    const { changes: _told, ...rest } = outcome;
    return rest;
  };
}

/** Incidents (突发事件接报与处置): intake, lifecycle, assessments, notes, and the live stream. */
export const incidentsRouter = router({
  list: procedure('map.read')
    .input(incidentQuerySchema)
    .query(({ ctx, input }) => listIncidents(ctx.db.read, scopeOf(ctx.principal), input)),
  get: procedure('map.read')
    .input(incidentIdSchema)
    .query(async ({ ctx, input }) => {
      const incident = await getIncident(ctx.db.read, scopeOf(ctx.principal), input.id);
      if (!incident) throw new TRPCError({ code: 'NOT_FOUND', message: `no incident ${input.id}` });
      return incident;
    }),
  /** Open incidents of the same type nearby: shown before a new one is saved. */
  duplicates: procedure('map.read')
    .input(duplicatesQuerySchema)
    .query(({ ctx, input }) => possibleDuplicates(ctx.db.read, scopeOf(ctx.principal), input)),
  takeIn: procedure('incidents.manage')
    .input(incidentIntakeSchema)
    .mutation(({ ctx, input }) => {
      const links: IntakeLink[] = [];
      if (input.fromAlarmId !== undefined) links.push(linkAlarm(input.fromAlarmId));
      if (input.fromReportIds?.length) links.push(linkReports(input.fromReportIds));
      return takeInIncident(ctx.db.sql, callerOf(ctx.principal), input, links)
        .then(told(ctx))
        .catch(asTrpcError());
    }),
  transition: procedure('incidents.manage')
    .input(incidentTransitionSchema)
    .mutation(({ ctx, input }) =>
      transitionIncident(ctx.db.sql, callerOf(ctx.principal), input).then(told(ctx)).catch(asTrpcError()),
    ),
  note: procedure('incidents.manage')
    .input(incidentNoteSchema)
    .mutation(({ ctx, input }) =>
      noteIncident(ctx.db.sql, callerOf(ctx.principal), input).then(told(ctx)).catch(asTrpcError()),
    ),
  assess: procedure('incidents.manage')
    .input(incidentAssessmentSchema)
    .mutation(({ ctx, input }) =>
      assessIncident(ctx.db.sql, callerOf(ctx.principal), input).then(told(ctx)).catch(asTrpcError()),
    ),
  /**
   * Live changes in the caller's region — incidents, assignments, unit positions, reports — as
   * batches over SSE: every operator's screen follows the others' work without reloading.
   */
  changes: procedure('map.read').subscription(({ ctx, signal }) =>
    regionalOperations(ctx.operations, scopeOf(ctx.principal).prefix, signal),
  ),
});
