import { hospitalGrades } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer, sizeScheme } from './point-layer';

export const hospitals = definePointLayer({
  id: 'hospitals',
  colorBy: 'category',
  colors: colorScheme(hospitalGrades, {
    grade3: colors.pink,
    grade2: colors.lightPink,
    grade1: colors.paleRose,
  }),
  radius: sizeScheme(hospitalGrades, { grade3: 6, grade2: 5, grade1: 4 }),
});
