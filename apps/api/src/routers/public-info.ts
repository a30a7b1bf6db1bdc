import type { PublishedWarning } from '@onemap/domain';
import { procedure, router } from '../trpc.js';

/** What the public zone may read without signing in. */
export const publicInfoRouter = router({
  // Early warnings are published with the warnings router; until it lands none are published.
  warnings: procedure('public').query((): PublishedWarning[] => []),
});
