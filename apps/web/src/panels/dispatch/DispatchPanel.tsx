import { Breakdown, Intro, LayerTotals } from '../shared';
import type { PanelProps } from '../types';

/** 指挥调度: incidents by level and the rescue forces around them. */
export function DispatchPanel({ stats }: PanelProps) {
  return (
    <>
      <Intro text="panel.dispatch.intro" />
      <Breakdown layer="incidents" by="category" stats={stats} />
      <Breakdown layer="teams" by="state" stats={stats} />
      <LayerTotals layers={['incidents', 'teams', 'depots', 'shelters', 'hospitals']} stats={stats} />
    </>
  );
}
