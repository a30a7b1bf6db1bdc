import { describe, expect, it } from 'vitest';
import { type CanvasView, panShift } from '../src/map/pan-shift';

const view: CanvasView = { zoom: 4, bearing: 0, pitch: 0, width: 1000, height: 800, padding: '{}' };

describe('sliding a drawn canvas to follow a pan', () => {
  it('slides by where the canvas corner has moved when only the centre changed', () => {
    expect(panShift(view, view, { x: 30, y: -12 }, 0.25)).toEqual({ x: 30, y: -12 });
    expect(panShift(view, view, { x: 0, y: 0 }, 0.25)).toEqual({ x: 0, y: 0 });
  });

  it('slides up to a quarter of the view, and redraws past it', () => {
    expect(panShift(view, view, { x: -250, y: 200 }, 0.25)).toEqual({ x: -250, y: 200 });
    expect(panShift(view, view, { x: 251, y: 0 }, 0.25)).toBeNull();
    expect(panShift(view, view, { x: 0, y: -201 }, 0.25)).toBeNull();
  });

  it('redraws when the move is more than a slide', () => {
    const still = { x: 5, y: 5 };
    expect(panShift(view, { ...view, zoom: 4.01 }, still, 0.25)).toBeNull();
    expect(panShift(view, { ...view, bearing: 10 }, still, 0.25)).toBeNull();
    expect(panShift(view, { ...view, pitch: 30 }, still, 0.25)).toBeNull();
    expect(panShift(view, { ...view, width: 1200 }, still, 0.25)).toBeNull();
    expect(panShift(view, { ...view, height: 600 }, still, 0.25)).toBeNull();
    expect(panShift(view, { ...view, padding: '{"left":300}' }, still, 0.25)).toBeNull();
  });

  it('redraws when the corner drawn cannot be placed on screen any more', () => {
    expect(panShift(view, view, { x: Number.NaN, y: 0 }, 0.25)).toBeNull();
    expect(panShift(view, view, { x: 0, y: Number.POSITIVE_INFINITY }, 0.25)).toBeNull();
  });
});
