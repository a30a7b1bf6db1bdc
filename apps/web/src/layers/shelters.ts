import { shelterStatuses } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer } from './point-layer';

export const shelters = definePointLayer({
  id: 'shelters',
  colorBy: 'state',
  colors: colorScheme(shelterStatuses, {
    open: colors.green,
    standby: colors.blue,
    full: colors.orange,
    closed: colors.grey,
  }),
  radius: 5,
});
