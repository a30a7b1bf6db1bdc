import { type SensorChange, sensorStates } from '@onemap/domain';
import type { PointTile } from './point-tiles';

interface Place {
  tile: PointTile;
  index: number;
}

/**
 * Live sensor states patched into the decoded sensor tiles in place, so a reading turns a point red
 * without reloading its tile. Each sensor is found through an id → (tile, index) lookup built as
 * tiles are decoded; the newest state seen per sensor is kept too, and applied to a tile decoded
 * after the change (a later view, or a cached tile revalidated from the browser's copy).
 */
export class LiveSensorStates {
  readonly #where = new Map<number, Place>();
  readonly #seen = new Map<number, number>();

  /** Indexes a freshly decoded sensors tile and applies the changes already seen to it. */
  add(tile: PointTile): void {
    const { ids, state } = tile.batch;
    let patched = false;
    for (let i = 0; i < tile.batch.count; i++) {
      const id = ids[i] as number;
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
   * Applies a batch from the stream. Returns whether any loaded point changed; sensors in no loaded
   * tile are only remembered for when their tile arrives.
   */
  apply(changes: readonly SensorChange[]): boolean {
    const touched = new Set<PointTile>();
    for (const change of changes) {
      const code = sensorStates.indexOf(change.state);
      if (code < 0) continue;
      this.#seen.set(change.id, code);
      const place = this.#where.get(change.id);
      if (!place || place.tile.batch.state[place.index] === code) continue;
      place.tile.batch.state[place.index] = code;
      touched.add(place.tile);
    }
    for (const tile of touched) tile.revision++;
    return touched.size > 0;
  }

  /** The state drawn for a sensor, or null when no loaded tile holds it. */
  stateOf(id: number): string | null {
    const place = this.#where.get(id);
    if (!place) return null;
    return sensorStates.at(place.tile.batch.state[place.index] as number) ?? null;
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
  }
}

/** The app's one instance, fed by the sensors tile query and the live subscription. */
export const liveSensors = new LiveSensorStates();
