import type { Vocabulary } from '@onemap/domain';
import type { LegendEntry, RGBA } from './types';

/**
 * The status colours operators already know from signal lamps and the national four-colour risk
 * scale, tuned to stay distinct on a dark map and from across a command hall.
 */
export const colors = {
  green: [46, 204, 113, 235],
  yellow: [241, 196, 15, 240],
  orange: [245, 130, 32, 240],
  red: [235, 59, 59, 245],
  blue: [52, 152, 219, 240],
  cyan: [0, 200, 230, 235],
  teal: [26, 188, 156, 235],
  purple: [165, 94, 234, 240],
  grey: [130, 140, 150, 200],
  pink: [255, 99, 146, 240],
  lightPink: [255, 160, 190, 235],
  paleRose: [255, 210, 225, 230],
} as const satisfies Record<string, RGBA>;

/** A colour for every code of a vocabulary, looked up by wire position when drawing. */
export interface ColorScheme {
  readonly vocabulary: Vocabulary<string>;
  /** Colour at each code position, as binary tiles carry codes. */
  readonly byPosition: readonly RGBA[];
  readonly legend: readonly LegendEntry[];
}

/** Typed so that a vocabulary code without a colour fails the type check. */
export function colorScheme<C extends string>(
  vocabulary: Vocabulary<C>,
  byCode: Record<C, RGBA>,
): ColorScheme {
  const legend = vocabulary.codes.map((code) => ({
    code,
    label: vocabulary.labels[code],
    color: byCode[code],
  }));
  return {
    vocabulary: vocabulary as unknown as Vocabulary<string>,
    byPosition: legend.map((e) => e.color),
    legend,
  };
}

/** The colour with another opacity: an area's wash, a track beneath its dot. */
export function withAlpha([r, g, b]: RGBA, alpha: number): [number, number, number, number] {
  return [r, g, b, alpha];
}

/**
 * Props of a layer that can be picked: what is under the pointer lightens with white at this
 * opacity (faint over a large area, strong on a thin line or a dot).
 */
export function pickHighlight(alpha: number) {
  return {
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, alpha] as [number, number, number, number],
  };
}

/** Unknown codes (a newer server than this client) draw grey rather than vanishing. */
export const UNKNOWN_COLOR: RGBA = colors.grey;

/** One RGBA quadruple per point, from its codes: the layout of deck.gl's binary colour attribute. */
export function colorsForCodes(codes: Uint8Array, scheme: ColorScheme): Uint8Array {
  const out = new Uint8Array(codes.length * 4);
  for (let i = 0; i < codes.length; i++) {
    const c = scheme.byPosition[codes[i] as number] ?? UNKNOWN_COLOR;
    out.set(c, i * 4);
  }
  return out;
}
