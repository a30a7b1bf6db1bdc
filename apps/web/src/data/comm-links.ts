import type { CommLinkFeature, LinkStatus } from '@onemap/domain';
import { type BBox, bboxIntersects, bboxOfCoordinates } from '@onemap/geo';
import { queryOptions } from '@tanstack/react-query';
import { HttpError } from './errors';

/** The links as drawn: the GeoJSON features with the bounding box of each, for counting in view. */
export interface LinkData {
  features: readonly CommLinkFeature[];
  bboxes: readonly BBox[];
}

export const COMM_LINKS_URL = '/api/v1/layers/commLinks.geojson';

export async function fetchCommLinks(signal?: AbortSignal): Promise<LinkData> {
  const response = await fetch(COMM_LINKS_URL, { signal });
  if (!response.ok) throw new HttpError(COMM_LINKS_URL, response.status);
  const collection = (await response.json()) as { features: CommLinkFeature[] };
  const features = collection.features.filter((f) => f.geometry?.coordinates?.length >= 2);
  return { features, bboxes: features.map((f) => bboxOfCoordinates(f.geometry.coordinates)) };
}

export const COMM_LINKS_QUERY = 'comm-links';

export const commLinksQuery = queryOptions({
  queryKey: [COMM_LINKS_QUERY],
  queryFn: ({ signal }) => fetchCommLinks(signal),
  staleTime: 2 * 60_000,
});

/** Links with any part of their extent in the view. */
export function linksInView(data: LinkData, view: BBox): number {
  let n = 0;
  for (const b of data.bboxes) if (bboxIntersects(b, view)) n++;
  return n;
}

export function linksByStatus(data: LinkData): Partial<Record<LinkStatus, number>> {
  const out: Partial<Record<LinkStatus, number>> = {};
  for (const f of data.features) {
    const s = f.properties.status as LinkStatus;
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}
