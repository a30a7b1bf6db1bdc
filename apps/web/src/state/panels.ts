import { create } from 'zustand';
import type { PanelId } from '../panels/types';

interface OpenPanelState {
  open: PanelId | null;
  toggle(id: PanelId): void;
  close(): void;
}

export const useOpenPanel = create<OpenPanelState>()((set) => ({
  open: null,
  toggle: (id) => set((s) => ({ open: s.open === id ? null : id })),
  close: () => set({ open: null }),
}));
