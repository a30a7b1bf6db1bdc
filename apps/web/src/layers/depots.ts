import { pointLayers } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer } from './point-layer';

export const depots = definePointLayer({
  id: 'depots',
  colorBy: 'state',
  colors: colorScheme(pointLayers.depots.state, { default: colors.teal }),
  radius: 6,
});
