import type { AlarmSummary, SensorChange, SensorState } from '@onemap/domain';

/** The list's filters, as `monitoring.alarms` takes them. */
export const alarmFilters = ['open', 'unacknowledged', 'cleared', 'all'] as const;
export type AlarmFilter = (typeof alarmFilters)[number];

/**
 * The duty officer's order: alarms still standing before cleared ones (the "all" filter mixes
 * them), then alarm before warning, then newest first — what needs a person now comes first.
 */
export function compareAlarms(a: AlarmSummary, b: AlarmSummary): number {
  const cleared = Number(a.state === 'cleared') - Number(b.state === 'cleared');
  if (cleared !== 0) return cleared;
  const level = Number(b.level === 'alarm') - Number(a.level === 'alarm');
  if (level !== 0) return level;
  return Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id;
}

export function sortAlarms(alarms: readonly AlarmSummary[]): AlarmSummary[] {
  return [...alarms].sort(compareAlarms);
}

/** A sensor's history reads as a log: newest first, whatever the level. */
export function sortByRaised(alarms: readonly AlarmSummary[]): AlarmSummary[] {
  return [...alarms].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id);
}

/**
 * The alarms of `current` not among `known`, most severe first, and `known` grown by them: what a
 * toast announces. The first list a page loads is all known already — an alarm raised before the
 * officer sat down is in the list, not news.
 */
export function arrivedAlarms(known: Set<number>, current: readonly AlarmSummary[]): AlarmSummary[] {
  const arrived = current.filter((a) => !known.has(a.id));
  for (const a of arrived) known.add(a.id);
  return sortAlarms(arrived);
}

/**
 * Remembers each sensor's last state seen on the live stream, to tell which batches raised,
 * escalated or cleared an alarm — those where the server says an alarm moved, or a sensor's state
 * moved — from the many that only carry a new value. The alarm list refetches on the former only.
 */
export class SensorStateMemory {
  readonly #last = new Map<string, SensorState>();

  /**
   * Whether the batch moved an alarm or a sensor's state. A sensor not seen before counts when it is
   * not normal or is one of `watched` (has an alarm standing): the page may have loaded before its
   * change.
   */
  moved(changes: readonly SensorChange[], watched: ReadonlySet<string>): boolean {
    let moved = false;
    for (const change of changes) {
      const before = this.#last.get(change.code);
      this.#last.set(change.code, change.state);
      if (
        change.alarmsMoved ||
        (before === undefined
          ? change.state !== 'normal' || watched.has(change.code)
          : before !== change.state)
      ) {
        moved = true;
      }
    }
    return moved;
  }

  clear(): void {
    this.#last.clear();
  }
}
