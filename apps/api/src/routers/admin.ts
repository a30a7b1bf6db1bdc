import {
  auditQuerySchema,
  NATIONAL_REGION,
  tokenCreateSchema,
  userCreateSchema,
  userUpdateSchema,
} from '@onemap/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { actorOf } from '../services/actor.js';
import { createToken, listTokens, revokeToken } from '../services/api-tokens.js';
import { listAudit, verifyAudit } from '../services/audit.js';
import { createUser, listUsers, UserInputError, updateUser } from '../services/users.js';
import { badField, procedure, router } from '../trpc.js';

function asBadField(error: unknown): never {
  if (error instanceof UserInputError)
    throw badField(error.field, `invalid input: ${error.field}: ${error.message}`);
  throw error;
}

export const adminRouter = router({
  users: router({
    list: procedure('users.manage').query(({ ctx }) => listUsers(ctx.db.sql)),
    create: procedure('users.manage')
      .input(userCreateSchema)
      .mutation(({ ctx, input }) => createUser(ctx.db.sql, input).catch(asBadField)),
    update: procedure('users.manage')
      .input(userUpdateSchema)
      .mutation(async ({ ctx, input }) => {
        const user = await updateUser(ctx.db.sql, input).catch(asBadField);
        if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: `no user ${input.username}` });
        return user;
      }),
  }),
  tokens: router({
    list: procedure('tokens.manage').query(({ ctx }) => listTokens(ctx.db.sql)),
    create: procedure('tokens.manage')
      .input(tokenCreateSchema)
      .mutation(({ ctx, input }) => createToken(ctx.db.sql, input, actorOf(ctx.principal).actor)),
    revoke: procedure('tokens.manage')
      .input(z.object({ id: z.number().int().positive() }))
      .mutation(async ({ ctx, input }) => {
        const token = await revokeToken(ctx.db.sql, input.id);
        if (!token) throw new TRPCError({ code: 'NOT_FOUND', message: `no token ${input.id}` });
        return token;
      }),
  }),
  audit: router({
    list: procedure('audit.read')
      .input(auditQuerySchema)
      .query(({ ctx, input }) => listAudit(ctx.db.sql, input)),
    verify: procedure('audit.read').query(({ ctx }) => verifyAudit(ctx.db.sql)),
  }),
  /** Regions an account can be bound to: the nation, provinces and prefectures. */
  regions: procedure('users.manage').query(async ({ ctx }) => {
    const rows = await ctx.db.sql.query<{
      code: string;
      name: string;
      level: string;
      parentCode: string | null;
    }>(
      `SELECT code, name, level, parent_code AS "parentCode" FROM region
        WHERE level IN ('province', 'city') ORDER BY code`,
    );
    return [{ code: NATIONAL_REGION, name: '全国', level: 'nation', parentCode: null }, ...rows];
  }),
});
