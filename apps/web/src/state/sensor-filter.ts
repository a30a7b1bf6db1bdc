import type { SensorChannel, SensorKind, SensorState } from '@onemap/domain';
import { create } from 'zustand';

/**
 * What the sensors layer leaves out: channels, kinds and states switched off, and the one region
 * it is narrowed to. Empty sets and no region: every sensor shows.
 */
export interface SensorFilterState {
  hiddenChannels: ReadonlySet<SensorChannel>;
  hiddenKinds: ReadonlySet<SensorKind>;
  hiddenStates: ReadonlySet<SensorState>;
  /** A province or prefecture code (GB/T 2260), or null for the whole of one's region. */
  region: string | null;
  toggleChannel(channel: SensorChannel): void;
  toggleKind(kind: SensorKind): void;
  toggleState(state: SensorState): void;
  setRegion(region: string | null): void;
  reset(): void;
}

function toggled<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

export const useSensorFilter = create<SensorFilterState>()((set) => ({
  hiddenChannels: new Set(),
  hiddenKinds: new Set(),
  hiddenStates: new Set(),
  region: null,
  toggleChannel: (channel) => set((s) => ({ hiddenChannels: toggled(s.hiddenChannels, channel) })),
  toggleKind: (kind) => set((s) => ({ hiddenKinds: toggled(s.hiddenKinds, kind) })),
  toggleState: (state) => set((s) => ({ hiddenStates: toggled(s.hiddenStates, state) })),
  setRegion: (region) => set({ region }),
  reset: () =>
    set({ hiddenChannels: new Set(), hiddenKinds: new Set(), hiddenStates: new Set(), region: null }),
}));

/** Whether the filter leaves anything out. */
export function isFiltering(
  s: Pick<SensorFilterState, 'hiddenChannels' | 'hiddenKinds' | 'hiddenStates' | 'region'>,
): boolean {
  return s.hiddenChannels.size > 0 || s.hiddenKinds.size > 0 || s.hiddenStates.size > 0 || s.region !== null;
}
