import type { SensorState } from './vocabulary.js';

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
