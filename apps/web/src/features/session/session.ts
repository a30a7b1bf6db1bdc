import { hashKey, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { isUnauthorized } from '../../data/errors';
import { liveSensors } from '../../data/live-sensors';
import { liveTeams } from '../../data/live-teams';
import { signOut } from '../../data/session';
import { useTRPC } from '../../data/trpc';
import { useOpenPanel } from '../../state/panels';
import { HOME_PATH, LOGIN_PATH, useRoute } from '../../state/route';
import { useSelection } from '../../state/selection';
import { type SessionNotice, useSessionNotice } from '../../state/session-notice';

/**
 * Forgets everything the last user could see: another user may sign in next in this tab, and
 * cached tiles, details and counts are cut to the region and clearance of whoever fetched them.
 * The session query is kept and set, so the route guard sees the change at once.
 */
function useResetSession() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useCallback(() => {
    const sessionHash = hashKey(trpc.auth.me.queryKey());
    queryClient.removeQueries({ predicate: (q) => q.queryHash !== sessionHash });
    liveSensors.reset();
    liveTeams.reset();
    useSelection.getState().clear();
    useOpenPanel.getState().close();
  }, [queryClient, trpc]);
}

/** After a successful sign-in: learn who it is, then open the shell. */
export function useEnterSession() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const reset = useResetSession();
  return useCallback(async () => {
    reset();
    await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
    useSessionNotice.getState().set(null);
    useRoute.getState().navigate(HOME_PATH, { replace: true });
  }, [queryClient, trpc, reset]);
}

/** Leaves the shell for the sign-in page, saying why when it was not the user's own choice. */
export function useLeaveSession() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const reset = useResetSession();
  return useCallback(
    (notice: SessionNotice) => {
      reset();
      queryClient.setQueryData(trpc.auth.me.queryKey(), null);
      useSessionNotice.getState().set(notice);
      useRoute.getState().navigate(LOGIN_PATH, { replace: true });
    },
    [queryClient, trpc, reset],
  );
}

export function useSignOut() {
  const leave = useLeaveSession();
  return useCallback(async () => {
    await signOut();
    leave('signedOut');
  }, [leave]);
}

/**
 * Inside the shell, any call answered 401 means the session has ended (expired, revoked, signed
 * out in another tab): back to the sign-in page, once, with a notice.
 */
export function useSessionExpiry() {
  const queryClient = useQueryClient();
  const leave = useLeaveSession();
  useEffect(() => {
    let left = false;
    const onError = (error: unknown) => {
      if (left || !isUnauthorized(error)) return;
      left = true;
      leave('expired');
    };
    const offQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const offMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [queryClient, leave]);
}
