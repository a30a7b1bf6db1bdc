import { Breakdown, Intro, LayerTotals } from '../shared';
import type { PanelProps } from '../types';

/** 监管执法: supervised enterprises by the national four-colour risk scale and by kind. */
export function SupervisionPanel({ stats }: PanelProps) {
  return (
    <>
      <Intro text="panel.supervision.intro" />
      <Breakdown layer="enterprises" by="state" stats={stats} />
      <Breakdown layer="enterprises" by="category" stats={stats} />
      <LayerTotals layers={['enterprises']} stats={stats} />
    </>
  );
}
