import { useState } from 'react';
import { AlarmsTab } from '../../features/alarms/AlarmsTab';
import { unacknowledged, useStandingAlarms } from '../../features/alarms/use-alarms';
import { WarningsWorkbench } from '../../features/warnings/WarningsWorkbench';
import { type TabSpec, Tabs } from '../Tabs';
import type { PanelProps } from '../types';
import { OverviewTab } from './OverviewTab';

type TabId = 'overview' | 'alarms' | 'warnings';

/** 监测预警: the sensing network's state, the alarms it raises, and the early warnings issued. */
export function MonitoringPanel({ stats }: PanelProps) {
  const waiting = unacknowledged(useStandingAlarms().data).length;
  // Opened while alarms wait, the panel shows them first: that is why the officer opened it.
  const [open, setOpen] = useState<TabId>(() => (waiting > 0 ? 'alarms' : 'overview'));
  const tabs: readonly TabSpec<TabId>[] = [
    { id: 'overview', title: 'monitoring.tab.overview', render: () => <OverviewTab stats={stats} /> },
    {
      id: 'alarms',
      title: 'monitoring.tab.alarms',
      badge: waiting > 0 ? <span className="tab-count num">{waiting}</span> : undefined,
      render: () => <AlarmsTab />,
    },
    { id: 'warnings', title: 'monitoring.tab.warnings', render: () => <WarningsWorkbench /> },
  ];
  return (
    <Tabs
      tabs={tabs}
      selected={open}
      onSelect={setOpen}
      label="monitoring.sections"
      testIdPrefix="monitoring"
    />
  );
}
