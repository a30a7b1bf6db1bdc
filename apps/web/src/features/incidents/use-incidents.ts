import { type IncidentStatus, type IncidentSummary, levelRank } from '@onemap/domain';
import { keepPreviousData, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../data/trpc';

/** The incidents still being handled: what a dispatcher's list and the wall show. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['reported', 'verified', 'responding', 'stabilized'];

/** The order of lists and the wall: most severe first, then the latest. */
export function bySeverityThenLatest(a: IncidentSummary, b: IncidentSummary): number {
  return levelRank(a.level) - levelRank(b.level) || b.occurredAt.localeCompare(a.occurredAt);
}

/**
 * The live stream tells every change at once; this poll is only the floor for a stream that was
 * down (a laptop waking up), so the list is never older than this.
 */
const LIST_REFRESH_MS = 30_000;

export function useOpenIncidents() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.incidents.list.queryOptions({ status: [...OPEN_STATUSES], limit: 500 }),
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** While teams are on their way their ETAs are recomputed from their positions: read that often. */
const ETA_REFRESH_MS = 5_000;

export function useIncident(id: number | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.incidents.get.queryOptions(id === null ? skipToken : { id }),
    refetchInterval: (query) =>
      query.state.data?.assignments.some((a) => a.status === 'dispatched' || a.status === 'en_route')
        ? ETA_REFRESH_MS
        : false,
  });
}

export function useRecommendation(id: number | null) {
  const trpc = useTRPC();
  return useQuery(trpc.dispatch.recommend.queryOptions(id === null ? skipToken : { id, limit: 10 }));
}

export function useReportQueue(enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.reports.queue.queryOptions(enabled ? { status: ['pending'], limit: 200 } : skipToken),
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** After a change by this operator or another: the lists and open incidents read again now. */
export function useRefreshIncidents(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.dispatch.recommend.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }),
    ]);
  }, [queryClient, trpc]);
}
