import { linkStatuses } from '@onemap/domain';
import { linksByStatus } from '../../data/comm-links';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Breakdown, Intro, LayerTotals, PanelSection } from '../shared';
import type { PanelProps } from '../types';

/** 辅助决策: the medical, shelter and communications capacity an impact analysis will draw on. */
export function DecisionPanel({ stats, links }: PanelProps) {
  const { t, label, language } = useT();
  const byStatus = links ? linksByStatus(links) : null;
  return (
    <>
      <Intro text="panel.decision.intro" />
      <Breakdown layer="hospitals" by="category" stats={stats} />
      <Breakdown layer="shelters" by="state" stats={stats} />
      <Breakdown layer="commNodes" by="state" stats={stats} />
      {byStatus && (
        <PanelSection title={t('panel.decision.links')}>
          <ul className="plain-list inline-stats" data-testid="links-by-status">
            {linkStatuses.codes.map((code) => (
              <li key={code} data-status={code}>
                <span>{label(linkStatuses.labels[code])}</span>
                <strong className="num">{formatNumber(byStatus[code] ?? 0, language)}</strong>
              </li>
            ))}
          </ul>
        </PanelSection>
      )}
      <LayerTotals layers={['hospitals', 'shelters', 'commNodes', 'commLinks']} stats={stats} />
    </>
  );
}
