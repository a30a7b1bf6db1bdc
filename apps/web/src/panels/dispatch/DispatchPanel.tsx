import { useLayerTotals } from '../../data/layer-totals';
import { useT } from '../../i18n/use-t';
import { Breakdown, Intro, LayerCountTable, PanelSection } from '../shared';
import type { PanelProps } from '../types';

/** 指挥调度: incidents by level and the rescue forces around them. */
export function DispatchPanel({ stats }: PanelProps) {
  const { t } = useT();
  const totals = useLayerTotals();
  return (
    <>
      <Intro text="panel.dispatch.intro" />
      <Breakdown layer="incidents" by="category" stats={stats} />
      <Breakdown layer="teams" by="state" stats={stats} />
      <PanelSection title={t('panel.monitoring.totals')}>
        <LayerCountTable
          layers={['incidents', 'teams', 'depots', 'shelters', 'hospitals']}
          stats={stats}
          totals={totals}
        />
      </PanelSection>
    </>
  );
}
