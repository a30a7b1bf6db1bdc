import { create } from 'zustand';
import { type DrawMode, type DrawnShape, newSketch, type Sketch } from './sketch';

interface MapDrawState {
  /** The shape being drawn on the map, or null when nothing is. */
  sketch: Sketch | null;
  /** Who asked for the shape: handed it once it is finished. */
  onDone: ((shape: DrawnShape) => void) | null;
  start(mode: DrawMode, onDone: (shape: DrawnShape) => void): void;
  update(sketch: Sketch): void;
  finish(shape: DrawnShape): void;
  cancel(): void;
}

/**
 * One drawing at a time, asked for by a form and carried out on the map: the form starts it with
 * what to do with the shape, the map's drawing controller moves it along, the form gets the shape.
 */
export const useMapDraw = create<MapDrawState>()((set, get) => ({
  sketch: null,
  onDone: null,
  start: (mode, onDone) => set({ sketch: newSketch(mode), onDone }),
  update: (sketch) => set({ sketch }),
  finish: (shape) => {
    const { onDone } = get();
    set({ sketch: null, onDone: null });
    onDone?.(shape);
  },
  cancel: () => set({ sketch: null, onDone: null }),
}));
