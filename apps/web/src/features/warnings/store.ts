import { create } from 'zustand';
import type { DrawnArea } from './form';

interface WarningsUiState {
  /** The warning picked in the list or on the map: outlined on the map, its details open. */
  focused: number | null;
  focus(id: number | null): void;
  /** The shapes of the warning being edited, shown on the map until it is saved or abandoned. */
  editingAreas: readonly DrawnArea[];
  setEditingAreas(areas: readonly DrawnArea[]): void;
  /** How many workbenches are on screen: a warning picked on the map opens there, else in a drawer. */
  workbenches: number;
  mountWorkbench(): () => void;
}

export const useWarningsUi = create<WarningsUiState>()((set) => ({
  focused: null,
  focus: (focused) => set({ focused }),
  editingAreas: [],
  setEditingAreas: (editingAreas) => set({ editingAreas }),
  workbenches: 0,
  mountWorkbench: () => {
    set((s) => ({ workbenches: s.workbenches + 1 }));
    return () => set((s) => ({ workbenches: s.workbenches - 1 }));
  },
}));
