import type { SensorCatalogue, SimSensor } from './catalogue.js';
import { normalValue, publishesReadings, seedOf } from './models.js';
import type { Publisher } from './publisher.js';
import {
  type PlannedScenario,
  planScenario,
  type ScenarioName,
  type ScenarioOptions,
  type SimEvent,
  type SimEventBody,
} from './scenarios.js';

/**
 * The live demo: every simulated sensor reports at its own sampling interval (each at its own
 * phase, so the load is even), under a global cap in readings a second. When all sensors together
 * would exceed the cap, a fixed, country-wide spread of them is simulated (ordered by a hash of
 * the code) and the rest stay as they are; scripted scenarios take their sensors out of the
 * background while they play.
 */
export interface SimulatorOptions {
  catalogue: SensorCatalogue;
  publisher: Publisher;
  /** Background readings a second, at most; 0 for scenarios only. */
  rate: number;
  scenarios: ScenarioName[];
  scenarioOptions: ScenarioOptions;
  onEvent(event: SimEvent): void;
  /** Seconds between `stats` events (0: none). */
  statsEveryS?: number;
}

export interface RunningSimulator {
  /** The background selection: sensors simulated, of how many, at what rate. */
  readonly simulated: number;
  readonly ratePerS: number;
  /** The scenarios' picks, by scenario. */
  readonly picks: ReadonlyMap<ScenarioName, string>;
  /** Resolves when every scenario has finished: true when each ended as scripted. */
  readonly scenariosDone: Promise<boolean>;
  stop(): Promise<void>;
}

const TICK_MS = 200;

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { catalogue, publisher } = options;
  const emit = (e: SimEventBody) => options.onEvent({ at: new Date().toISOString(), ...e });
  const abort = new AbortController();

  const planned: PlannedScenario[] = [];
  const taken = new Set<string>();
  for (const name of options.scenarios) {
    const plan = await planScenario(name, catalogue, options.scenarioOptions, taken);
    taken.add(plan.sensor.code);
    planned.push(plan);
  }

  const background = options.rate > 0 ? selectSensors(await catalogue.sensors(), options.rate, taken) : null;
  const schedule = background ? new Schedule(background.sensors, Date.now()) : null;
  if (background) {
    emit({
      event: 'simulating',
      sensors: background.sensors.length,
      of: background.candidates,
      ratePerS: round1(background.rate),
      capPerS: options.rate,
      message: `simulating ${background.sensors.length} of ${background.candidates} sensors at ${round1(background.rate)} readings/s (cap ${options.rate}/s)`,
    });
  }

  let published = 0;
  let dropped = 0;
  let failed = 0;
  // Holds back the background when the broker stops acknowledging: better a gap than a backlog.
  const maxInFlight = Math.max(100, options.rate * 5);
  const timer = schedule
    ? setInterval(() => {
        const now = Date.now();
        for (const sensor of schedule.due(now)) {
          if (publisher.inFlight >= maxInFlight) {
            dropped++;
            continue;
          }
          published++;
          publisher
            .publish(sensor.code, [{ ts: new Date(now).toISOString(), value: normalValue(sensor, now) }])
            .catch(() => failed++);
        }
      }, TICK_MS)
    : null;
  const statsEvery = (options.statsEveryS ?? 60) * 1000;
  let last = { at: Date.now(), published: 0 };
  const statsTimer =
    schedule && statsEvery > 0
      ? setInterval(() => {
          const now = Date.now();
          const rate = ((published - last.published) * 1000) / (now - last.at);
          last = { at: now, published };
          emit({
            event: 'stats',
            published,
            dropped,
            failed,
            ratePerS: round1(rate),
            message: `published ${published} readings (${round1(rate)}/s lately), ${dropped} held back, ${failed} failed`,
          });
        }, statsEvery)
      : null;

  const scenariosDone = Promise.all(
    planned.map((plan) =>
      plan.run({ publisher, catalogue, signal: abort.signal, emit }).then(
        (ok) => {
          // Back to its everyday readings once its story is told (gauge-silent stays silent).
          if (plan.name !== 'gauge-silent') schedule?.add(plan.sensor, Date.now());
          return ok;
        },
        (error: Error) => {
          if (abort.signal.aborted) return false;
          emit({ scenario: plan.name, event: 'timeout', message: `${plan.name} failed: ${error.message}` });
          return false;
        },
      ),
    ),
  ).then((results) => results.every(Boolean));

  return {
    simulated: background?.sensors.length ?? 0,
    ratePerS: background?.rate ?? 0,
    picks: new Map(planned.map((p) => [p.name, p.sensor.code])),
    scenariosDone,
    async stop() {
      abort.abort();
      if (timer) clearInterval(timer);
      if (statsTimer) clearInterval(statsTimer);
      await scenariosDone;
    },
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * The sensors to simulate under the cap: those that report over MQTT, in a fixed pseudo-random
 * order (so a capped demo still covers the whole country), taken while their summed rate fits.
 */
export function selectSensors(
  all: readonly SimSensor[],
  cap: number,
  exclude: ReadonlySet<string>,
): { sensors: SimSensor[]; candidates: number; rate: number } {
  const candidates = all
    .filter((s) => publishesReadings(s.channel) && !exclude.has(s.code) && s.intervalS > 0)
    .map((s) => ({ s, order: seedOf(s.code) }))
    .sort((a, b) => a.order - b.order || (a.s.code < b.s.code ? -1 : 1));
  const sensors: SimSensor[] = [];
  let rate = 0;
  for (const { s } of candidates) {
    const r = 1 / s.intervalS;
    if (rate + r > cap) continue;
    rate += r;
    sensors.push(s);
  }
  return { sensors, candidates: candidates.length, rate };
}

/** When each sensor reports next: a binary heap on due time. */
class Schedule {
  readonly #heap: Array<{ due: number; sensor: SimSensor }> = [];

  constructor(sensors: readonly SimSensor[], now: number) {
    for (const sensor of sensors) this.add(sensor, now);
  }

  /** Schedules a sensor at its own phase within its interval, so reports spread evenly. */
  add(sensor: SimSensor, now: number): void {
    const period = sensor.intervalS * 1000;
    const phase = (seedOf(sensor.code) % 1000) / 1000;
    this.#push({ due: now + phase * period, sensor });
  }

  /** The sensors due by `now`, each rescheduled one interval on. */
  due(now: number): SimSensor[] {
    const out: SimSensor[] = [];
    while (this.#heap.length > 0 && (this.#heap[0] as { due: number }).due <= now) {
      const top = this.#pop();
      out.push(top.sensor);
      // After a long stall, skip the missed reports instead of sending them all at once.
      const next = Math.max(top.due + top.sensor.intervalS * 1000, now);
      this.#push({ due: next, sensor: top.sensor });
    }
    return out;
  }

  #push(item: { due: number; sensor: SimSensor }): void {
    const h = this.#heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h[parent] as { due: number }).due <= item.due) break;
      h[i] = h[parent] as { due: number; sensor: SimSensor };
      i = parent;
    }
    h[i] = item;
  }

  #pop(): { due: number; sensor: SimSensor } {
    const h = this.#heap;
    const top = h[0] as { due: number; sensor: SimSensor };
    const last = h.pop() as { due: number; sensor: SimSensor };
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const dueAt = (k: number) => (k === i ? last.due : (h[k] as { due: number }).due);
        if (l < h.length && dueAt(l) < dueAt(m)) m = l;
        if (r < h.length && dueAt(r) < dueAt(m)) m = r;
        if (m === i) break;
        h[i] = h[m] as { due: number; sensor: SimSensor };
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}
