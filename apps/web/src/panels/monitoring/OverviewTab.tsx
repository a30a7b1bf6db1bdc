import { layerModules } from '../../layers/registry';
import { Breakdown, Intro, LayerTotals } from '../shared';
import type { PanelProps } from '../types';

/** 态势: the sensing network's state in view, and every layer's numbers. */
export function OverviewTab({ stats }: Pick<PanelProps, 'stats'>) {
  return (
    <>
      <Intro text="panel.monitoring.intro" />
      <Breakdown layer="sensors" by="state" stats={stats} />
      <Breakdown layer="sensors" by="category" stats={stats} />
      <LayerTotals layers={layerModules.map((m) => m.id)} stats={stats} />
    </>
  );
}
