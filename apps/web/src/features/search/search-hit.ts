import { type FeatureRef, type PointLayerId, pointLayerIds, type SearchHit } from '@onemap/domain';
import type { CameraTarget } from '../../state/camera';

/** Street level for a facility: close enough to see what surrounds it. */
export const POINT_ZOOM = 12;
const CITY_ZOOM = 9;

export function cameraTargetForHit(hit: SearchHit): CameraTarget {
  if (hit.bbox) return { kind: 'bounds', bbox: hit.bbox };
  return { kind: 'point', lon: hit.lon, lat: hit.lat, zoom: hit.kind === 'city' ? CITY_ZOOM : POINT_ZOOM };
}

function isPointLayer(layer: string | null): layer is PointLayerId {
  return (pointLayerIds as readonly string[]).includes(layer ?? '');
}

/** The feature whose details open when a hit is chosen: point features only, places just fly. */
export function featureRefForHit(hit: SearchHit): (FeatureRef & { layer: PointLayerId }) | null {
  const id = Number(hit.id);
  return isPointLayer(hit.layer) && Number.isInteger(id) && id > 0 ? { layer: hit.layer, id } : null;
}
