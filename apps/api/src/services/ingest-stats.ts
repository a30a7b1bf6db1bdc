import type { IngestPathStats, IngestResult, IngestStats } from '@onemap/domain';

/**
 * Ingest statistics of this process, for the system-status view: per way in, the requests (HTTP
 * requests, MQTT messages), readings accepted and rejected, and requests refused whole; the most
 * frequent reasons, with their variable parts (sensor codes, numbers) stripped so that one cause
 * counts once; accepted readings a second over the last minute. In memory, since the start: the
 * counts describe this process (with several replicas, each its own).
 */
export type ReadingsPath = 'http' | 'mqtt';

/** Distinct reasons kept; rarer ones beyond this are counted together, so floods cannot grow it. */
const MAX_REASONS = 200;
const OTHER_REASONS = '(other reasons)';
const TOP_REASONS = 20;
const WINDOW_S = 60;

export class IngestStatsRecorder {
  readonly #since: number;
  readonly #paths: Record<ReadingsPath, IngestPathStats> = { http: emptyPath(), mqtt: emptyPath() };
  readonly #cap = { accepted: 0, rejected: 0 };
  readonly #geojson = { accepted: 0, rejected: 0 };
  readonly #reasons = new Map<string, number>();
  /** Accepted readings per second, in a ring indexed by the second (epoch second % 60). */
  readonly #perSecond = new Array<number>(WINDOW_S).fill(0);
  readonly #secondOf = new Array<number>(WINDOW_S).fill(-1);

  constructor(now = Date.now()) {
    this.#since = now;
  }

  /** A request or message whose readings were judged one by one. */
  recordReadings(path: ReadingsPath, result: IngestResult, now = Date.now()): void {
    const stats = this.#paths[path];
    stats.requests++;
    stats.accepted += result.accepted;
    stats.rejected += result.rejected.length;
    for (const r of result.rejected) this.#countReason(r.reason);
    this.#countAccepted(result.accepted, now);
  }

  /** An MQTT message settled by ingest: its readings judged, or (null) its payload malformed. */
  recordMqttMessage(outcome: IngestResult | null, now = Date.now()): void {
    if (outcome) this.recordReadings('mqtt', outcome, now);
    else this.recordRefused('mqtt', 'message: payload is not { ts, value } or an array of them');
  }

  /** A request or message refused whole (malformed, too large, not UTF-8, …). */
  recordRefused(path: ReadingsPath, reason: string): void {
    const stats = this.#paths[path];
    stats.requests++;
    stats.refused++;
    this.#countReason(reason);
  }

  /** A CAP document imported, or refused with its reason. */
  recordCap(outcome: { accepted: true } | { accepted: false; reason: string }): void {
    if (outcome.accepted) this.#cap.accepted++;
    else {
      this.#cap.rejected++;
      this.#countReason(outcome.reason);
    }
  }

  /** A GeoJSON product upload: features stored and refused (with their reasons). */
  recordGeojson(accepted: number, rejected: ReadonlyArray<{ reason: string }>): void {
    this.#geojson.accepted += accepted;
    this.#geojson.rejected += rejected.length;
    for (const r of rejected) this.#countReason(r.reason);
  }

  snapshot(now = Date.now()): IngestStats {
    const nowS = Math.floor(now / 1000);
    let recent = 0;
    for (let i = 0; i < WINDOW_S; i++) {
      const second = this.#secondOf[i] as number;
      if (second > nowS - WINDOW_S && second <= nowS) recent += this.#perSecond[i] as number;
    }
    return {
      since: new Date(this.#since).toISOString(),
      http: { ...this.#paths.http },
      mqtt: { ...this.#paths.mqtt },
      cap: { ...this.#cap },
      geojson: { ...this.#geojson },
      topReasons: [...this.#reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
        .slice(0, TOP_REASONS),
      ratePerS: recent / WINDOW_S,
    };
  }

  #countReason(raw: string): void {
    const reason = normaliseReason(raw);
    const key = this.#reasons.has(reason) || this.#reasons.size < MAX_REASONS ? reason : OTHER_REASONS;
    this.#reasons.set(key, (this.#reasons.get(key) ?? 0) + 1);
  }

  #countAccepted(n: number, now: number): void {
    if (n === 0) return;
    const second = Math.floor(now / 1000);
    const slot = second % WINDOW_S;
    if (this.#secondOf[slot] !== second) {
      this.#secondOf[slot] = second;
      this.#perSecond[slot] = 0;
    }
    this.#perSecond[slot] = (this.#perSecond[slot] as number) + n;
  }
}

function emptyPath(): IngestPathStats {
  return { requests: 0, accepted: 0, rejected: 0, refused: 0 };
}

/**
 * A reason with its variable parts stripped: the sensor code of an unknown sensor, and numbers.
 *
 * @example normaliseReason('value: 9999 is outside what a water_level sensor can read (-50…300)')
 *   === 'value: # is outside what a water_level sensor can read (#…#)'
 */
export function normaliseReason(reason: string): string {
  return reason
    .replace(/unknown sensor .*$/s, 'unknown sensor')
    .replace(/(?<![\w.-])-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?(?!\w)/g, '#')
    .replace(/-?\b(?:Infinity|NaN)\b/g, '#')
    .slice(0, 200);
}
