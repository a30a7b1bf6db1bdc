import { incidentLevels, pointLayers, sensingLayerIds, sensorStates } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { colorScheme, colors, colorsForCodes, UNKNOWN_COLOR } from '../src/layers/palette';
import { definePointLayer } from '../src/layers/point-layer';
import { layerModules } from '../src/layers/registry';

describe('legend', () => {
  it('lists every code of the vocabulary, in wire order, with its label and colour', () => {
    const scheme = colorScheme(incidentLevels, {
      I: colors.red,
      II: colors.orange,
      III: colors.yellow,
      IV: colors.blue,
    });
    expect(scheme.legend.map((e) => e.code)).toEqual(['I', 'II', 'III', 'IV']);
    expect(scheme.legend[0]?.label.zh).toBe('Ⅰ级 特别重大');
    expect(scheme.legend[0]?.color).toEqual(colors.red);
  });

  it('gives sensors the operators’ signal colours', () => {
    const sensors = layerModules.find((m) => m.id === 'sensors');
    const byCode = Object.fromEntries((sensors?.legend() ?? []).map((e) => [e.code, e.color]));
    expect(byCode).toEqual({
      normal: colors.green,
      warning: colors.yellow,
      alarm: colors.red,
      offline: colors.grey,
      fault: colors.purple,
    });
  });

  it('has a legend entry for every code of the vocabulary each layer colours by', () => {
    for (const m of layerModules) {
      if (m.kind !== 'points') continue;
      const vocabulary = pointLayers[m.id][m.colorBy];
      expect(m.legend().map((e) => e.code)).toEqual([...vocabulary.codes]);
    }
  });

  it('registers each layer once, areas then links first so they draw beneath the points', () => {
    const ids = layerModules.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual(['warnings', 'sensingAreas', 'commLinks']);
    expect([...ids].sort()).toEqual(
      ['warnings', 'commLinks', ...Object.keys(pointLayers), ...sensingLayerIds].sort(),
    );
  });

  it('colours warning areas by the national four-colour warning scale', () => {
    const warnings = layerModules.find((m) => m.id === 'warnings');
    const byCode = Object.fromEntries((warnings?.legend() ?? []).map((e) => [e.code, e.color]));
    expect(byCode).toEqual({
      Extreme: colors.red,
      Severe: colors.orange,
      Moderate: colors.yellow,
      Minor: colors.blue,
      Unknown: colors.grey,
    });
  });
});

describe('colorsForCodes', () => {
  it('writes an RGBA quadruple per point and grey for codes it does not know', () => {
    const scheme = colorScheme(sensorStates, {
      normal: colors.green,
      warning: colors.yellow,
      alarm: colors.red,
      offline: colors.grey,
      fault: colors.purple,
    });
    const out = colorsForCodes(new Uint8Array([2, 0, 99]), scheme);
    expect(Array.from(out.slice(0, 4))).toEqual([...colors.red]);
    expect(Array.from(out.slice(4, 8))).toEqual([...colors.green]);
    expect(Array.from(out.slice(8, 12))).toEqual([...UNKNOWN_COLOR]);
  });
});

describe('definePointLayer', () => {
  it('refuses colours made for another vocabulary than the one it colours by', () => {
    expect(() =>
      definePointLayer({
        id: 'sensors',
        colorBy: 'category',
        colors: colorScheme(sensorStates, {
          normal: colors.green,
          warning: colors.yellow,
          alarm: colors.red,
          offline: colors.grey,
          fault: colors.purple,
        }),
        radius: 3,
      }),
    ).toThrow(/vocabulary/);
  });
});
