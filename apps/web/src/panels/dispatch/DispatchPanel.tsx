import { useMay } from '../../data/session';
import { IncidentsWorkbench } from '../../features/incidents/IncidentsWorkbench';
import { ReportQueue } from '../../features/incidents/ReportQueue';
import type { DispatchTab } from '../../features/incidents/store';
import { useIncidentsUi } from '../../features/incidents/store';
import { useReportQueue } from '../../features/incidents/use-incidents';
import { Breakdown, Intro, LayerTotals } from '../shared';
import { type TabSpec, Tabs } from '../Tabs';
import type { PanelProps } from '../types';

/** 指挥调度: the incidents being handled and what is sent to them, the public's reports, the forces. */
export function DispatchPanel({ stats }: PanelProps) {
  const tab = useIncidentsUi((s) => s.tab);
  const setTab = useIncidentsUi((s) => s.setTab);
  const mayReview = useMay('incidents.manage');
  const waiting = useReportQueue(mayReview).data?.reports.length ?? 0;
  const tabs: TabSpec<DispatchTab>[] = [
    {
      id: 'overview',
      title: 'dispatch.tab.overview',
      render: () => (
        <>
          <Intro text="panel.dispatch.intro" />
          <Breakdown layer="incidents" by="category" stats={stats} />
          <Breakdown layer="teams" by="state" stats={stats} />
          <LayerTotals layers={['incidents', 'teams', 'depots', 'shelters', 'hospitals']} stats={stats} />
        </>
      ),
    },
    { id: 'incidents', title: 'dispatch.tab.incidents', render: () => <IncidentsWorkbench /> },
  ];
  if (mayReview) {
    tabs.push({
      id: 'reports',
      title: 'dispatch.tab.reports',
      badge: waiting > 0 ? <span className="tab-count num">{waiting}</span> : undefined,
      render: () => <ReportQueue />,
    });
  }
  return (
    <Tabs tabs={tabs} selected={tab} onSelect={setTab} label="dispatch.sections" testIdPrefix="dispatch" />
  );
}
