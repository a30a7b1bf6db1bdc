import { logout, sessionUser } from '../services/sessions.js';
import { procedure, router } from '../trpc.js';

export const authRouter = router({
  /** Who is signed in; null for the public. */
  me: procedure('public').query(({ ctx }) => sessionUser(ctx.db.sql, ctx.principal)),
  logout: procedure('self').mutation(async ({ ctx }) => {
    if (ctx.secret && ctx.principal.kind === 'user') await logout(ctx.db.sql, ctx.secret);
    return { ok: true as const };
  }),
});
