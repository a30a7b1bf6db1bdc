import type { PointTile } from './point-tiles';

/** Whether a position lies in an administrative region (a polygon test; see region-shapes). */
export interface RegionTest {
  readonly code: string;
  contains(lon: number, lat: number): boolean;
}

/**
 * Which points of a layer to show: the category and state codes allowed (by wire position, as
 * tiles carry them) and a region. Applied on the client to the tiles already loaded, so changing
 * the filter costs no request and live state changes keep applying to it.
 */
export interface PointFilter {
  /** Equal keys filter alike: the caches below key on it. */
  readonly key: string;
  /** 1 where the code at that position is shown; null shows every code. */
  readonly category: Uint8Array | null;
  readonly state: Uint8Array | null;
  readonly region: RegionTest | null;
}

/** A filter over codes from the codes hidden; null when nothing is hidden and no region chosen. */
export function pointFilter(
  codes: { category: readonly string[]; state: readonly string[] },
  hidden: { category: ReadonlySet<string>; state: ReadonlySet<string> },
  region: RegionTest | null,
): PointFilter | null {
  const allowed = (all: readonly string[], off: ReadonlySet<string>) =>
    all.some((c) => off.has(c)) ? Uint8Array.from(all, (c) => (off.has(c) ? 0 : 1)) : null;
  const category = allowed(codes.category, hidden.category);
  const state = allowed(codes.state, hidden.state);
  if (!category && !state && !region) return null;
  const key = `${category?.join('') ?? '*'}|${state?.join('') ?? '*'}|${region?.code ?? '*'}`;
  return { key, category, state, region };
}

const regionMasks = new WeakMap<PointTile, { code: string; mask: Uint8Array }>();
const masks = new WeakMap<PointTile, { key: string; revision: number; mask: Uint8Array }>();

/** Which of a tile's points lie in the region; positions never change, so once per tile and region. */
function regionMask(tile: PointTile, region: RegionTest): Uint8Array {
  const cached = regionMasks.get(tile);
  if (cached?.code === region.code) return cached.mask;
  const { batch } = tile;
  const mask = new Uint8Array(batch.count);
  for (let i = 0; i < batch.count; i++) {
    mask[i] = region.contains(batch.lon[i] as number, batch.lat[i] as number) ? 1 : 0;
  }
  regionMasks.set(tile, { code: region.code, mask });
  return mask;
}

/**
 * 1 for each point of the tile the filter shows, 0 for the others. Cached per tile, revision (live
 * states patched in move points in and out of a state filter) and filter, so the map and the counts
 * share one pass.
 */
export function pointMask(tile: PointTile, filter: PointFilter): Uint8Array {
  const cached = masks.get(tile);
  if (cached && cached.key === filter.key && cached.revision === tile.revision) return cached.mask;
  const { batch } = tile;
  const inRegion = filter.region ? regionMask(tile, filter.region) : null;
  const mask = new Uint8Array(batch.count);
  for (let i = 0; i < batch.count; i++) {
    mask[i] = codesShown(filter, batch.category[i] as number, batch.state[i] as number) ? 1 : 0;
    if (inRegion !== null && inRegion[i] === 0) mask[i] = 0;
  }
  masks.set(tile, { key: filter.key, revision: tile.revision, mask });
  return mask;
}

function codesShown(filter: PointFilter, category: number, state: number): boolean {
  return (
    (filter.category === null || filter.category[category] === 1) &&
    (filter.state === null || filter.state[state] === 1)
  );
}

/** Whether the filter shows a tile's point in `state` (a live state not yet in the tile). */
export function pointShown(
  tile: PointTile,
  index: number,
  state: number,
  filter: PointFilter | null,
): boolean {
  if (!filter) return true;
  if (!codesShown(filter, tile.batch.category[index] as number, state)) return false;
  return filter.region === null || regionMask(tile, filter.region)[index] === 1;
}
