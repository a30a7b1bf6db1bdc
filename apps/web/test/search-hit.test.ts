import type { SearchHit } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { cameraTargetForHit, featureRefForHit, POINT_ZOOM } from '../src/features/search/search-hit';

const hit = (over: Partial<SearchHit>): SearchHit => ({
  kind: 'sensors',
  id: '42',
  layer: 'sensors',
  name: '西湖水位站',
  alias: null,
  subtitle: null,
  lon: 120.15,
  lat: 30.25,
  bbox: null,
  ...over,
});

describe('search hits', () => {
  it('fits a region to its extent and opens nothing', () => {
    const region = hit({ kind: 'region', id: '330000', layer: 'regions', bbox: [118, 27, 123, 31.2] });
    expect(cameraTargetForHit(region)).toEqual({ kind: 'bounds', bbox: [118, 27, 123, 31.2] });
    expect(featureRefForHit(region)).toBeNull();
  });

  it('flies to a point feature and opens its details', () => {
    expect(cameraTargetForHit(hit({}))).toEqual({ kind: 'point', lon: 120.15, lat: 30.25, zoom: POINT_ZOOM });
    expect(featureRefForHit(hit({}))).toEqual({ layer: 'sensors', id: 42 });
  });

  it('flies to a city without opening a drawer', () => {
    const city = hit({ kind: 'city', id: '3301', layer: null });
    expect(cameraTargetForHit(city)).toMatchObject({ kind: 'point' });
    expect(featureRefForHit(city)).toBeNull();
  });
});
