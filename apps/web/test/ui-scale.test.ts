import { describe, expect, it } from 'vitest';
import { MAX_UI_SCALE, MIN_UI_SCALE, uiScaleFor } from '../src/state/ui-scale';

describe('uiScaleFor', () => {
  it('is 1 at the 1920 px design width and doubles on a 4K wall', () => {
    expect(uiScaleFor(1920)).toBe(1);
    expect(uiScaleFor(3840)).toBe(2);
  });

  it('is clamped for laptops, phones and very wide walls', () => {
    expect(uiScaleFor(1366)).toBe(MIN_UI_SCALE);
    expect(uiScaleFor(390)).toBe(MIN_UI_SCALE);
    expect(uiScaleFor(7680)).toBe(MAX_UI_SCALE);
    expect(uiScaleFor(Number.NaN)).toBe(1);
  });
});
