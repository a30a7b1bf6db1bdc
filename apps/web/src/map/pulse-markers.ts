import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import './pulse-markers.css';

export interface PulsePoint {
  /** Stable across updates (the feature id), so a ring that stays is not recreated. */
  id: number;
  lon: number;
  lat: number;
}

/** One beat a second: enough to catch the eye across a hall. */
const BEAT_MS = 1_000;
const BEAT_CLASS = 'pulse-beat';

/**
 * Beating rings over the map, as HTML elements: a timer flips one class on the map's container
 * once a second and CSS draws the two sizes, so each beat is one style change and one composite —
 * neither the map nor deck.gl redraws and React does not re-render. The beat runs only while a ring
 * is shown, and not at all for users who ask for reduced motion (the rings then stay still).
 *
 * Why not a smooth CSS animation: every frame of one costs a composite of the whole screen (map
 * canvases, blurred panels over them). A wall's GPU does that in a blink; a software renderer — a
 * VM, a test browser — spent most of its main thread on it (see docs/architecture.md).
 */
export class PulseMarkers {
  readonly #map: MapLibreMap;
  readonly #markers = new Map<number, Marker>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  /** Shows rings at exactly these points: new ones added, gone ones removed, the rest left. */
  set(points: readonly PulsePoint[]): void {
    const wanted = new Set<number>();
    for (const p of points) {
      wanted.add(p.id);
      const existing = this.#markers.get(p.id);
      if (existing) {
        existing.setLngLat([p.lon, p.lat]);
        continue;
      }
      const element = document.createElement('div');
      element.className = 'pulse-ring';
      element.setAttribute('aria-hidden', 'true');
      element.dataset.id = String(p.id);
      this.#markers.set(p.id, new Marker({ element }).setLngLat([p.lon, p.lat]).addTo(this.#map));
    }
    for (const [id, marker] of this.#markers) {
      if (wanted.has(id)) continue;
      marker.remove();
      this.#markers.delete(id);
    }
    this.#beat(this.#markers.size > 0);
  }

  clear(): void {
    this.set([]);
  }

  #beat(on: boolean): void {
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (on && !still && this.#timer === undefined) {
      const container = this.#map.getContainer();
      this.#timer = setInterval(() => container.classList.toggle(BEAT_CLASS), BEAT_MS);
    } else if ((!on || still) && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.#map.getContainer().classList.remove(BEAT_CLASS);
    }
  }
}
