import { setTimeout as sleep } from 'node:timers/promises';
import { type AlarmLevel, hysteresisBand, nextLevel, sensorKindDefaults } from '@onemap/domain';
import type { ScenarioSensor, SensorCatalogue } from './catalogue.js';
import { normalValue } from './models.js';
import type { Publisher } from './publisher.js';

/**
 * Scripted events for demos and tests. Each picks its sensor deterministically (lowest code), then
 * plays a timeline of readings over MQTT; every line it reports is about a reading the broker has
 * acknowledged, i.e. one OneMap has stored. Levels are followed with the same hysteresis rule the
 * server applies, so "the alarm clears" is printed for the reading that clears it.
 */
export const scenarioNames = ['river-rise', 'gas-leak', 'gauge-silent'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface ScenarioOptions {
  /** river-rise and gauge-silent: the city; gas-leak: limits the pick to it. */
  city?: string;
  /** gas-leak: the enterprise (name or code). */
  enterprise?: string;
  /** Timelines run this many times faster (readings keep their count). */
  speed: number;
  /** Seconds at the peak, before a time-scaled default. */
  holdS?: number;
  /** gauge-silent: seconds to wait for OneMap to report the gauge offline. */
  silentTimeoutS?: number;
}

export type SimEventKind =
  | 'simulating'
  | 'started'
  | 'crossed'
  | 'holding'
  | 'receding'
  | 'fell'
  | 'cleared'
  | 'silent'
  | 'offline'
  | 'timeout'
  | 'done'
  | 'stats'
  | 'unit';

/** What the simulator reports: one line of text, or one JSON object with `--json`. */
export interface SimEventBody {
  event: SimEventKind;
  scenario?: ScenarioName;
  sensor?: string;
  place?: string;
  value?: number;
  unit?: string;
  level?: AlarmLevel | 'offline';
  threshold?: number;
  /** The line a person reads. */
  message: string;
  [key: string]: unknown;
}

export type SimEvent = SimEventBody & { at: string };

export interface ScenarioContext {
  publisher: Publisher;
  catalogue: SensorCatalogue;
  signal: AbortSignal;
  emit(event: SimEventBody): void;
}

export interface PlannedScenario {
  name: ScenarioName;
  sensor: ScenarioSensor;
  /** Plays the timeline; resolves when done. Returns false when it did not end as scripted. */
  run(ctx: ScenarioContext): Promise<boolean>;
}

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Picks the sensor for a scenario, avoiding those already `taken` by another scenario. */
export async function planScenario(
  name: ScenarioName,
  catalogue: SensorCatalogue,
  options: ScenarioOptions,
  taken: ReadonlySet<string>,
): Promise<PlannedScenario> {
  const city = options.city ? await catalogue.city(options.city) : null;
  if (options.city && !city) throw new ScenarioError(`${name}: no city called ${options.city}`);
  const where = city ? ` in ${city.name}` : '';
  if (name === 'gas-leak') {
    const detectors = await catalogue.chemicalPlantGasDetectors({ enterprise: options.enterprise, city });
    const sensor = detectors.find((d) => !taken.has(d.code));
    const at = options.enterprise ? ` at ${options.enterprise}` : where;
    if (!sensor) throw new ScenarioError(`gas-leak: no gas detector at a hazardous-chemical plant${at}`);
    return { name, sensor, run: (ctx) => playTimeline(ctx, name, sensor, gasLeakTimeline(sensor, options)) };
  }
  const gauges = await catalogue.gauges(city, taken.size + 1);
  const sensor = gauges.find((g) => !taken.has(g.code));
  if (!sensor) throw new ScenarioError(`${name}: no water-level gauge${where}`);
  if (name === 'river-rise')
    return {
      name,
      sensor,
      run: (ctx) => playTimeline(ctx, name, sensor, riverRiseTimeline(sensor, options)),
    };
  return { name, sensor, run: (ctx) => goSilent(ctx, sensor, options) };
}

interface Step {
  /** Seconds from the start, already divided by the speed. */
  at: number;
  value: number;
  /** Announced before this reading. */
  phase?: 'holding' | 'receding';
}

/** Readings at the peak every `step` s for `hold` s after `from` (at least one), the first announced. */
function plateau(from: number, hold: number, step: number, value: number): Step[] {
  const n = Math.max(1, Math.round(hold / step));
  return Array.from({ length: n }, (_, k) => ({
    at: from + ((k + 1) * hold) / n,
    value,
    ...(k === 0 ? { phase: 'holding' as const } : {}),
  }));
}

/**
 * One more reading at the level reached: a steady value, so a rate-of-change alarm raised by the
 * fast (time-compressed) rise and fall clears too, and the sensor ends the story normal.
 */
function settle(from: number, step: number, value: number): Step {
  return { at: from + step, value: round(value) };
}

const ease = (x: number) => (1 - Math.cos(Math.PI * x)) / 2;
const round = (v: number) => Math.round(v * 1000) / 1000;

function thresholds(sensor: ScenarioSensor): { warn: number; alarm: number } {
  const d = sensorKindDefaults[sensor.kind];
  const warn = sensor.warn ?? d.warn;
  const alarm = sensor.alarm ?? d.alarm;
  if (warn === null || alarm === null)
    throw new ScenarioError(`${sensor.code} has no warning and alarm thresholds to cross`);
  return { warn, alarm };
}

/**
 * A gauge rises from its usual level past warning and alarm over ~40 s (20 readings), holds above
 * alarm, and recedes to where it started over another ~40 s. Real gauges switch to a short
 * reporting interval in flood (加密监测), hence a reading every 2 s rather than every 5 minutes.
 */
export function riverRiseTimeline(sensor: ScenarioSensor, options: ScenarioOptions): Step[] {
  const { warn, alarm } = thresholds(sensor);
  const base = normalValue(sensor, Date.now());
  const peak = alarm + (alarm - warn) * 0.5;
  const s = options.speed;
  const hold = options.holdS ?? 20 / s;
  const steps: Step[] = [];
  for (let i = 1; i <= 20; i++)
    steps.push({ at: (2 * i) / s, value: round(base + (peak - base) * ease(i / 20)) });
  steps.push(...plateau(40 / s, hold, 2 / s, round(peak)));
  const down = 40 / s + hold;
  for (let i = 1; i <= 20; i++)
    steps.push({
      at: down + (2 * i) / s,
      value: round(peak - (peak - base) * ease(i / 20)),
      ...(i === 1 ? { phase: 'receding' as const } : {}),
    });
  steps.push(settle(down + 40 / s, 2 / s, base));
  return steps;
}

/**
 * A detector at a chemical plant jumps past alarm within ~6 s, stays high ~10 s, then decays
 * exponentially back to its baseline over ~45 s as the leak is isolated and the gas disperses.
 */
export function gasLeakTimeline(sensor: ScenarioSensor, options: ScenarioOptions): Step[] {
  const { alarm } = thresholds(sensor);
  const d = sensorKindDefaults[sensor.kind];
  const base = normalValue(sensor, Date.now());
  const peak = Math.min(d.physical[1], alarm * 1.6);
  const s = options.speed;
  const hold = options.holdS ?? 10 / s;
  const steps: Step[] = [];
  for (let i = 1; i <= 6; i++) steps.push({ at: i / s, value: round(base + (peak - base) * ease(i / 6)) });
  const top = 6 / s;
  steps.push(...plateau(top, hold, 1 / s, round(peak)));
  const down = top + hold;
  for (let i = 1; i <= 45; i++) {
    const left = i === 45 ? 0 : Math.exp(-i / 9);
    steps.push({
      at: down + i / s,
      value: round(base + (peak - base) * left),
      ...(i === 1 ? { phase: 'receding' as const } : {}),
    });
  }
  steps.push(settle(down + 45 / s, 1 / s, base));
  return steps;
}

async function playTimeline(
  ctx: ScenarioContext,
  name: ScenarioName,
  sensor: ScenarioSensor,
  steps: Step[],
): Promise<boolean> {
  const { warn, alarm } = thresholds(sensor);
  const unit = sensorKindDefaults[sensor.kind].unit;
  const band = hysteresisBand({ warn, alarm }, sensorKindDefaults[sensor.kind].normal);
  const tag = { scenario: name, sensor: sensor.code, place: sensor.place, unit };
  const fmt = (v: number) => `${v} ${unit}`.trim();
  ctx.emit({
    ...tag,
    event: 'started',
    value: steps[0]?.value,
    message: `${sensor.code} ${sensor.name} (${sensor.place}): starting, warning ${fmt(warn)}, alarm ${fmt(alarm)}`,
  });
  let level: AlarmLevel = 'normal';
  const t0 = performance.now();
  for (const step of steps) {
    const wait = t0 + step.at * 1000 - performance.now();
    if (wait > 0) await sleep(wait, undefined, { signal: ctx.signal });
    if (step.phase === 'holding')
      ctx.emit({
        ...tag,
        event: 'holding',
        value: step.value,
        message: `${sensor.code}: holding at ${fmt(step.value)}`,
      });
    if (step.phase === 'receding')
      ctx.emit({ ...tag, event: 'receding', message: `${sensor.code}: receding` });
    await ctx.publisher.publish(sensor.code, [{ ts: new Date().toISOString(), value: step.value }]);
    const next = nextLevel(level, step.value, { warn, alarm, band });
    if (next !== level) ctx.emit(levelEvent(tag, level, next, step.value, { warn, alarm }, fmt));
    level = next;
  }
  ctx.emit({ ...tag, event: 'done', message: `${sensor.code}: done` });
  return level === 'normal';
}

const rank: Record<AlarmLevel, number> = { normal: 0, warning: 1, alarm: 2 };

function levelEvent(
  tag: { scenario: ScenarioName; sensor: string; place: string; unit: string },
  from: AlarmLevel,
  to: AlarmLevel,
  value: number,
  t: { warn: number; alarm: number },
  fmt: (v: number) => string,
): SimEventBody {
  if (rank[to] > rank[from]) {
    const threshold = to === 'alarm' ? t.alarm : t.warn;
    return {
      ...tag,
      event: 'crossed',
      level: to,
      value,
      threshold,
      message: `${tag.sensor}: ${fmt(value)} ≥ ${to} ${fmt(threshold)}`,
    };
  }
  if (to === 'normal')
    return {
      ...tag,
      event: 'cleared',
      level: to,
      value,
      message: `${tag.sensor}: ${fmt(value)}, back below warning: the alarm clears`,
    };
  return {
    ...tag,
    event: 'fell',
    level: to,
    value,
    message: `${tag.sensor}: ${fmt(value)}, below alarm: down to warning`,
  };
}

/** The gauge reports once more, then never again; OneMap should turn it offline. */
async function goSilent(
  ctx: ScenarioContext,
  sensor: ScenarioSensor,
  options: ScenarioOptions,
): Promise<boolean> {
  const tag = { scenario: 'gauge-silent' as const, sensor: sensor.code, place: sensor.place };
  const value = normalValue(sensor, Date.now());
  // A fresh last reading, so the silence is measured from now and not from old demo data.
  await ctx.publisher.publish(sensor.code, [{ ts: new Date().toISOString(), value }]);
  const expectS = sensor.intervalS * 3;
  ctx.emit({
    ...tag,
    event: 'silent',
    value,
    message: `${sensor.code} ${sensor.name} (${sensor.place}): last reading ${value}, now silent; offline expected after 3 missed intervals (${expectS} s)`,
  });
  const timeoutS = options.silentTimeoutS ?? expectS + 120;
  const deadline = performance.now() + timeoutS * 1000;
  const poll = Math.min(15_000, Math.max(1000, sensor.intervalS * 100));
  while (performance.now() < deadline) {
    await sleep(poll, undefined, { signal: ctx.signal });
    if ((await ctx.catalogue.stateOf(sensor.code)) === 'offline') {
      ctx.emit({
        ...tag,
        event: 'offline',
        level: 'offline',
        message: `${sensor.code}: OneMap shows it offline`,
      });
      return true;
    }
  }
  ctx.emit({
    ...tag,
    event: 'timeout',
    message: `${sensor.code}: not offline after ${timeoutS} s of silence`,
  });
  return false;
}
