import type { OperationsChange } from '@onemap/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveTeams, type UnitChange } from '../../data/live-teams';
import { POINT_TILE_QUERY } from '../../data/point-tiles';
import { useTRPC, useTRPCClient } from '../../data/trpc';
import { useLive } from '../../state/live';

/** Waits before subscribing again after the stream closed, growing with each failure in a row. */
const RESUBSCRIBE_MS = [2_000, 5_000, 15_000, 60_000] as const;
/** Record changes from a busy stream are read again at most this often. */
const REFETCH_EVERY_MS = 500;

/**
 * Keeps the operational picture live while the shell is open, for every operator at once: units
 * move on the teams layer in place (positions and statuses patched into its tiles), and an
 * incident, assignment or report changed by anyone makes the lists and the open incident read
 * again. The session itself is watched by the sensors' stream (`useLiveSensors`), which leads the
 * way back to the sign-in page; this one only resubscribes.
 */
export function useLiveOperations(): void {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  useEffect(() => {
    let stopped = false;
    let failures = 0;
    let starts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe(): void } | null = null;

    const refetchRecords = () => {
      refetchTimer ??= setTimeout(() => {
        refetchTimer = undefined;
        // The incidents layer too: a new incident, a level or status changed (ETags make the
        // unchanged tiles a 304).
        void queryClient.invalidateQueries({ queryKey: [POINT_TILE_QUERY, 'incidents'] });
        void queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.dispatch.recommend.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
      }, REFETCH_EVERY_MS);
    };

    const onChanges = (changes: OperationsChange[]) => {
      const units = changes.filter((c): c is UnitChange => c.kind === 'unit');
      if (units.length > 0 && liveTeams.apply(units)) useLive.getState().patched();
      if (changes.some((c) => c.kind !== 'unit')) refetchRecords();
    };

    const subscribe = () => {
      subscription = client.incidents.changes.subscribe(undefined, {
        onStarted: () => {
          failures = 0;
          // What changed while the stream was down was missed: read the records and unit tiles again.
          if (starts++ > 0) {
            liveTeams.forgetSeen();
            void queryClient.invalidateQueries({ queryKey: [POINT_TILE_QUERY, 'teams'] });
            refetchRecords();
          }
        },
        onData: onChanges,
        onError: () => retry(),
        onComplete: () => retry(),
      });
    };
    const retry = () => {
      if (stopped) return;
      subscription?.unsubscribe();
      const wait = RESUBSCRIBE_MS[Math.min(failures++, RESUBSCRIBE_MS.length - 1)];
      timer = setTimeout(subscribe, wait);
    };

    subscribe();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(refetchTimer);
      subscription?.unsubscribe();
    };
  }, [client, trpc, queryClient]);
}
