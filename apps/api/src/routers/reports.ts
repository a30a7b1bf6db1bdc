import { mayRead, reportMergeSchema, reportQueueQuerySchema, reportRejectSchema } from '@onemap/domain';
import type { AppContext } from '../context.js';
import { actorOf } from '../services/actor.js';
import {
  listReports,
  mergeReports,
  type ReportChange,
  rejectReports,
  reportClusters,
} from '../services/reports.js';
import { scopeOf } from '../services/scope.js';
import { asTrpcError, procedure, router } from '../trpc.js';

/** Announces committed changes to operators watching live, and answers what moved. */
function announce(ctx: AppContext, changes: ReportChange[]) {
  ctx.operations.publish(changes);
  return { reports: changes.map(({ id, status }) => ({ id, status })) };
}

/** Public reports (全民感知) under review: the queue with its clusters, rejecting, merging into incidents. */
export const reportsRouter = router({
  queue: procedure('incidents.manage')
    .input(reportQueueQuerySchema)
    .query(async ({ ctx, input }) => {
      const reports = await listReports(
        ctx.db.sql,
        scopeOf(ctx.principal),
        input,
        mayRead(ctx.principal, 'sensitive'),
      );
      return { reports, clusters: reportClusters(reports) };
    }),
  reject: procedure('incidents.manage')
    .input(reportRejectSchema)
    .mutation(async ({ ctx, input }) =>
      announce(
        ctx,
        await rejectReports(ctx.db.sql, scopeOf(ctx.principal), actorOf(ctx.principal).actor, input).catch(
          asTrpcError(),
        ),
      ),
    ),
  merge: procedure('incidents.manage')
    .input(reportMergeSchema)
    .mutation(async ({ ctx, input }) =>
      announce(
        ctx,
        await mergeReports(ctx.db.sql, scopeOf(ctx.principal), actorOf(ctx.principal).actor, input).catch(
          asTrpcError(),
        ),
      ),
    ),
});
