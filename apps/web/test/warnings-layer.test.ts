import type { PickingInfo } from '@deck.gl/core';
import type { PolygonLayer } from '@deck.gl/layers';
import { haversineKm, type LonLat } from '@onemap/geo';
import { describe, expect, it } from 'vitest';
import { bboxOfPolygons, polygonsOfAreas, type WarningShape } from '../src/data/warnings';
import { colors } from '../src/layers/palette';
import { severityColor, warnings } from '../src/layers/warnings';

const square = (x: number, y: number): LonLat[] => [
  [x, y],
  [x + 0.1, y],
  [x + 0.1, y + 0.1],
  [x, y],
];

describe('the drawn parts of a warning as polygons', () => {
  it('keeps polygons, turns circles into closed 64-gons at the radius, and leaves regions to the server', () => {
    const polygons = polygonsOfAreas([
      { kind: 'polygon', ring: square(120, 30) },
      { kind: 'circle', center: [120.15, 30.25], radiusKm: 5 },
      { kind: 'regions', codes: ['330100'] },
    ]);
    expect(polygons).toHaveLength(2);
    expect(polygons[0]).toEqual([square(120, 30)]);
    const circle = polygons[1]?.[0] ?? [];
    expect(circle).toHaveLength(65);
    expect(circle[0]).toEqual(circle[64]);
    for (const p of circle) expect(haversineKm([120.15, 30.25], p as LonLat)).toBeCloseTo(5, 1);
  });

  it('boxes the outer rings, or says there is nothing to box', () => {
    expect(bboxOfPolygons([[square(120, 30)], [square(121, 31)]])).toEqual([120, 30, 121.1, 31.1]);
    expect(bboxOfPolygons(polygonsOfAreas([{ kind: 'regions', codes: ['330100'] }]))).toBeNull();
  });
});

describe('the warning areas layer', () => {
  const shape = (id: number, severity: string, source: 'own' | 'imported'): WarningShape => ({
    id,
    severity,
    source,
    polygons: [[square(120, 30)], [square(121, 31)]],
    bbox: [120, 30, 121.1, 31.1],
  });

  it('fills each polygon of each warning in its severity colour, outlining imported ones white', () => {
    const [layer] = warnings.renderLayer({
      warnings: [shape(1, 'Severe', 'own'), shape(2, 'Minor', 'imported')],
      scale: 1,
    }) as PolygonLayer<{ warning: WarningShape }>[];
    const parts = layer?.props.data as { warning: WarningShape }[];
    expect(parts.map((p) => p.warning.id)).toEqual([1, 1, 2, 2]);
    // The accessors are functions of a part here; deck.gl's type also allows a constant.
    const fill = layer?.props.getFillColor as unknown as (p: { warning: WarningShape }) => number[];
    const line = layer?.props.getLineColor as unknown as (p: { warning: WarningShape }) => number[];
    expect(fill(parts[0] as { warning: WarningShape })).toEqual([...colors.orange.slice(0, 3), 70]);
    expect(line(parts[0] as { warning: WarningShape })).toEqual([...colors.orange]);
    expect(line(parts[2] as { warning: WarningShape })).toEqual([255, 255, 255, 230]);
    // A click on any polygon of a warning picks that warning.
    expect(warnings.featureIdAt({ object: parts[3] } as PickingInfo)).toBe(2);
  });

  it('draws nothing before the feed arrives, and grey for a severity it does not know', () => {
    expect(warnings.renderLayer({ warnings: undefined, scale: 1 })).toEqual([]);
    expect(severityColor('Catastrophic')).toEqual(colors.grey);
  });
});
