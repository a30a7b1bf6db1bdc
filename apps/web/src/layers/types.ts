import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Label, LayerGroup, LineLayerId, PointLayerId } from '@onemap/domain';
import type { LinkData } from '../data/comm-links';
import type { PointTile } from '../data/point-tiles';

export type LayerId = PointLayerId | LineLayerId;

/** 0–255 per channel, as deck.gl takes colours. */
export type RGBA = readonly [number, number, number, number];

export interface LegendEntry {
  code: string;
  label: Label;
  color: RGBA;
}

interface LayerModuleBase {
  readonly id: LayerId;
  readonly label: Label;
  readonly group: LayerGroup;
  /** Which vocabulary of the layer its colours encode. */
  readonly colorBy: 'category' | 'state';
  legend(): readonly LegendEntry[];
  /** The feature id under a pick of one of this module's deck.gl layers, or null. */
  featureIdAt(info: PickingInfo): number | null;
}

export interface PointRenderProps {
  tiles: readonly PointTile[];
  /** Multiplies every pixel size: see `symbolScale`. */
  scale: number;
  /** Flips once a second while rings pulse; stays 0 when the user prefers reduced motion. */
  pulse: 0 | 1;
}

export interface PointLayerModule extends LayerModuleBase {
  readonly kind: 'points';
  readonly id: PointLayerId;
  /** The state position whose points get a pulsing ring, if any: the page pulses while one shows. */
  readonly ringState?: number;
  renderLayer(props: PointRenderProps): Layer[];
}

export interface LineRenderProps {
  links: LinkData | undefined;
  scale: number;
}

export interface LineLayerModule extends LayerModuleBase {
  readonly kind: 'lines';
  readonly id: LineLayerId;
  renderLayer(props: LineRenderProps): Layer[];
}

export type LayerModule = PointLayerModule | LineLayerModule;

/**
 * The factor for symbol sizes: the UI scale, reduced at national zooms where tens of thousands of
 * points would otherwise bury the map, up to full size from city level (zoom 8) on.
 */
export function symbolScale(uiScale: number, zoom: number): number {
  const closeness = Math.min(1, Math.max(0, (zoom - 3) / 5));
  return uiScale * (0.55 + 0.45 * closeness);
}

/** deck.gl layer ids are `<layer id>|<part>` so a pick leads back to its module. */
export function deckLayerId(id: LayerId, part: string): string {
  return `${id}|${part}`;
}

export function layerIdOfDeckLayer(deckId: string): string {
  const bar = deckId.indexOf('|');
  return bar < 0 ? deckId : deckId.slice(0, bar);
}
