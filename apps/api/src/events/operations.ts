import type { OperationsChange } from '@onemap/domain';
import { ChangeBus, coalesce } from './change-bus.js';

/** Operational changes (incidents, assignments, unit positions, reports) for every operator watching. */
export type RegionalOperationsChange = OperationsChange & { regionCode: string | null };

export class OperationsBus extends ChangeBus<RegionalOperationsChange> {}

/** One entry per thing: the newest change of an incident, an assignment, a unit or a report wins. */
function keyOf(c: OperationsChange): string {
  return c.kind === 'unit' ? `unit:${c.teamCode}` : `${c.kind}:${c.id}`;
}

/**
 * The changes in a region as an async stream of batches, coalesced over `windowMs` (5,000 units
 * reporting every 5 s are 1,000 positions a second: one message every 100 ms, not a thousand).
 * A change with no region (an incident not yet placed in one) goes to everyone.
 */
export function regionalOperations(
  bus: OperationsBus,
  regionPrefix: string,
  signal: AbortSignal | undefined,
  windowMs = 100,
): AsyncGenerator<OperationsChange[]> {
  return coalesce<string, OperationsChange>(
    (put) =>
      bus.subscribe((changes) => {
        for (const { regionCode, ...change } of changes) {
          if (regionCode !== null && !regionCode.startsWith(regionPrefix)) continue;
          put(keyOf(change as OperationsChange), change as OperationsChange);
        }
      }),
    bus.untilGap(signal),
    windowMs,
  );
}
