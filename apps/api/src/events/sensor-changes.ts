import type { SensorChange } from '@onemap/domain';
import { ChangeBus, coalesce } from './change-bus.js';

export interface RegionalSensorChange extends SensorChange {
  regionCode: string;
}

/** Sensor changes from ingest (HTTP, MQTT) and the offline sweep. */
export class SensorChangeBus extends ChangeBus<RegionalSensorChange> {}

/**
 * The changes in a region as an async stream of batches, coalesced over `windowMs` so a burst of
 * readings costs one message, and deduplicated per sensor (the newest wins, keeping `alarmsMoved`).
 */
export function regionalChanges(
  bus: SensorChangeBus,
  regionPrefix: string,
  signal: AbortSignal | undefined,
  windowMs = 50,
): AsyncGenerator<SensorChange[]> {
  return coalesce<number, SensorChange>(
    (put) =>
      bus.subscribe((changes) => {
        for (const { regionCode, ...change } of changes) {
          if (!regionCode.startsWith(regionPrefix)) continue;
          // The newest value wins, but an alarm moved by an earlier one must still be told.
          put(change.id, change, (earlier) =>
            earlier.alarmsMoved ? { ...change, alarmsMoved: true } : change,
          );
        }
      }),
    bus.untilGap(signal),
    windowMs,
  );
}
