import { create } from 'zustand';

/** The live sensor stream: not subscribed, (re)connecting, or open and delivering. */
export type LiveStatus = 'off' | 'connecting' | 'open';

interface LiveState {
  status: LiveStatus;
  /** Bumped whenever live sensor changes were patched into loaded tiles: the map and counts redraw. */
  revision: number;
  /** Bumped whenever the live sensor states drawn over the tiles moved: the live canvas redraws. */
  overrideRevision: number;
  /** Bumped whenever unit positions or statuses were patched into the teams tiles. */
  unitRevision: number;
  setStatus(status: LiveStatus): void;
  patched(): void;
  overridden(): void;
  unitsPatched(): void;
}

export const useLive = create<LiveState>()((set) => ({
  status: 'off',
  revision: 0,
  overrideRevision: 0,
  unitRevision: 0,
  setStatus: (status) => set({ status }),
  patched: () => set((s) => ({ revision: s.revision + 1 })),
  overridden: () => set((s) => ({ overrideRevision: s.overrideRevision + 1 })),
  unitsPatched: () => set((s) => ({ unitRevision: s.unitRevision + 1 })),
}));
