import { publishedWarnings } from '../services/warnings.js';
import { procedure, router } from '../trpc.js';

/** What the public zone may read without signing in. */
export const publicInfoRouter = router({
  /** Early warnings in force, ours and imported, most severe first, then newest. */
  warnings: procedure('public').query(({ ctx }) => publishedWarnings(ctx.db.read)),
});
