import { describe, expect, it } from 'vitest';
import { pointLayerIds, pointLayers, tileRequestSchema } from '../src/layers.js';
import * as vocab from '../src/vocabulary.js';

const vocabularies = Object.entries(vocab as Record<string, unknown>).filter(
  (entry): entry is [string, vocab.Vocabulary<string>] =>
    typeof entry[1] === 'object' && entry[1] !== null && 'codes' in entry[1],
);

describe('vocabularies', () => {
  it('give every code a Chinese and an English label', () => {
    expect(vocabularies.length).toBeGreaterThan(15);
    for (const [name, v] of vocabularies) {
      for (const code of v.codes) {
        expect(v.labels[code]?.zh, `${name}.${code}.zh`).toMatch(/\S/);
        expect(v.labels[code]?.en, `${name}.${code}.en`).toMatch(/\S/);
      }
    }
  });

  it('map codes to wire positions and back, within a byte', () => {
    for (const [, v] of vocabularies) {
      expect(v.codes.length).toBeLessThanOrEqual(256);
      v.codes.forEach((code, i) => {
        expect(v.indexOf(code)).toBe(i);
        expect(v.at(i)).toBe(code);
      });
      expect(v.at(v.codes.length)).toBeUndefined();
      expect(v.labelOf(v.codes[0])).toBe(v.labels[v.codes[0]]);
      expect(v.labelOf('no such code')).toBeUndefined();
      expect(v.labelOf('toString')).toBeUndefined();
    }
  });

  it('validate with zod, naming the bad value', () => {
    expect(vocab.sensorStates.schema.parse('alarm')).toBe('alarm');
    const result = vocab.sensorStates.schema.safeParse('on fire');
    expect(result.success).toBe(false);
  });

  it('cover the national classification: four classes, four levels, every type in a class', () => {
    expect(vocab.incidentClasses.codes).toEqual([
      'natural_disaster',
      'accident',
      'public_health',
      'social_security',
    ]);
    expect(vocab.incidentLevels.codes).toEqual(['I', 'II', 'III', 'IV']);
    for (const type of vocab.incidentTypes.codes) {
      expect(vocab.incidentClasses.codes).toContain(vocab.incidentClassOfType[type]);
    }
  });

  it('give every sensor kind defaults whose warning comes before its alarm', () => {
    for (const kind of vocab.sensorKinds.codes) {
      const d = vocab.sensorKindDefaults[kind];
      expect(d.intervalS).toBeGreaterThan(0);
      expect(d.normal[0]).toBeLessThanOrEqual(d.normal[1]);
      expect(d.physical[0], kind).toBeLessThanOrEqual(d.normal[0]);
      expect(d.physical[1], kind).toBeGreaterThanOrEqual(Math.max(d.normal[1], d.alarm ?? d.normal[1]));
      if (d.warn !== null && d.alarm !== null) {
        expect(d.warn).toBeLessThan(d.alarm);
        expect(d.normal[1]).toBeLessThan(d.warn);
      }
    }
  });
});

describe('point layers', () => {
  it('are each described once, with an id that matches their key', () => {
    for (const id of pointLayerIds) expect(pointLayers[id].id).toBe(id);
  });

  it('validate tile addresses from URL strings', () => {
    expect(tileRequestSchema.parse({ layer: 'sensors', z: '5', x: '26', y: '12' })).toEqual({
      layer: 'sensors',
      z: 5,
      x: 26,
      y: 12,
    });
    const bad = tileRequestSchema.safeParse({ layer: 'nope', z: '99', x: '-1', y: 'a' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues.map((i) => i.path[0]).sort()).toEqual(['layer', 'x', 'y', 'z']);
  });
});
