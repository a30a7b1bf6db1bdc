import type { IncidentType } from '@onemap/domain';
import { create } from 'zustand';

/** What an intake starts from: a place picked, an alarm, reports; blank for a call taken in. */
export interface IntakeSeed {
  type?: IncidentType;
  lon?: number;
  lat?: number;
  title?: string;
  description?: string;
  source?: 'map' | 'phone' | 'report' | 'alarm';
  fromReportIds?: readonly number[];
  fromAlarmId?: number;
}

export type DispatchTab = 'overview' | 'incidents' | 'reports';

interface IncidentsUiState {
  /** The dispatch panel's open tab: opening an incident from a report switches to the incidents. */
  tab: DispatchTab;
  setTab(tab: DispatchTab): void;
  /** An intake in progress, and what it was started from. */
  intake: IntakeSeed | null;
  startIntake(seed: IntakeSeed): void;
  endIntake(): void;
  /** The incident open in the workbench: outlined on the map, its teams and lines drawn. */
  focused: number | null;
  focus(id: number | null): void;
  /** The recommended teams ticked for dispatch: their lines to the scene are drawn. */
  chosenTeams: readonly string[];
  setChosenTeams(codes: readonly string[]): void;
}

export const useIncidentsUi = create<IncidentsUiState>()((set) => ({
  tab: 'overview',
  setTab: (tab) => set({ tab }),
  intake: null,
  startIntake: (intake) => set({ intake, tab: 'incidents', focused: null }),
  endIntake: () => set({ intake: null }),
  focused: null,
  focus: (focused) => set({ focused, chosenTeams: [] }),
  chosenTeams: [],
  setChosenTeams: (chosenTeams) => set({ chosenTeams }),
}));
