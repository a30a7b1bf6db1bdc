import type { OperationsChange } from '@onemap/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveTeams, type UnitChange } from '../../data/live-teams';
import { POINT_TILE_QUERY } from '../../data/point-tiles';
import { useTRPC, useTRPCClient } from '../../data/trpc';
import { useLive } from '../../state/live';
import { RESUBSCRIBE_MS } from '../live/live-sensors';

/** Record changes from a busy stream are read again at most this often. */
const REFETCH_EVERY_MS = 500;
/**
 * Unit positions are drawn at most this often. Each unit reports every few seconds; redrawing the
 * map for every batch of the stream (ten a second with thousands of units out) would keep the
 * page busy redrawing instead of answering the operator.
 */
const UNITS_EVERY_MS = 1_000;

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
    let unitsTimer: ReturnType<typeof setTimeout> | undefined;
    // The newest change of each unit since the last drawing; trails keep what is drawn.
    const pendingUnits = new Map<number, UnitChange>();
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

    const drawUnits = () => {
      unitsTimer = undefined;
      const units = [...pendingUnits.values()];
      pendingUnits.clear();
      if (liveTeams.apply(units)) useLive.getState().unitsPatched();
    };

    const onChanges = (changes: OperationsChange[]) => {
      let records = false;
      let statusMoved = false;
      for (const c of changes) {
        if (c.kind !== 'unit') records = true;
        else {
          const before = pendingUnits.get(c.id);
          if (!before || before.ts <= c.ts) pendingUnits.set(c.id, c);
          statusMoved ||= liveTeams.unitOf(c.id)?.status !== c.status;
        }
      }
      // A unit changing status (dispatched, arrived) is news: drawn now, not at the next tick.
      if (statusMoved) {
        clearTimeout(unitsTimer);
        drawUnits();
      } else if (pendingUnits.size > 0) unitsTimer ??= setTimeout(drawUnits, UNITS_EVERY_MS);
      if (records) refetchRecords();
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
      clearTimeout(unitsTimer);
      subscription?.unsubscribe();
    };
  }, [client, trpc, queryClient]);
}
