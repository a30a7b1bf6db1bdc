import { create } from 'zustand';

/** The live sensor stream: not subscribed, (re)connecting, or open and delivering. */
export type LiveStatus = 'off' | 'connecting' | 'open';

interface LiveState {
  status: LiveStatus;
  /** Bumped whenever live changes were patched into loaded tiles: the map and counts redraw. */
  revision: number;
  setStatus(status: LiveStatus): void;
  patched(): void;
}

export const useLive = create<LiveState>()((set) => ({
  status: 'off',
  revision: 0,
  setStatus: (status) => set({ status }),
  patched: () => set((s) => ({ revision: s.revision + 1 })),
}));
