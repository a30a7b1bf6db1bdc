import type { Layer, PickingInfo } from '@deck.gl/core';
import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { type CameraFeature, sensingLayers } from '@onemap/domain';
import { type Polygon, viewCone } from '@onemap/geo';
import { type CameraData, cameraSource } from '../data/sensing';
import { colors, pickHighlight, withAlpha } from './palette';
import { deckLayerId, defineFeatureLayer, type FeatureRenderProps, type LegendEntry } from './types';

/** Below this zoom a cone is a few pixels wide: only the cameras are drawn. */
export const CONE_MIN_ZOOM = 10;

const CAMERA_COLOR = colors.purple;
const legend: readonly LegendEntry[] = [
  { code: 'camera', label: sensingLayers.cameras.label, color: CAMERA_COLOR },
];

interface Cone {
  camera: CameraFeature;
  polygon: Polygon;
}

/** Cones depend only on the data: built once per answer, and only once a zoom needs them. */
const conesCache = new WeakMap<CameraData, Cone[]>();
function conesOf(data: CameraData): Cone[] {
  let cones = conesCache.get(data);
  if (!cones) {
    cones = data.features.map((camera) => {
      const p = camera.properties;
      const [lon, lat] = camera.geometry.coordinates;
      return { camera, polygon: viewCone([lon, lat], p.bearingDeg, p.fovDeg, p.rangeM, 12) };
    });
    conesCache.set(data, cones);
  }
  return cones;
}

/**
 * 视频监控视域: every camera as a point, and from street level on the wedge it sees — bearing,
 * field of view, range. The stream and a still are in the camera's details.
 */
export const cameras = defineFeatureLayer<CameraData>({
  id: 'cameras',
  colorBy: 'category',
  source: cameraSource,
  legend: () => legend,
  renderLayer({ data, scale, zoom }: FeatureRenderProps<CameraData>): Layer[] {
    if (!data || data.features.length === 0) return [];
    const layers: Layer[] = [];
    if (zoom >= CONE_MIN_ZOOM) {
      layers.push(
        new PolygonLayer<Cone>({
          id: deckLayerId('cameras', 'cones'),
          data: conesOf(data),
          getPolygon: (c) => c.polygon.coordinates as never,
          getFillColor: withAlpha(CAMERA_COLOR, 55),
          getLineColor: withAlpha(CAMERA_COLOR, 170),
          getLineWidth: 1,
          lineWidthUnits: 'pixels',
          stroked: true,
          filled: true,
          ...pickHighlight(50),
        }),
      );
    }
    layers.push(
      new ScatterplotLayer<CameraFeature>({
        id: deckLayerId('cameras', 'points'),
        data: data.features as CameraFeature[],
        getPosition: (f) => f.geometry.coordinates,
        getFillColor: [...CAMERA_COLOR],
        getRadius: 4,
        radiusUnits: 'pixels',
        radiusScale: scale,
        radiusMinPixels: 2,
        stroked: true,
        getLineColor: [255, 255, 255, 220],
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        ...pickHighlight(180),
      }),
    );
    return layers;
  },
  featureIdAt(info: PickingInfo): number | null {
    const object = info.object as CameraFeature | Cone | undefined;
    if (!object) return null;
    return 'camera' in object ? object.camera.properties.id : object.properties.id;
  },
  tooltipAt(info: PickingInfo): string | null {
    const object = info.object as CameraFeature | Cone | undefined;
    if (!object) return null;
    return ('camera' in object ? object.camera : object).properties.name;
  },
});
