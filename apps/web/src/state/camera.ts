import type { BBox } from '@onemap/geo';
import { create } from 'zustand';

export type CameraTarget =
  | { kind: 'bounds'; bbox: BBox }
  | { kind: 'point'; lon: number; lat: number; zoom: number };

interface CameraState {
  /**
   * The latest camera move asked for by the UI (search, panels). The map view carries it out; `seq`
   * makes asking twice for the same place move the map twice.
   */
  request: (CameraTarget & { seq: number }) | null;
  moveTo(target: CameraTarget): void;
}

export const useCamera = create<CameraState>()((set, get) => ({
  request: null,
  moveTo: (target) => set({ request: { ...target, seq: (get().request?.seq ?? 0) + 1 } }),
}));
