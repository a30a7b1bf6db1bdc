import type { Layer, PickingInfo } from '@deck.gl/core';
import {
  type Label,
  type LayerGroup,
  type LineLayerId,
  type PointLayerId,
  type SensingLayerId,
  sensingLayers,
} from '@onemap/domain';
import type { LinkData } from '../data/comm-links';
import type { StateOverrides } from '../data/live-sensors';
import type { PointFilter } from '../data/point-filter';
import type { PointTile } from '../data/point-tiles';
import type { FeatureSource } from '../data/sensing';
import type { WarningShape } from '../data/warnings';
import type { Language } from '../i18n/messages';

/** Area layers outside the server's layer catalogue (no tiles, no feature details): warnings. */
export type AreaLayerId = 'warnings';

export type LayerId = PointLayerId | LineLayerId | AreaLayerId | SensingLayerId;

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
  /** A short text for the feature under the pointer (a footprint's platform and time), if any. */
  tooltipAt?(info: PickingInfo, language: Language): string | null;
}

export interface PointRenderProps {
  tiles: readonly PointTile[];
  /** Multiplies every pixel size: see `symbolScale`. */
  scale: number;
  /** Only the points this lets through are drawn (the layer panel's filter); all when null. */
  filter?: PointFilter | null;
}

export interface PointLiveRenderProps extends PointRenderProps {
  /** Live states not yet in the tiles, drawn over them (`LiveSensorStates.overrides`). */
  overrides?: StateOverrides;
}

export interface PointLayerModule extends LayerModuleBase {
  readonly kind: 'points';
  readonly id: PointLayerId;
  /** The tiles as they are: drawn on the map's main canvas, redrawn when a tile changes. */
  renderLayer(props: PointRenderProps): Layer[];
  /**
   * What moves with the live stream, for the map's live canvas above the tiles: the points whose
   * live state is not in their tile yet, and the rings of the points in the ringed state.
   */
  renderLive(props: PointLiveRenderProps): Layer[];
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

export interface AreaRenderProps {
  warnings: readonly WarningShape[] | undefined;
  scale: number;
}

export interface AreaLayerModule extends LayerModuleBase {
  readonly kind: 'areas';
  readonly id: AreaLayerId;
  renderLayer(props: AreaRenderProps): Layer[];
}

export interface FeatureRenderProps<D = unknown> {
  /** The layer's prepared data, once loaded. */
  data: D | undefined;
  scale: number;
  /** The map's zoom in half steps: some parts only draw from a zoom on (camera view cones). */
  zoom: number;
}

/** A layer drawn from its own GeoJSON source (the sensing channels: products, flights, cameras). */
export interface FeatureLayerModule extends LayerModuleBase {
  readonly kind: 'features';
  readonly id: SensingLayerId;
  readonly source: FeatureSource;
  renderLayer(props: FeatureRenderProps): Layer[];
}

/**
 * A feature layer typed by its data; the registry holds them erased to `FeatureLayerModule`. Its
 * label and group come from the domain's catalogue (`sensingLayers`), as a point layer's do.
 */
export function defineFeatureLayer<D>(
  module: Omit<FeatureLayerModule, 'kind' | 'label' | 'group' | 'source' | 'renderLayer'> & {
    source: FeatureSource<D>;
    renderLayer(props: FeatureRenderProps<D>): Layer[];
  },
): FeatureLayerModule {
  const { label, group } = sensingLayers[module.id];
  return { ...module, label, group, kind: 'features' } as unknown as FeatureLayerModule;
}

export type LayerModule = PointLayerModule | LineLayerModule | AreaLayerModule | FeatureLayerModule;

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
