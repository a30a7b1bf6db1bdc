import { type SensorChange, sensorStates } from '@onemap/domain';
import type { PointTile } from './point-tiles';

interface Place {
  tile: PointTile;
  index: number;
}

/** Live states not yet written into their tiles: per tile, point index → state code. */
export type StateOverrides = ReadonlyMap<PointTile, ReadonlyMap<number, number>>;

/** What a batch from the stream moved: points patched into tiles, or the overrides drawn over them. */
export interface AppliedChanges {
  tiles: boolean;
  overrides: boolean;
}

/**
 * Live sensor states for the decoded sensor tiles, so a reading turns a point red without reloading
 * its tile. Each sensor is found through an id → (tile, index) lookup built as tiles are decoded;
 * the newest state seen per sensor is kept too, and applied to a tile decoded after the change (a
 * later view, or a cached tile revalidated from the browser's copy).
 *
 * A change is held as an override first: the map draws the overridden points on its live canvas,
 * over the tiles, so a state change redraws a handful of points instead of every sensor (on a
 * software renderer a redraw of 50,000 costs most of a second). `fold` writes the overrides into
 * the tiles, one full redraw for however many changes, when the stream goes quiet or they pile up.
 */
export class LiveSensorStates {
  readonly #where = new Map<number, Place>();
  readonly #seen = new Map<number, number>();
  readonly #overrides = new Map<PointTile, Map<number, number>>();
  #overrideCount = 0;

  /** Indexes a freshly decoded sensors tile and applies the changes already seen to it. */
  add(tile: PointTile): void {
    const { ids, state } = tile.batch;
    let patched = false;
    for (let i = 0; i < tile.batch.count; i++) {
      const id = ids[i] as number;
      const earlier = this.#where.get(id);
      // The tile this one replaces no longer draws the point: its override goes with it.
      if (earlier && earlier.tile !== tile) this.#dropOverride(earlier);
      this.#where.set(id, { tile, index: i });
      const code = this.#seen.get(id);
      if (code !== undefined && state[i] !== code) {
        state[i] = code;
        patched = true;
      }
    }
    if (patched) tile.revision++;
  }

  /**
   * Applies a batch from the stream, as overrides or (`intoTiles`) straight into the tiles, and
   * says which moved. Sensors in no loaded tile are only remembered for when their tile arrives.
   */
  apply(changes: readonly SensorChange[], options: { intoTiles?: boolean } = {}): AppliedChanges {
    const touched = new Set<PointTile>();
    let overrides = false;
    for (const change of changes) {
      const code = sensorStates.indexOf(change.state);
      if (code < 0) continue;
      this.#seen.set(change.id, code);
      const place = this.#where.get(change.id);
      if (!place) continue;
      const drawn = place.tile.batch.state[place.index];
      if (options.intoTiles) {
        overrides = this.#dropOverride(place) || overrides;
        if (drawn === code) continue;
        place.tile.batch.state[place.index] = code;
        touched.add(place.tile);
      } else if (drawn === code) {
        overrides = this.#dropOverride(place) || overrides;
      } else {
        let byIndex = this.#overrides.get(place.tile);
        if (byIndex?.get(place.index) === code) continue;
        if (!byIndex) {
          byIndex = new Map();
          this.#overrides.set(place.tile, byIndex);
        }
        if (!byIndex.has(place.index)) this.#overrideCount++;
        byIndex.set(place.index, code);
        overrides = true;
      }
    }
    for (const tile of touched) tile.revision++;
    return { tiles: touched.size > 0, overrides };
  }

  /** Writes the overrides into their tiles; whether any tile changed (each changed one is redrawn). */
  fold(): boolean {
    if (this.#overrideCount === 0) return false;
    for (const [tile, byIndex] of this.#overrides) {
      for (const [index, code] of byIndex) tile.batch.state[index] = code;
      tile.revision++;
    }
    this.#overrides.clear();
    this.#overrideCount = 0;
    return true;
  }

  /** The states drawn over the tiles until the next fold. */
  get overrides(): StateOverrides {
    return this.#overrides;
  }

  get overrideCount(): number {
    return this.#overrideCount;
  }

  /** The state shown for a sensor, or null when no loaded tile holds it. */
  stateOf(id: number): string | null {
    const place = this.#where.get(id);
    if (!place) return null;
    const code = this.#overrides.get(place.tile)?.get(place.index) ?? place.tile.batch.state[place.index];
    return sensorStates.at(code as number) ?? null;
  }

  /**
   * Forgets the changes seen, once tiles are about to be refetched after a gap in the stream: the
   * fresh tiles are newer than anything remembered.
   */
  forgetSeen(): void {
    this.#seen.clear();
  }

  /** Forgets everything, when the user (and with them the region) changes. */
  reset(): void {
    this.#where.clear();
    this.#seen.clear();
    this.#overrides.clear();
    this.#overrideCount = 0;
  }

  #dropOverride(place: Place): boolean {
    const byIndex = this.#overrides.get(place.tile);
    if (!byIndex?.delete(place.index)) return false;
    this.#overrideCount--;
    if (byIndex.size === 0) this.#overrides.delete(place.tile);
    return true;
  }
}

/** The app's one instance, fed by the sensors tile query and the live subscription. */
export const liveSensors = new LiveSensorStates();
