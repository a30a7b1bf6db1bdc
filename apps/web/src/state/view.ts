import type { BBox } from '@onemap/geo';
import { create } from 'zustand';

interface ViewState {
  /** The map's bounds after the last move ended: what tiles are loaded and features counted for. */
  bounds: BBox | null;
  /** Zoom and centre latitude, followed during moves so the scale bar keeps up with animations. */
  zoom: number;
  centerLat: number;
  /** The pointer's position over the map, or null when it is elsewhere. */
  cursor: [lon: number, lat: number] | null;
  setBounds(bounds: BBox): void;
  setCamera(zoom: number, centerLat: number): void;
  setCursor(cursor: [number, number] | null): void;
}

export const useView = create<ViewState>()((set) => ({
  bounds: null,
  zoom: 0,
  centerLat: 0,
  cursor: null,
  setBounds: (bounds) => set({ bounds }),
  setCamera: (zoom, centerLat) => set({ zoom, centerLat }),
  setCursor: (cursor) => set({ cursor }),
}));
