import { riskLevels } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer } from './point-layer';

export const enterprises = definePointLayer({
  id: 'enterprises',
  colorBy: 'state',
  colors: colorScheme(riskLevels, {
    red: colors.red,
    orange: colors.orange,
    yellow: colors.yellow,
    blue: colors.blue,
  }),
  radius: 4,
});
