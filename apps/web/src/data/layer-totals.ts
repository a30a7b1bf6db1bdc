import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LayerId } from '../layers/types';
import { useTRPC } from './trpc';

/** How many features each layer holds in all, from the server; refreshed now and then for the wall. */
export function useLayerTotals(): Partial<Record<LayerId, number>> | undefined {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.layers.summary.queryOptions(), refetchInterval: 60_000 });
  return useMemo(() => (data ? Object.fromEntries(data.map((s) => [s.layer, s.total])) : undefined), [data]);
}
