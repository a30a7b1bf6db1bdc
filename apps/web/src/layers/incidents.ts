import { incidentLevels } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer, sizeScheme } from './point-layer';

export const incidents = definePointLayer({
  id: 'incidents',
  colorBy: 'category',
  colors: colorScheme(incidentLevels, {
    I: colors.red,
    II: colors.orange,
    III: colors.yellow,
    IV: colors.blue,
  }),
  radius: sizeScheme(incidentLevels, { I: 11, II: 10, III: 9, IV: 8 }),
  outline: 'light',
});
