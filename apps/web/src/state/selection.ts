import type { FeatureRef } from '@onemap/domain';
import { create } from 'zustand';

interface SelectionState {
  selected: FeatureRef | null;
  select(ref: FeatureRef): void;
  clear(): void;
}

export const useSelection = create<SelectionState>()((set) => ({
  selected: null,
  select: (selected) => set({ selected }),
  clear: () => set({ selected: null }),
}));
