import { describe, expect, it } from 'vitest';
import { publicLayerModules } from '../src/layers/registry';
import { panelsFor } from '../src/panels/registry';

describe('what each audience is offered', () => {
  it('shows the administration panel to administrators only', () => {
    expect(panelsFor('admin').map((p) => p.id)).toContain('admin');
    for (const role of ['commander', 'duty_officer', 'analyst', 'field_responder'] as const) {
      expect(panelsFor(role).map((p) => p.id)).toEqual(['monitoring', 'dispatch', 'supervision', 'decision']);
    }
    expect(panelsFor(null).map((p) => p.id)).not.toContain('admin');
  });

  it('gives the public zone the public layers only, and the warnings in force', () => {
    expect(publicLayerModules.map((m) => m.id).sort()).toEqual([
      'hospitals',
      'hotspots',
      'shelters',
      'warnings',
    ]);
  });
});
