import { sensorStates } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer } from './point-layer';

export const sensors = definePointLayer({
  id: 'sensors',
  colorBy: 'state',
  colors: colorScheme(sensorStates, {
    normal: colors.green,
    warning: colors.yellow,
    alarm: colors.red,
    offline: colors.grey,
    fault: colors.purple,
  }),
  radius: 3.5,
  ring: { state: 'alarm', color: colors.red },
});
