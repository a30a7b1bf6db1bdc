import type { PickingInfo } from '@deck.gl/core';
import type { CameraFeature, HotspotFeature, SensingAreaFeature } from '@onemap/domain';
import { hotspotAges } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import {
  cameraSource,
  hotspotSource,
  prepareAreas,
  prepareHotspots,
  sensingAreaSource,
} from '../src/data/sensing';
import { CONE_MIN_ZOOM, cameras } from '../src/layers/cameras';
import { hotspots } from '../src/layers/hotspots';
import { tooltipOfPick } from '../src/layers/registry';
import { sensingAreas } from '../src/layers/sensing-areas';

const NOW = Date.parse('2026-11-25T08:00:00Z');

function hotspot(id: number, lon: number, lat: number, hoursAgo: number): HotspotFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      id,
      code: `RS${id}`,
      channel: 'satellite',
      platform: '风云三号D',
      sensor: 'MERSI-II',
      acquiredAt: new Date(NOW - hoursAgo * 3600_000).toISOString(),
      confidence: 'high',
      brightnessK: 340,
      frpMw: 12,
    },
  };
}

const square = (lon: number, lat: number, d: number) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ] as [number, number][],
];

function areaFeature(id: number, geometry: SensingAreaFeature['geometry']): SensingAreaFeature {
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      id,
      code: `RS${id}`,
      name: '鄱阳湖都昌段洪水淹没范围',
      channel: 'satellite',
      kind: 'flood_extent',
      platform: '高分三号',
      sensor: 'C-SAR',
      acquiredAt: '2026-11-25T02:10:00.000Z',
    },
  };
}

describe('hotspots', () => {
  it('ages each detection as of the answer and counts those in view', () => {
    const data = prepareHotspots(
      [
        hotspot(1, 101.3, 27.9, 1),
        hotspot(2, 101.4, 27.9, 20),
        hotspot(3, 120.1, 30.2, 70),
        hotspot(4, 120, 30, 90),
      ],
      NOW,
    );
    expect(data.items.map((i) => i.age)).toEqual(['h6', 'h24', 'h72', 'older']);
    expect(hotspotSource.count(data)).toBe(4);
    expect(hotspotSource.countInView(data, [100, 27, 102, 29])).toBe(2);
  });

  it('has a legend entry per age class and says platform and time on hover', () => {
    expect(hotspots.legend().map((e) => e.code)).toEqual([...hotspotAges.codes]);
    const data = prepareHotspots([hotspot(7, 101.3, 27.9, 1)], NOW);
    const [layer] = hotspots.renderLayer({ data, scale: 1, zoom: 6 });
    const info = { layer, picked: true, object: data.items[0] } as unknown as PickingInfo;
    expect(hotspots.featureIdAt(info)).toBe(7);
    // Beijing time, to the minute.
    expect(tooltipOfPick(info, 'zh')).toBe('风云三号D · 2026-11-25 15:00');
    expect(hotspots.renderLayer({ data: undefined, scale: 1, zoom: 6 })).toEqual([]);
  });
});

describe('remote-sensing areas', () => {
  it('draws a multipolygon as its parts and counts it once, by the box of all of them', () => {
    const data = prepareAreas([
      areaFeature(1, { type: 'Polygon', coordinates: square(116, 29, 0.2) }),
      areaFeature(2, { type: 'MultiPolygon', coordinates: [square(112, 29, 0.1), square(113, 30, 0.1)] }),
    ]);
    expect(data.parts.map((p) => p.feature.id)).toEqual([1, 2, 2]);
    expect(data.bboxes[1]).toEqual([112, 29, 113.1, 30.1]);
    expect(sensingAreaSource.countInView(data, [112.9, 29.9, 113.5, 30.5])).toBe(1);
    expect(sensingAreaSource.count(data)).toBe(2);
    const info = {
      layer: { id: 'sensingAreas|filled' },
      picked: true,
      object: data.parts[0],
    } as unknown as PickingInfo;
    expect(sensingAreas.featureIdAt(info)).toBe(1);
    expect(tooltipOfPick(info, 'en')).toBe('高分三号 Flood extent · 2026-11-25 10:10');
  });
});

describe('camera views', () => {
  const camera: CameraFeature = {
    type: 'Feature',
    id: 9,
    geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    properties: {
      id: 9,
      code: 'CAM0000009',
      name: '西湖东门监控点001',
      state: 'normal',
      bearingDeg: 90,
      fovDeg: 60,
      rangeM: 300,
      ptz: false,
    },
  };
  const data = { features: [camera] };

  it('draws cameras at every zoom and their view cones only from street level', () => {
    const ids = (zoom: number) => cameras.renderLayer({ data, scale: 1, zoom }).map((l) => l.id);
    expect(ids(CONE_MIN_ZOOM - 0.5)).toEqual(['cameras|points']);
    expect(ids(CONE_MIN_ZOOM)).toEqual(['cameras|cones', 'cameras|points']);
    expect(cameraSource.countInView(data, [120, 30, 121, 31])).toBe(1);
  });

  it('opens the camera from its cone as from its point', () => {
    const [cones] = cameras.renderLayer({ data, scale: 1, zoom: 12 });
    if (!cones) throw new Error('nothing drawn');
    const [cone] = cones.props.data as Array<{
      camera: CameraFeature;
      polygon: { coordinates: number[][][] };
    }>;
    if (!cone) throw new Error('no cone drawn');
    // The wedge starts and ends at the camera and reaches 300 m east.
    const ring = cone.polygon.coordinates[0] as number[][];
    expect(ring[0]).toEqual([120.15, 30.27]);
    expect(Math.max(...ring.map((p) => p[0] as number))).toBeCloseTo(
      120.15 + 0.3 / (111.195 * Math.cos((30.27 * Math.PI) / 180)),
      4,
    );
    expect(cameras.featureIdAt({ object: cone } as unknown as PickingInfo)).toBe(9);
    expect(cameras.featureIdAt({ object: camera } as unknown as PickingInfo)).toBe(9);
  });
});
