import type { AppRouter } from '@onemap/api/router';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { csrfHeaders } from './cookies';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Server-sent events: the browser's EventSource sends the session cookie (same origin) and
        // reconnects by itself after a dropped connection.
        true: httpSubscriptionLink({ url: '/trpc' }),
        false: httpBatchLink({
          url: '/trpc',
          // The session cookie goes along by itself (same origin); a change must also prove it was
          // sent from this page.
          headers: ({ opList }) => (opList.some((op) => op.type === 'mutation') ? csrfHeaders() : {}),
        }),
      }),
    ],
  });
}
