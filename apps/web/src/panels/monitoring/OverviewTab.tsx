import { useLayerTotals } from '../../data/layer-totals';
import { useT } from '../../i18n/use-t';
import { layerModules } from '../../layers/registry';
import { Breakdown, Intro, LayerCountTable, PanelSection } from '../shared';
import type { PanelProps } from '../types';

/** 态势: the sensing network's state in view, and every layer's numbers. */
export function OverviewTab({ stats }: Pick<PanelProps, 'stats'>) {
  const { t } = useT();
  const totals = useLayerTotals();
  return (
    <>
      <Intro text="panel.monitoring.intro" />
      <Breakdown layer="sensors" by="state" stats={stats} />
      <Breakdown layer="sensors" by="category" stats={stats} />
      <PanelSection title={t('panel.monitoring.totals')}>
        <LayerCountTable layers={layerModules.map((m) => m.id)} stats={stats} totals={totals} />
      </PanelSection>
    </>
  );
}
