import { create } from 'zustand';
import type { LayerId } from '../layers/types';

interface LayerVisibilityState {
  visible: Readonly<Record<LayerId, boolean>>;
  setVisible(id: LayerId, on: boolean): void;
  toggle(id: LayerId): void;
}

export const useLayerVisibility = create<LayerVisibilityState>()((set) => ({
  visible: {
    warnings: true,
    sensingAreas: true,
    droneFlights: true,
    cameras: true,
    hotspots: true,
    commLinks: true,
    sensors: true,
    teams: true,
    depots: true,
    shelters: true,
    hospitals: true,
    incidents: true,
    enterprises: true,
    commNodes: true,
  },
  setVisible: (id, on) => set((s) => ({ visible: { ...s.visible, [id]: on } })),
  toggle: (id) => set((s) => ({ visible: { ...s.visible, [id]: !s.visible[id] } })),
}));
