import { type OperationsChange, teamStatuses } from '@onemap/domain';
import type { PointTile } from './point-tiles';

export type UnitChange = Extract<OperationsChange, { kind: 'unit' }>;

/** How many positions of a moving unit its trail keeps: about a minute at one every 5 s. */
export const TRAIL_LENGTH = 12;

interface Place {
  tile: PointTile;
  index: number;
}

interface Seen {
  lon: number;
  lat: number;
  state: number;
  ts: string;
}

/**
 * Live unit positions and statuses patched into the decoded teams tiles in place, the way
 * `LiveSensorStates` patches sensor states: a team on the move is drawn where it last reported,
 * in its assignment's colour, without reloading tiles. A unit may drive out of its tile's square;
 * it is still drawn from that tile, which is only where it was when the tile was cut. The last
 * positions of each unit are kept as its trail.
 */
export class LiveTeamPositions {
  readonly #where = new Map<number, Place>();
  readonly #seen = new Map<number, Seen>();
  readonly #trails = new Map<string, Array<[number, number]>>();

  add(tile: PointTile): void {
    let patched = false;
    for (let i = 0; i < tile.batch.count; i++) {
      const id = tile.batch.ids[i] as number;
      this.#where.set(id, { tile, index: i });
      const seen = this.#seen.get(id);
      if (seen && patch(tile, i, seen)) patched = true;
    }
    if (patched) tile.revision++;
  }

  /** Applies unit changes from the stream; returns whether any loaded point moved or changed. */
  apply(changes: readonly UnitChange[]): boolean {
    const touched = new Set<PointTile>();
    for (const c of changes) {
      const state = teamStatuses.indexOf(c.status);
      if (state < 0) continue;
      const before = this.#seen.get(c.id);
      // Positions can arrive out of order; the newest wins, as it does on the server.
      if (before && before.ts > c.ts) continue;
      const seen = { lon: c.lon, lat: c.lat, state, ts: c.ts };
      this.#seen.set(c.id, seen);
      this.#extendTrail(c);
      const place = this.#where.get(c.id);
      if (place && patch(place.tile, place.index, seen)) touched.add(place.tile);
    }
    for (const tile of touched) tile.revision++;
    return touched.size > 0;
  }

  #extendTrail(c: UnitChange): void {
    // A team standing down leaves no trail behind: only units out on an assignment draw one.
    if (c.status === 'available' || c.status === 'unavailable') {
      this.#trails.delete(c.teamCode);
      return;
    }
    const trail = this.#trails.get(c.teamCode) ?? [];
    const last = trail.at(-1);
    if (!last || last[0] !== c.lon || last[1] !== c.lat) trail.push([c.lon, c.lat]);
    if (trail.length > TRAIL_LENGTH) trail.splice(0, trail.length - TRAIL_LENGTH);
    this.#trails.set(c.teamCode, trail);
  }

  /** Where a team is drawn and in which status, or null when no loaded tile holds it. */
  unitOf(id: number): { lon: number; lat: number; status: string } | null {
    const place = this.#where.get(id);
    if (!place) return null;
    const { batch } = place.tile;
    return {
      lon: batch.lon[place.index] as number,
      lat: batch.lat[place.index] as number,
      status: teamStatuses.at(batch.state[place.index] as number) ?? 'unknown',
    };
  }

  /**
   * The trails as line segments, one flat array of starts and one of ends: the cheapest thing
   * deck.gl draws (a quad per segment, no joins to compute), for thousands of units at once.
   */
  trailSegments(): { length: number; sources: Float32Array; targets: Float32Array } {
    let length = 0;
    for (const path of this.#trails.values()) length += Math.max(0, path.length - 1);
    const sources = new Float32Array(length * 2);
    const targets = new Float32Array(length * 2);
    let k = 0;
    for (const path of this.#trails.values()) {
      for (let i = 1; i < path.length; i++) {
        const a = path[i - 1] as [number, number];
        const b = path[i] as [number, number];
        sources[k] = a[0];
        sources[k + 1] = a[1];
        targets[k] = b[0];
        targets[k + 1] = b[1];
        k += 2;
      }
    }
    return { length, sources, targets };
  }

  /** The trails of the units moving now, for the overlay. */
  trails(): Array<{ teamCode: string; path: Array<[number, number]> }> {
    return [...this.#trails]
      .filter(([, path]) => path.length > 1)
      .map(([teamCode, path]) => ({ teamCode, path }));
  }

  forgetSeen(): void {
    this.#seen.clear();
  }

  reset(): void {
    this.#where.clear();
    this.#seen.clear();
    this.#trails.clear();
  }
}

function patch(tile: PointTile, i: number, seen: Seen): boolean {
  const { batch, positions } = tile;
  if (batch.lon[i] === seen.lon && batch.lat[i] === seen.lat && batch.state[i] === seen.state) return false;
  batch.lon[i] = seen.lon;
  batch.lat[i] = seen.lat;
  batch.state[i] = seen.state;
  positions[2 * i] = seen.lon;
  positions[2 * i + 1] = seen.lat;
  return true;
}

/** The app's one instance, fed by the teams tile query and the live operations stream. */
export const liveTeams = new LiveTeamPositions();
