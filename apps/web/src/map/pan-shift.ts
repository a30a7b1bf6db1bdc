/**
 * Whether a canvas drawn for one view can stand for another by sliding it, and by how much.
 *
 * A move that keeps the zoom, bearing and pitch slides the whole Web Mercator plane on screen by
 * one offset: every point drawn lands exactly that far from where it was. So a canvas need not be
 * redrawn for such a move, only moved by the offset. That saves a software renderer (no GPU) a
 * redraw per frame of the pan, which costs it about a second with 100,000 points; the basemap
 * under it pans several times as fast. What slid in at the edge stays blank until a redraw, so the
 * slide is bounded (`maxShift`) and the caller redraws once the move pauses.
 */
export interface CanvasView {
  zoom: number;
  bearing: number;
  pitch: number;
  width: number;
  height: number;
  /** The map's padding, as a key: a change of it moves the centre without a slide. */
  padding: string;
}

/**
 * The offset in CSS pixels by which the canvas drawn for `drawn` slides to show `now`, or null when
 * it must be redrawn: the view changed other than by a slide, or slid further than `maxShift`
 * (a fraction of the canvas's width and height) so that too much of it would be blank.
 * `anchorNow` is where the point drawn at the canvas's top-left corner is on screen now.
 *
 * @example
 * const view = { zoom: 4, bearing: 0, pitch: 0, width: 1000, height: 800, padding: '' };
 * panShift(view, view, { x: 30, y: -12 }, 0.25); // { x: 30, y: -12 }
 * panShift(view, { ...view, zoom: 4.5 }, { x: 0, y: 0 }, 0.25); // null
 */
export function panShift(
  drawn: CanvasView,
  now: CanvasView,
  anchorNow: { x: number; y: number },
  maxShift: number,
): { x: number; y: number } | null {
  if (
    drawn.zoom !== now.zoom ||
    drawn.bearing !== now.bearing ||
    drawn.pitch !== now.pitch ||
    drawn.width !== now.width ||
    drawn.height !== now.height ||
    drawn.padding !== now.padding
  ) {
    return null;
  }
  const { x, y } = anchorNow;
  if (!(Number.isFinite(x) && Number.isFinite(y))) return null;
  if (Math.abs(x) > maxShift * now.width || Math.abs(y) > maxShift * now.height) return null;
  return { x, y };
}
