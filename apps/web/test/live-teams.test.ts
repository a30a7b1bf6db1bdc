import { encodePointBatch, teamStatuses } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { LiveTeamPositions, TRAIL_LENGTH, type UnitChange } from '../src/data/live-teams';
import { toPointTile } from '../src/data/point-tiles';

const AVAILABLE = teamStatuses.indexOf('available');

const tileOf = (ids: number[], x = 26) =>
  toPointTile(
    'teams',
    { z: 5, x, y: 12 },
    encodePointBatch(ids.map((id) => ({ id, lon: 120, lat: 30, category: 0, state: AVAILABLE })))
      .buffer as ArrayBuffer,
  );

const unit = (
  id: number,
  lon: number,
  lat: number,
  status: UnitChange['status'],
  ts: string,
): UnitChange => ({
  kind: 'unit',
  id,
  teamCode: `T${id}`,
  teamType: 'fire_rescue',
  status,
  lon,
  lat,
  ts,
  speed: 40,
  heading: null,
});

describe('LiveTeamPositions', () => {
  it('moves a unit in its loaded tile and colours it by its new status', () => {
    const live = new LiveTeamPositions();
    const a = tileOf([1, 2]);
    const b = tileOf([3], 27);
    live.add(a);
    live.add(b);
    expect(live.apply([unit(2, 120.5, 30.25, 'en_route', '2026-11-25T01:00:00Z')])).toBe(true);
    expect(a.batch.lon[1]).toBeCloseTo(120.5, 5);
    expect(a.positions[3]).toBeCloseTo(30.25, 5);
    expect(a.batch.state[1]).toBe(teamStatuses.indexOf('en_route'));
    expect(a.revision).toBe(1);
    expect(b.revision).toBe(0);
  });

  it('keeps the newest position when an older one arrives late', () => {
    const live = new LiveTeamPositions();
    const a = tileOf([1]);
    live.add(a);
    live.apply([unit(1, 121, 31, 'en_route', '2026-11-25T01:00:10Z')]);
    expect(live.apply([unit(1, 120.9, 30.9, 'en_route', '2026-11-25T01:00:05Z')])).toBe(false);
    expect(a.batch.lon[1 - 1]).toBeCloseTo(121, 5);
  });

  it('applies what it saw to a tile loaded later', () => {
    const live = new LiveTeamPositions();
    live.apply([unit(5, 119, 29, 'on_scene', '2026-11-25T01:00:00Z')]);
    const late = tileOf([5]);
    live.add(late);
    expect(late.batch.lon[0]).toBeCloseTo(119, 5);
    expect(late.batch.state[0]).toBe(teamStatuses.indexOf('on_scene'));
    expect(late.revision).toBe(1);
  });

  it('draws a trail of the last positions for units out on a job, none once available', () => {
    const live = new LiveTeamPositions();
    for (let k = 0; k < TRAIL_LENGTH + 5; k++) {
      live.apply([
        unit(1, 120 + k * 0.01, 30, 'en_route', `2026-11-25T01:00:${String(k).padStart(2, '0')}Z`),
      ]);
    }
    const [trail] = live.trails();
    expect(trail?.path).toHaveLength(TRAIL_LENGTH);
    expect(trail?.path.at(-1)?.[0]).toBeCloseTo(120 + (TRAIL_LENGTH + 4) * 0.01, 6);
    const segments = live.trailSegments();
    expect(segments.length).toBe(TRAIL_LENGTH - 1);
    // Each segment ends where the next starts.
    expect(segments.targets[0]).toBe(segments.sources[2]);
    expect(segments.targets[1]).toBe(segments.sources[3]);
    live.apply([unit(1, 120, 30, 'available', '2026-11-25T01:01:00Z')]);
    expect(live.trails()).toEqual([]);
    expect(live.trailSegments().length).toBe(0);
  });
});
