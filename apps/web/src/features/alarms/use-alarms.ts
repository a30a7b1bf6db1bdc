import type { AlarmSummary } from '@onemap/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sensorChangeFeed } from '../../data/sensor-change-feed';
import { useTRPC } from '../../data/trpc';
import { type AlarmFilter, SensorStateMemory } from './alarm-order';

/**
 * A fallback only: the lists refetch when the live stream shows an alarm or a sensor's state move.
 * The poll catches what the stream does not carry — another officer acknowledging an alarm.
 */
const ALARM_POLL_MS = 15_000;
/** Changes arrive in bursts; one refetch per burst is enough. */
const REFETCH_COALESCE_MS = 250;

/** The alarms of the caller's region under a filter, as the API sorts them. */
export function useAlarms(filter: AlarmFilter, sensorCode?: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.monitoring.alarms.queryOptions({ state: filter, ...(sensorCode ? { sensorCode } : {}) }),
    refetchInterval: ALARM_POLL_MS,
    staleTime: 0,
  });
}

/**
 * The alarms standing now (acknowledged or not): what the entry badge counts, the toasts announce
 * and the live watch compares against. The "open" tab of the list reads the same query.
 */
export function useStandingAlarms() {
  return useAlarms('open');
}

/** Standing alarms no one has acknowledged yet, most severe level first: the badge's number. */
export function unacknowledged(alarms: readonly AlarmSummary[] | undefined): AlarmSummary[] {
  return (alarms ?? []).filter((a) => a.state === 'open');
}

/**
 * Keeps every alarm list in the page fresh from the live stream: a batch in which an alarm moved
 * (raised, escalated, eased, cleared) or a sensor's state moved (went silent, came back) refetches
 * the alarm queries within a fraction of a second; a stream that came back after a gap refetches
 * them too. Mounted once, in the shell.
 */
export function useAlarmLiveRefresh(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const memory = new SensorStateMemory();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.alarms.pathKey() });
      }, REFETCH_COALESCE_MS);
    };
    const standingCodes = (): Set<string> => {
      const standing = queryClient.getQueryData(trpc.monitoring.alarms.queryKey({ state: 'open' }));
      return new Set((standing ?? []).map((a) => a.sensorCode));
    };
    const unsubscribe = sensorChangeFeed.subscribe(
      (changes) => {
        if (memory.moved(changes, standingCodes())) refetch();
      },
      () => {
        memory.clear();
        refetch();
      },
    );
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [trpc, queryClient]);
}
