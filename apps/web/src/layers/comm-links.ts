import type { Layer, PickingInfo } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import {
  type CommLinkFeature,
  type LinkMedium,
  type LinkStatus,
  lineLayers,
  linkStatuses,
} from '@onemap/domain';
import { colorScheme, colors, pickHighlight, UNKNOWN_COLOR } from './palette';
import { deckLayerId, type LineLayerModule, type LineRenderProps } from './types';

const statusColors = colorScheme(linkStatuses, {
  up: colors.cyan,
  degraded: colors.yellow,
  down: colors.red,
});
const colorOf = new Map(statusColors.legend.map((e) => [e.code, e.color]));

/** Fibre is the backbone and drawn boldest; satellite hops are long and drawn thin to not dominate. */
const mediumWidth: Record<LinkMedium, number> = { fibre: 2.5, microwave: 1.8, satellite: 1.2 };

export const commLinks: LineLayerModule = {
  kind: 'lines',
  id: 'commLinks',
  label: lineLayers.commLinks.label,
  group: lineLayers.commLinks.group,
  colorBy: 'state',
  legend: () => statusColors.legend,
  renderLayer({ links, scale }: LineRenderProps): Layer[] {
    if (!links) return [];
    return [
      new PathLayer<CommLinkFeature>({
        id: deckLayerId('commLinks', 'paths'),
        data: links.features as CommLinkFeature[],
        getPath: (f) => f.geometry.coordinates,
        getColor: (f) => {
          const c = colorOf.get(f.properties.status as LinkStatus) ?? UNKNOWN_COLOR;
          // Satellite hops are logical, not a cable on the ground: drawn see-through.
          return f.properties.medium === 'satellite' ? [c[0], c[1], c[2], 130] : [...c];
        },
        getWidth: (f) => mediumWidth[f.properties.medium as LinkMedium] ?? 1.5,
        widthUnits: 'pixels',
        widthScale: scale,
        widthMinPixels: 1,
        capRounded: true,
        jointRounded: true,
        ...pickHighlight(200),
      }),
    ];
  },
  featureIdAt(info: PickingInfo): number | null {
    const feature = info.object as CommLinkFeature | undefined;
    return feature?.properties.id ?? null;
  },
};
