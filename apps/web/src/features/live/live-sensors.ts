import type { SensorChange } from '@onemap/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isUnauthorized } from '../../data/errors';
import { liveSensors } from '../../data/live-sensors';
import { POINT_TILE_QUERY } from '../../data/point-tiles';
import { sensorChangeFeed } from '../../data/sensor-change-feed';
import { useTRPC, useTRPCClient } from '../../data/trpc';
import { useLive } from '../../state/live';
import { useSelection } from '../../state/selection';
import { useSensorFilter } from '../../state/sensor-filter';
import { useLeaveSession } from '../session/session';

/** Waits before subscribing again after a live stream closed, growing with each failure in a row. */
export const RESUBSCRIBE_MS = [2_000, 5_000, 15_000, 60_000] as const;

/**
 * Live states are drawn over the tiles (`LiveSensorStates`) and written into them — one redraw of
 * every sensor — once the stream has been quiet this long, or once this many have piled up.
 */
export const FOLD_QUIET_MS = 1500;
export const FOLD_AT = 2000;

/**
 * Keeps the sensors layer live while the shell is open: subscribes to the user's regional sensor
 * changes and patches them into the loaded tiles in place; unsubscribes when the shell unmounts
 * (sign-out, session end). EventSource reconnects by itself after a dropped connection; a stream
 * that closes for good (refused, server gone) is subscribed again after a wait, unless the session
 * has ended, which takes the usual way back to the sign-in page.
 */
export function useLiveSensors(): void {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const leave = useLeaveSession();

  useEffect(() => {
    const live = useLive.getState();
    let stopped = false;
    let recovering = false;
    let failures = 0;
    let starts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe(): void } | null = null;

    let foldTimer: ReturnType<typeof setTimeout> | undefined;
    const fold = () => {
      clearTimeout(foldTimer);
      if (!liveSensors.fold()) return;
      live.patched();
      live.overridden();
    };
    // A state filter hides points by their state, and a dot drawn over a tile cannot hide the
    // tile's own: with one set, changes go straight into the tiles.
    const statesFiltered = () => useSensorFilter.getState().hiddenStates.size > 0;
    const unwatchFilter = useSensorFilter.subscribe((s) => {
      if (s.hiddenStates.size > 0) fold();
    });

    const onChanges = (changes: SensorChange[]) => {
      const moved = liveSensors.apply(changes, { intoTiles: statesFiltered() });
      if (moved.tiles) live.patched();
      if (moved.overrides) live.overridden();
      if (liveSensors.overrideCount >= FOLD_AT) fold();
      else if (liveSensors.overrideCount > 0) {
        clearTimeout(foldTimer);
        foldTimer = setTimeout(fold, FOLD_QUIET_MS);
      }
      sensorChangeFeed.publish(changes);
      const selected = useSelection.getState().selected;
      if (selected?.layer === 'sensors' && changes.some((c) => c.id === selected.id)) {
        void queryClient.invalidateQueries({ queryKey: trpc.features.detail.queryKey(selected) });
      }
    };

    const recover = async (error: unknown) => {
      if (stopped || recovering) return;
      recovering = true;
      subscription?.unsubscribe();
      subscription = null;
      live.setStatus('off');
      // EventSource does not say why a stream was refused: ask whether the session still stands.
      const user = isUnauthorized(error)
        ? null
        : await queryClient
            .fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 })
            .catch(() => undefined);
      if (stopped) return;
      if (user === null) {
        leave('expired');
        return;
      }
      const wait = RESUBSCRIBE_MS[Math.min(failures++, RESUBSCRIBE_MS.length - 1)];
      timer = setTimeout(() => {
        recovering = false;
        subscribe();
      }, wait);
    };

    const subscribe = () => {
      live.setStatus('connecting');
      subscription = client.monitoring.sensorChanges.subscribe(undefined, {
        onStarted: () => {
          failures = 0;
          // Changes made while the stream was down were missed: refetch the sensor tiles (their
          // ETags make the unchanged ones cost a 304), and trust them over what was seen before.
          if (starts++ > 0) {
            liveSensors.forgetSeen();
            void queryClient.invalidateQueries({ queryKey: [POINT_TILE_QUERY, 'sensors'] });
            sensorChangeFeed.resynced();
          }
        },
        onConnectionStateChange: (state) =>
          live.setStatus(
            state.state === 'pending' ? 'open' : state.state === 'connecting' ? 'connecting' : 'off',
          ),
        onData: onChanges,
        onError: (error) => void recover(error),
        onComplete: () => void recover(null),
      });
    };

    subscribe();
    return () => {
      stopped = true;
      clearTimeout(timer);
      unwatchFilter();
      fold();
      subscription?.unsubscribe();
      live.setStatus('off');
    };
  }, [client, trpc, queryClient, leave]);
}
