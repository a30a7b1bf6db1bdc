import { procedure, router } from '../trpc.js';

/** What the public zone may read without signing in. */
export interface PublishedWarning {
  id: number;
  headline: string;
  severity: string;
  areaDesc: string;
  effective: string;
  expires: string | null;
}

export const publicInfoRouter = router({
  // Early warnings are drafted and published with the monitoring work; until then none are published.
  warnings: procedure('public').query((): PublishedWarning[] => []),
});
