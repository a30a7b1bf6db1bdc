import { linkStatuses } from '@onemap/domain';
import { linksByStatus } from '../../data/comm-links';
import { useLayerTotals } from '../../data/layer-totals';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Breakdown, Intro, LayerCountTable, PanelSection } from '../shared';
import type { PanelProps } from '../types';

/** 辅助决策: the medical, shelter and communications capacity an impact analysis will draw on. */
export function DecisionPanel({ stats, links }: PanelProps) {
  const { t, label, language } = useT();
  const totals = useLayerTotals();
  const byStatus = links ? linksByStatus(links) : null;
  return (
    <>
      <Intro text="panel.decision.intro" />
      <Breakdown layer="hospitals" by="category" stats={stats} />
      <Breakdown layer="shelters" by="state" stats={stats} />
      <Breakdown layer="commNodes" by="state" stats={stats} />
      {byStatus && (
        <PanelSection title={t('panel.decision.links')}>
          <ul className="inline-stats" data-testid="links-by-status">
            {linkStatuses.codes.map((code) => (
              <li key={code} data-status={code}>
                <span>{label(linkStatuses.labels[code])}</span>
                <strong className="num">{formatNumber(byStatus[code] ?? 0, language)}</strong>
              </li>
            ))}
          </ul>
        </PanelSection>
      )}
      <PanelSection title={t('panel.monitoring.totals')}>
        <LayerCountTable
          layers={['hospitals', 'shelters', 'commNodes', 'commLinks']}
          stats={stats}
          totals={totals}
        />
      </PanelSection>
    </>
  );
}
