import { useLayerTotals } from '../../data/layer-totals';
import { useT } from '../../i18n/use-t';
import { Breakdown, Intro, LayerCountTable, PanelSection } from '../shared';
import type { PanelProps } from '../types';

/** 监管执法: supervised enterprises by the national four-colour risk scale and by kind. */
export function SupervisionPanel({ stats }: PanelProps) {
  const { t } = useT();
  const totals = useLayerTotals();
  return (
    <>
      <Intro text="panel.supervision.intro" />
      <Breakdown layer="enterprises" by="state" stats={stats} />
      <Breakdown layer="enterprises" by="category" stats={stats} />
      <PanelSection title={t('panel.monitoring.totals')}>
        <LayerCountTable layers={['enterprises']} stats={stats} totals={totals} />
      </PanelSection>
    </>
  );
}
