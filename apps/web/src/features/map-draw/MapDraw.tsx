import type { LonLat } from '@onemap/geo';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { closePolygon, type DrawnShape, moveCursor, pendingRadiusKm, type Sketch, tap, undo } from './sketch';
import { formatRadiusKm } from './sketch-layers';
import './map-draw.css';

export interface MapDrawProps {
  map: MapLibreMap | null;
  /** The shape being drawn; null when nothing is (the map behaves as usual). */
  sketch: Sketch | null;
  uiScale: number;
  onSketch(sketch: Sketch): void;
  onDone(shape: DrawnShape): void;
  onCancel(): void;
}

/** A press that moved less than this is a tap; more is the map being panned. */
const TAP_TOLERANCE_PX = 6;
/** How close to a placed point a tap counts as on it (before the UI scale). */
const SNAP_PX = 12;
/** A tap's click follows its pointerup at once; this long and it is not coming. */
const CLICK_WAIT_MS = 500;

interface ScreenPoint {
  x: number;
  y: number;
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Draws a polygon or a circle on the map with pointer events, so a mouse, a pen and a finger all
 * work: taps place points, drags still pan the map. Polygon: tap the vertices, close it with a
 * double-click, a tap on the first vertex, Enter or the toolbar; Backspace takes back a vertex.
 * Circle: tap the centre, then tap where the edge goes. Esc cancels. The sketch is drawn by the
 * page (see `sketchLayers`); this binds the input and shows the toolbar.
 */
export function MapDraw({ map, sketch, uiScale, onSketch, onDone, onCancel }: MapDrawProps) {
  const latest = useRef({ sketch, uiScale, onSketch, onDone, onCancel });
  latest.current = { sketch, uiScale, onSketch, onDone, onCancel };
  const drawing = sketch !== null;

  useEffect(() => {
    if (!map || !drawing) return;
    const container = map.getCanvasContainer();
    const pressed = new Set<number>();
    // The press that may become a tap: only while a single pointer is down.
    let press: (ScreenPoint & { id: number }) | null = null;

    const local = (e: PointerEvent | MouseEvent): ScreenPoint => {
      const r = container.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const lonLatAt = (p: ScreenPoint): LonLat => {
      const { lng, lat } = map.unproject([p.x, p.y]);
      return [lng, lat];
    };
    const near = (point: LonLat | null | undefined, p: ScreenPoint): boolean => {
      if (!point) return false;
      const q = map.project(point);
      return Math.hypot(q.x - p.x, q.y - p.y) <= SNAP_PX * latest.current.uiScale;
    };
    const finish = (shape: DrawnShape | null) => {
      if (shape) latest.current.onDone(shape);
    };
    // Taps place points: the map must not also take them as clicks on a feature or region.
    const swallowClick = (e: MouseEvent) => e.stopPropagation();

    const onPointerDown = (e: PointerEvent) => {
      pressed.add(e.pointerId);
      press = pressed.size === 1 && e.isPrimary ? { id: e.pointerId, ...local(e) } : null;
    };
    // The pointer moves far more often than the screen is drawn: one sketch update per frame.
    let frame = 0;
    let hovered: LonLat | null = null;
    const onPointerMove = (e: PointerEvent) => {
      // A hovering mouse or pen shows where the next point would go; a drag is the map panning.
      if (e.buttons !== 0 || e.pointerType === 'touch') return;
      hovered = lonLatAt(local(e));
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        const current = latest.current.sketch;
        if (current && hovered) latest.current.onSketch(moveCursor(current, hovered));
      });
    };
    const onPointerUp = (e: PointerEvent) => {
      pressed.delete(e.pointerId);
      // A hover update still waiting would land on the sketch as it was before this tap.
      cancelAnimationFrame(frame);
      frame = 0;
      const start = press;
      press = null;
      const current = latest.current.sketch;
      if (!current || !start || start.id !== e.pointerId || e.button > 0) return;
      const p = local(e);
      if (Math.hypot(p.x - start.x, p.y - start.y) > TAP_TOLERANCE_PX) return;
      const placed = placedPoints(current);
      const first = placed[0];
      const last = placed.at(-1);
      const result = tap(current, lonLatAt(p), { onFirst: near(first, p), onLast: near(last, p) });
      if (!result.done) return latest.current.onSketch(result.sketch);
      // The drawing ends here, and with it the listener below, before this tap's click arrives.
      swallowNextClick(container);
      finish(result.done);
    };
    const onPointerCancel = (e: PointerEvent) => {
      pressed.delete(e.pointerId);
      press = null;
    };
    const onDoubleClick = (e: MouseEvent) => {
      e.preventDefault();
      const current = latest.current.sketch;
      if (current) finish(closePolygon(current));
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const current = latest.current.sketch;
      if (!current) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        latest.current.onCancel();
      } else if (isTextField(e.target)) {
        // Backspace and Enter belong to the field being typed in.
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        latest.current.onSketch(undo(current));
      } else if (e.key === 'Enter') {
        finish(closePolygon(current));
      }
    };

    map.doubleClickZoom.disable();
    container.classList.add('is-drawing');
    const unlisten = [
      listen(container, 'pointerdown', onPointerDown),
      listen(container, 'pointermove', onPointerMove),
      listen(container, 'pointerup', onPointerUp),
      listen(container, 'pointercancel', onPointerCancel),
      listen(container, 'dblclick', onDoubleClick),
      listen(container, 'click', swallowClick, true),
      listen(window, 'keydown', onKeyDown),
    ];
    return () => {
      cancelAnimationFrame(frame);
      map.doubleClickZoom.enable();
      container.classList.remove('is-drawing');
      for (const off of unlisten) off();
    };
  }, [map, drawing]);

  if (!sketch) return null;
  return <DrawToolbar sketch={sketch} onSketch={onSketch} onDone={onDone} onCancel={onCancel} />;
}

/** Adds a listener and returns what removes it, so nothing added can be left behind. */
function listen<K extends keyof WindowEventMap>(
  target: Window,
  type: K,
  handler: (e: WindowEventMap[K]) => void,
): () => void;
function listen<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  handler: (e: HTMLElementEventMap[K]) => void,
  capture?: boolean,
): () => void;
function listen(target: EventTarget, type: string, handler: EventListener, capture = false): () => void {
  target.addEventListener(type, handler, capture);
  return () => target.removeEventListener(type, handler, capture);
}

/** Stops the click that is about to follow a tap from reaching the map (capture runs first). */
function swallowNextClick(container: HTMLElement) {
  const swallow = (e: MouseEvent) => e.stopPropagation();
  container.addEventListener('click', swallow, { capture: true, once: true });
  setTimeout(() => container.removeEventListener('click', swallow, true), CLICK_WAIT_MS);
}

/** What to do next, the shape's size so far, and buttons for what a finger cannot do with keys. */
function DrawToolbar({
  sketch,
  onSketch,
  onDone,
  onCancel,
}: Pick<MapDrawProps, 'onSketch' | 'onDone' | 'onCancel'> & { sketch: Sketch }) {
  const { t } = useT();
  const closed = closePolygon(sketch);
  const radius = pendingRadiusKm(sketch);
  const placed = placedPoints(sketch).length;
  return (
    <div
      className="draw-toolbar card"
      role="toolbar"
      aria-label={t('draw.toolbar')}
      data-testid="draw-toolbar"
    >
      <p className="draw-hint">{t(`draw.${sketch.mode}.hint`)}</p>
      {sketch.mode !== 'point' && (
        <p className="draw-status mono" aria-live="polite" data-testid="draw-status">
          {sketch.mode === 'polygon'
            ? t('draw.vertices', { count: sketch.vertices.length })
            : radius !== null
              ? t('draw.radius', { radius: formatRadiusKm(radius) })
              : t(sketch.center ? 'draw.circle.edge' : 'draw.circle.centre')}
        </p>
      )}
      <div className="form-actions">
        {sketch.mode === 'polygon' && (
          <button
            type="button"
            className="primary-button"
            data-testid="draw-finish"
            disabled={!closed}
            onClick={() => closed && onDone(closed)}
          >
            {t('draw.finish')}
          </button>
        )}
        <button
          type="button"
          className="text-button"
          data-testid="draw-undo"
          disabled={placed === 0}
          onClick={() => onSketch(undo(sketch))}
        >
          {t('draw.undo')}
        </button>
        <button type="button" className="text-button is-danger" data-testid="draw-cancel" onClick={onCancel}>
          {t('draw.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The points a tap may land on: a polygon's vertices, a circle's centre; a point has none yet. */
function placedPoints(sketch: Sketch): LonLat[] {
  if (sketch.mode === 'polygon') return sketch.vertices;
  if (sketch.mode === 'circle') return sketch.center ? [sketch.center] : [];
  return [];
}
