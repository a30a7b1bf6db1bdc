import { commNodeKinds, linkStatuses } from '@onemap/domain';
import { colorScheme, colors } from './palette';
import { definePointLayer, sizeScheme } from './point-layer';

export const commNodes = definePointLayer({
  id: 'commNodes',
  colorBy: 'state',
  colors: colorScheme(linkStatuses, { up: colors.cyan, degraded: colors.yellow, down: colors.red }),
  // The backbone reads first: core and provincial nodes are the ones a failure analysis starts from.
  radius: sizeScheme(commNodeKinds, {
    core: 9,
    provincial: 7,
    data_center: 7,
    city: 5,
    county: 4,
    vsat_station: 4,
    tiantong_terminal: 3.5,
    pdt_base_station: 3.5,
    lte_base_station: 3.5,
    mesh_kit: 3.5,
  }),
});
