import type { Deck } from '@deck.gl/core';
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import type { LngLat, Map as MapLibreMap } from 'maplibre-gl';
import { type CanvasView, panShift } from './pan-shift';

/** How far a pan slides a canvas before it is redrawn: a quarter of its width or height. */
const MAX_SHIFT = 0.25;
/**
 * How long after the last slide the canvas is redrawn for the view it stands for: half a second,
 * or three of the map's frames where they come slower than that. On a CPU the basemap alone takes
 * 250–350 ms a frame, unevenly, and a pan that goes on must not be taken for one that paused between
 * two of its frames: each such redraw costs the next frame up to a second.
 */
const SETTLE_MS = 500;
const SETTLE_FRAMES = 3;
const MAX_SETTLE_MS = 1500;

type PickParams = { x: number; y: number };
/** A map pointer event: drag events carry no point. */
type MapPointerEvent = { type: string; point?: PickParams };
type MouseHandler = (event: MapPointerEvent) => void;

/** The map's pointer events MapboxOverlay hands to deck.gl (hover, its own click and drag). */
const POINTER_EVENTS = [
  'mousedown',
  'dragstart',
  'drag',
  'dragend',
  'mousemove',
  'mouseout',
  'click',
  'dblclick',
] as const;

function viewOf(map: MapLibreMap): CanvasView {
  const canvas = map.getCanvas();
  return {
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    pitch: map.getPitch(),
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    padding: JSON.stringify(map.getPadding()),
  };
}

/** Hundredths of a pixel: what is left of a round trip through `unproject` and `project`. */
const round = (v: number) => Math.round(v * 100) / 100;

/**
 * deck.gl's overlay of a MapLibre map (a canvas of its own over the basemap) that, with `slide`,
 * follows pans by sliding its canvas instead of redrawing it (see `panShift`), and redraws once
 * the pan pauses or has slid a quarter of the view. For software renderers: with 136,000 points the
 * map panned at ~0.9 frames per second redrawing them every frame, at the basemap's own pace when
 * sliding (docs/performance.md). On a GPU a redraw is cheap and the blank edge a slide shows is not
 * worth it, so there it behaves as the plain overlay.
 *
 * Picks and hover are made where the point under the pointer was drawn, so a click or a tooltip
 * during a slide finds what the user sees.
 */
export class SlidingOverlay extends MapboxOverlay {
  private readonly slide: boolean;
  private map: MapLibreMap | null = null;
  private container: HTMLElement | null = null;
  /** MapboxOverlay's own handler of the map's frames: hand deck.gl the map's view and redraw. */
  private redrawForView: (() => void) | null = null;
  /** MapboxOverlay's own handler of the map's pointer events: deck.gl picks at `event.point`. */
  private pointerToDeck: MouseHandler | null = null;
  private drawn: { view: CanvasView; anchor: LngLat } | null = null;
  private shift = { x: 0, y: 0 };
  private settle: ReturnType<typeof setTimeout> | undefined;
  private lastSlideAt = 0;
  /** The map's frame time while it pans: the longest time between two slides, fading. */
  private slideGap = 0;

  constructor(props: MapboxOverlayProps & { slide: boolean }) {
    const { slide, ...overlayProps } = props;
    super(overlayProps);
    this.slide = slide;
  }

  override onAdd(map: unknown): HTMLDivElement {
    const container = super.onAdd(map);
    if (!this.slide) return container;
    const own = this as unknown as { _updateViewState?: () => void; _handleMouseEvent?: MouseHandler };
    // Privates of @deck.gl/mapbox: an upgrade that renames them must fail loudly, not redraw twice.
    if (typeof own._updateViewState !== 'function' || typeof own._handleMouseEvent !== 'function') {
      throw new Error('SlidingOverlay: MapboxOverlay has no _updateViewState or _handleMouseEvent');
    }
    const m = map as MapLibreMap;
    m.off('render', own._updateViewState);
    m.on('render', this.onFrame);
    for (const type of POINTER_EVENTS) {
      m.off(type, own._handleMouseEvent);
      m.on(type, this.onPointer);
    }
    this.map = m;
    this.container = container;
    this.redrawForView = own._updateViewState;
    this.pointerToDeck = own._handleMouseEvent;
    return container;
  }

  override onRemove(): void {
    clearTimeout(this.settle);
    this.map?.off('render', this.onFrame);
    for (const type of POINTER_EVENTS) this.map?.off(type, this.onPointer);
    this.map = null;
    this.container = null;
    this.drawn = null;
    super.onRemove();
  }

  /** Whether the canvas shows the map's view as drawn for it, not slid to it. */
  settled(): boolean {
    return this.settle === undefined;
  }

  override pickObject(params: Parameters<Deck['pickObject']>[0]) {
    return super.pickObject(this.unslid(params));
  }

  override pickMultipleObjects(params: Parameters<Deck['pickMultipleObjects']>[0]) {
    return super.pickMultipleObjects(this.unslid(params));
  }

  override pickObjects(params: Parameters<Deck['pickObjects']>[0]) {
    return super.pickObjects(this.unslid(params));
  }

  private unslid<P extends PickParams>(params: P): P {
    return { ...params, x: params.x - this.shift.x, y: params.y - this.shift.y };
  }

  /** Hover and deck.gl's own pointer handling, where the point under the pointer was drawn. */
  private readonly onPointer = (event: MapPointerEvent) => {
    // Drag events carry no point: deck.gl places them from the (unslid) mousedown and their deltas.
    this.pointerToDeck?.(event.point ? { ...event, point: this.unslid(event.point) } : event);
  };

  private readonly draw = () => {
    const { map, container } = this;
    clearTimeout(this.settle);
    this.settle = undefined;
    if (!map || !container) return;
    this.redrawForView?.();
    container.style.transform = '';
    this.shift = { x: 0, y: 0 };
    this.drawn = { view: viewOf(map), anchor: map.unproject([0, 0]) };
  };

  private readonly onFrame = () => {
    const { map, container, drawn } = this;
    if (!map || !container) return;
    const anchor = drawn && map.project(drawn.anchor);
    const shift = drawn && anchor && panShift(drawn.view, viewOf(map), anchor, MAX_SHIFT);
    if (!shift) return this.draw();
    const x = round(shift.x);
    const y = round(shift.y);
    // A frame of the basemap alone (a tile or a label fading in): nothing to move.
    if (x === this.shift.x && y === this.shift.y) return;
    this.shift = { x, y };
    container.style.transform = `translate(${x}px, ${y}px)`;
    const now = performance.now();
    // The first slide after a redraw comes a redraw later: that is not the map's pace.
    // Frames come unevenly (a fast one, then one that waits for the last to be drawn): the slowest
    // of the last few sets the pace.
    if (this.settle !== undefined) this.slideGap = Math.max(now - this.lastSlideAt, this.slideGap * 0.8);
    this.lastSlideAt = now;
    clearTimeout(this.settle);
    this.settle = setTimeout(
      this.draw,
      Math.min(MAX_SETTLE_MS, Math.max(SETTLE_MS, SETTLE_FRAMES * this.slideGap)),
    );
  };
}
