import { teamStatuses } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer } from './point-layer';

export const teams = definePointLayer({
  id: 'teams',
  colorBy: 'state',
  colors: colorScheme(teamStatuses, {
    available: colors.green,
    dispatched: colors.orange,
    en_route: colors.yellow,
    on_scene: colors.red,
    returning: colors.blue,
    unavailable: colors.grey,
  }),
  radius: 6,
});
