import type { LayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { buildBasemapStyle } from '../src/map/basemap-style';

const sourceOf = (layer: LayerSpecification) => ('source' in layer ? layer.source : null);

describe('basemap style', () => {
  const { layers } = buildBasemapStyle({ language: 'zh', uiScale: 1 });

  it('draws a border line over every fill whose own edge is not smoothed', () => {
    const unsmoothed = layers.filter((l) => l.type === 'fill' && l.paint?.['fill-antialias'] === false);
    expect(unsmoothed.map((l) => l.id)).toEqual(['countries-fill', 'provinces-fill']);
    for (const fill of unsmoothed) {
      const above = layers.slice(layers.indexOf(fill) + 1);
      const border = above.find(
        (l) => l.type === 'line' && sourceOf(l) === sourceOf(fill) && l.minzoom === undefined,
      );
      expect(border, `${fill.id} has a border line at every zoom`).toBeDefined();
    }
  });
});
