import { featureRefSchema, mayRead } from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { featureDetail } from '../services/features.js';
import { scopeOf } from '../services/scope.js';
import { procedure, router } from '../trpc.js';

export const featuresRouter = router({
  detail: procedure('map.read')
    .input(featureRefSchema)
    .query(async ({ ctx, input }) => {
      const result = await featureDetail(ctx.db.read, input, {
        scope: scopeOf(ctx.principal),
        sensitiveClearance: mayRead(ctx.principal, 'sensitive'),
      });
      if (!result)
        throw new TRPCError({ code: 'NOT_FOUND', message: `no ${input.layer} feature ${input.id}` });
      if (result.sensitiveRead.length > 0) {
        // Every read of sensitive personal data is on the record.
        await appendAudit(ctx.db.sql, {
          ...actorOf(ctx.principal),
          action: 'features.detail.sensitive',
          target: `${input.layer}/${input.id}`,
          ip: ctx.ip,
          outcome: 'success',
          details: { fields: result.sensitiveRead },
        });
      }
      return result.detail;
    }),
});
