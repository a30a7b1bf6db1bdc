import type { UserRole } from '@onemap/domain';
import { roleMay } from '../data/session';
import { AlarmBadge } from '../features/alarms/AlarmBadge';
import { AdminPanel } from './admin/AdminPanel';
import { DecisionPanel } from './decision/DecisionPanel';
import { DispatchPanel } from './dispatch/DispatchPanel';
import { MonitoringPanel } from './monitoring/MonitoringPanel';
import { SupervisionPanel } from './supervision/SupervisionPanel';
import type { PanelModule } from './types';

/** The business panels of the shell, registered here and nowhere else, in the order of the top bar. */
export const panelModules: readonly PanelModule[] = [
  { id: 'monitoring', title: 'panel.monitoring', icon: '◉', Component: MonitoringPanel, Badge: AlarmBadge },
  { id: 'dispatch', title: 'panel.dispatch', icon: '⚑', Component: DispatchPanel },
  { id: 'supervision', title: 'panel.supervision', icon: '⚠', Component: SupervisionPanel },
  { id: 'decision', title: 'panel.decision', icon: '◆', Component: DecisionPanel },
  {
    id: 'admin',
    title: 'panel.admin',
    icon: '⚙',
    Component: AdminPanel,
    requires: 'users.manage',
    wide: true,
  },
];

/** The panels a role may open, in the order of the top bar. */
export function panelsFor(role: UserRole | null): readonly PanelModule[] {
  return panelModules.filter((p) => p.requires === undefined || roleMay(role, p.requires));
}
