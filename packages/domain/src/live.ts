import type { SensorState, TeamStatus, TeamType } from './vocabulary.js';

/** A sensor's latest reading moved: what the live layer patches in place (no tile reload). */
export interface SensorChange {
  id: number;
  code: string;
  state: SensorState;
  lastValue: number | null;
  lastReadingAt: string;
  /**
   * Present when this change raised, escalated, eased or cleared an alarm of the sensor. The state
   * alone does not tell: a gauge already in alarm by its rate of change shows no move when its
   * level alarm is raised under it.
   */
  alarmsMoved?: true;
}

/**
 * Something in the operational picture moved, for every operator watching it live: an incident
 * taken in or changed, an assignment's step, a unit's position. The web refetches what an incident
 * or assignment change touches and moves units in place.
 */
export type OperationsChange =
  | { kind: 'incident'; id: number; code: string; status: string; level: string; regionCode: string | null }
  | { kind: 'assignment'; id: number; incidentId: number; teamCode: string; status: string }
  | {
      kind: 'unit';
      /** The team's id, as the teams layer's tiles carry it. */
      id: number;
      teamCode: string;
      teamType: TeamType;
      status: TeamStatus;
      lon: number;
      lat: number;
      ts: string;
      speed: number | null;
      heading: number | null;
    }
  | { kind: 'report'; id: number; status: string };
