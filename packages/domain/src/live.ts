import type { SensorState } from './vocabulary.js';

/** A sensor's latest reading moved: what the live layer patches in place (no tile reload). */
export interface SensorChange {
  id: number;
  code: string;
  state: SensorState;
  lastValue: number | null;
  lastReadingAt: string;
}
