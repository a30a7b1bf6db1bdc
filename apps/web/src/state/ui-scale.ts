import { create } from 'zustand';

/** The design is drawn for 1920 px; a 4K wall doubles everything, a laptop shrinks it a little. */
export const DESIGN_WIDTH = 1920;
export const MIN_UI_SCALE = 0.75;
export const MAX_UI_SCALE = 2.25;
/** Below this width the layout is a phone's: side panels start folded so the map stays usable. */
export const NARROW_WIDTH = 720;

export function uiScaleFor(viewportWidth: number): number {
  if (!(viewportWidth > 0)) return 1;
  return Math.min(MAX_UI_SCALE, Math.max(MIN_UI_SCALE, viewportWidth / DESIGN_WIDTH));
}

interface UiScaleState {
  uiScale: number;
  update(viewportWidth: number): void;
}

export const useUiScale = create<UiScaleState>()((set) => ({
  uiScale: typeof window === 'undefined' ? 1 : uiScaleFor(window.innerWidth),
  update: (viewportWidth) => set({ uiScale: uiScaleFor(viewportWidth) }),
}));
