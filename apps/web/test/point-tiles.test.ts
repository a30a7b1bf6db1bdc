import { encodePointBatch } from '@onemap/domain';
import { tileKey } from '@onemap/geo';
import { QueryClient, replaceEqualDeep } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import {
  pointStatsInView,
  pointTileQuery,
  pointTileUrl,
  SERVICE_EXTENT,
  tilesForView,
  toPointTile,
} from '../src/data/point-tiles';

const bytesOf = (rows: Parameters<typeof encodePointBatch>[0]) =>
  encodePointBatch(rows).buffer as ArrayBuffer;

describe('tilesForView', () => {
  it('covers a view of Beijing with the tile holding it', () => {
    const tiles = tilesForView([116.2, 39.8, 116.6, 40.0], 5);
    expect(tiles.map((t) => tileKey(t.z, t.x, t.y))).toEqual(['5/26/12']);
  });

  it('asks for a single tile at zoom 0', () => {
    expect(tilesForView([100, 20, 120, 40], 0)).toEqual([{ z: 0, x: 0, y: 0 }]);
  });

  it('clips a world view to the service extent instead of asking for the whole world', () => {
    const world = tilesForView([-180, -85, 180, 85], 5);
    const china = tilesForView(SERVICE_EXTENT, 5);
    expect(world).toEqual(china);
    expect(world.length).toBeLessThan(60);
  });

  it('asks for nothing when the view is far from China', () => {
    expect(tilesForView([-80, 30, -70, 40], 5)).toEqual([]);
  });
});

describe('pointTileQuery', () => {
  const tile = { z: 5, x: 26, y: 12 };

  it('fetches a tile once and serves it from the cache when the view comes back', async () => {
    const fetcher = vi.fn(async () => bytesOf([{ id: 7, lon: 116.4, lat: 39.9, category: 1, state: 2 }]));
    const client = new QueryClient();
    const first = await client.fetchQuery(pointTileQuery('sensors', tile, fetcher));
    const again = await client.fetchQuery(pointTileQuery('sensors', tile, fetcher));
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher).toHaveBeenCalledWith(pointTileUrl('sensors', tile), expect.anything());
    expect(again).toBe(first);
    expect(first.key).toBe('5/26/12');
    expect(Array.from(first.batch.ids)).toEqual([7]);
  });

  it('keeps layers apart: the same address in another layer is another tile', async () => {
    const fetcher = vi.fn(async (_url: string) => bytesOf([]));
    const client = new QueryClient();
    await client.fetchQuery(pointTileQuery('sensors', tile, fetcher));
    await client.fetchQuery(pointTileQuery('enterprises', tile, fetcher));
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(fetcher.mock.calls.map((c) => c[0])).toEqual([
      '/api/v1/layers/sensors/tiles/5/26/12.bin',
      '/api/v1/layers/enterprises/tiles/5/26/12.bin',
    ]);
  });
});

describe('toPointTile', () => {
  it('interleaves positions the way deck.gl reads them', () => {
    const t = toPointTile(
      'teams',
      { z: 0, x: 0, y: 0 },
      bytesOf([
        { id: 1, lon: 100, lat: 30, category: 0, state: 0 },
        { id: 2, lon: 110, lat: 35, category: 0, state: 0 },
      ]),
    );
    expect(Array.from(t.positions)).toEqual([100, 30, 110, 35]);
    expect(t.bbox[0]).toBe(-180);
  });

  it('rejects bytes that are not a point batch', () => {
    expect(() => toPointTile('teams', { z: 0, x: 0, y: 0 }, new ArrayBuffer(12))).toThrow(/magic/);
  });

  it('survives react-query structural sharing as itself, so live patches reach what the map draws', () => {
    const point = { id: 1, lon: 100, lat: 30, category: 0, state: 0 };
    const a = toPointTile('sensors', { z: 5, x: 25, y: 12 }, bytesOf([point]));
    const b = toPointTile('sensors', { z: 5, x: 26, y: 12 }, bytesOf([point]));
    // What useQueries' combine does between two renders, when a tile arrives ahead of another.
    const shared = replaceEqualDeep({ sensors: [b] }, { sensors: [a, b] });
    expect(shared.sensors[0]).toBe(a);
    expect(shared.sensors[1]).toBe(b);
  });
});

describe('pointStatsInView', () => {
  const tile = toPointTile(
    'sensors',
    { z: 0, x: 0, y: 0 },
    bytesOf([
      { id: 1, lon: 116.4, lat: 39.9, category: 0, state: 0 },
      { id: 2, lon: 121.5, lat: 31.2, category: 1, state: 2 },
      { id: 3, lon: 113.3, lat: 23.1, category: 1, state: 2 },
      { id: 4, lon: 87.6, lat: 43.8, category: 2, state: 3 },
    ]),
  );

  it('counts only the points inside the view, by category and state', () => {
    const stats = pointStatsInView([tile], [110, 20, 125, 42], 3, 5);
    expect(stats.count).toBe(3);
    expect(stats.byCategory).toEqual([1, 2, 0]);
    expect(stats.byState).toEqual([1, 0, 2, 0, 0]);
  });

  it('counts a tile wholly inside the view in full', () => {
    const small = toPointTile(
      'sensors',
      { z: 5, x: 26, y: 12 },
      bytesOf([{ id: 9, lon: 116.4, lat: 39.9, category: 0, state: 0 }]),
    );
    expect(pointStatsInView([small], [100, 30, 130, 50], 1, 1).count).toBe(1);
    expect(pointStatsInView([small], [0, 0, 10, 10], 1, 1).count).toBe(0);
  });
});
