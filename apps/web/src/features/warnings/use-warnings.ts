import type { WarningArea, WarningQuery } from '@onemap/domain';
import { keepPreviousData, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../data/trpc';
import { WARNING_SHAPES_QUERY } from '../../data/warnings';
import { useDebouncedValue } from '../search/use-debounced-value';

/** The wall watches the list; the server's word on what is in force is never older than this. */
export const WARNINGS_REFRESH_MS = 30_000;
/** An estimate is asked for once the operator pauses, not on every vertex. */
const ESTIMATE_DELAY_MS = 500;

export function useWarningList(scope: NonNullable<WarningQuery['scope']>) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.warnings.list.queryOptions({ scope }),
    refetchInterval: WARNINGS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useWarning(id: number | null) {
  const trpc = useTRPC();
  return useQuery(trpc.warnings.get.queryOptions(id === null ? skipToken : { id }));
}

/**
 * After a warning changed: the lists, the map's areas and the public list all read again now,
 * not at their next refresh, so the operator sees what they did at once.
 */
export function useRefreshWarnings(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.warnings.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.publicInfo.warnings.queryKey() }),
      queryClient.invalidateQueries({ queryKey: [WARNING_SHAPES_QUERY] }),
    ]);
  }, [queryClient, trpc]);
}

/** The people inside the area being drawn, asked for once the area stops changing. */
export function usePopulationEstimate(areas: readonly WarningArea[]) {
  const trpc = useTRPC();
  const settled = useDebouncedValue(areas, ESTIMATE_DELAY_MS);
  return useQuery({
    ...trpc.warnings.estimatePopulation.queryOptions(
      settled.length > 0 ? { areas: [...settled] } : skipToken,
    ),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
