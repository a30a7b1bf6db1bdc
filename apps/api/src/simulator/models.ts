import { type SensorKind, sensorKindDefaults } from '@onemap/domain';
import { createRng } from '@onemap/geo';

/**
 * What a healthy sensor of each kind reads at a moment: a smooth, kind-shaped signal inside the
 * kind's normal range plus a little noise, the same on every run for the same sensor and moment.
 * The shapes are the ones an operator recognises on a chart: temperature peaks in the afternoon
 * and humidity opposite it, rain comes in showers, river levels move over days, gas detectors sit
 * on a noisy baseline. Everything is a function of (sensor, time), so no state needs keeping.
 */
export interface ModelSensor {
  code: string;
  kind: SensorKind;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** China Standard Time: the diurnal cycle follows local solar time, near enough. */
const LOCAL_OFFSET_MS = 8 * HOUR;

/** A stable 32-bit number for a sensor code (FNV-1a): its phase, baseline and noise stream. */
export function seedOf(code: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Uniform in [0, 1), fixed for (seed, step). */
function noise(seed: number, step: number): number {
  return createRng((seed ^ Math.imul(step, 0x9e3779b1)) | 0)();
}

/** Roughly normal (mean 0, sd ≈ 1), fixed for (seed, step). */
function gaussian(seed: number, step: number): number {
  return (noise(seed, step) + noise(seed + 1, step) + noise(seed + 2, step) - 1.5) * 2;
}

/** 0 at local 03:00, 1 at 15:00: the day's warmth. */
function diurnal(t: number): number {
  const hour = ((t + LOCAL_OFFSET_MS) % DAY) / HOUR;
  return (1 - Math.cos(((hour - 3) / 24) * 2 * Math.PI)) / 2;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The reading of a healthy sensor at time t (ms since epoch), inside the kind's normal range. */
export function normalValue(sensor: ModelSensor, t: number): number {
  const seed = seedOf(sensor.code);
  const [lo, hi] = sensorKindDefaults[sensor.kind].normal;
  const span = hi - lo;
  const u = (k: number) => noise(seed, -k); // per-sensor constants
  const jitter = gaussian(seed, Math.floor(t / 1000));
  switch (sensor.kind) {
    case 'temperature': {
      const mean = lo + span * (0.35 + 0.3 * u(1));
      return round(clamp(mean + (diurnal(t) - 0.5) * 8 + jitter * 0.2, lo, hi), 1);
    }
    case 'humidity': {
      const mean = lo + span * (0.45 + 0.25 * u(1));
      return round(clamp(mean - (diurnal(t) - 0.5) * 30 + jitter, lo, hi), 0);
    }
    case 'rainfall': {
      // Showers: each sensor's three-hour windows are wet with a probability of one in five; a
      // wet window rises and falls once, peaking below the top of the normal range.
      const window = Math.floor(t / (3 * HOUR));
      if (noise(seed, window) >= 0.2) return 0;
      const phase = (t % (3 * HOUR)) / (3 * HOUR);
      const peak = hi * (0.3 + 0.6 * noise(seed + 7, window));
      return round(Math.max(0, peak * Math.sin(Math.PI * phase) + jitter * 0.2), 1);
    }
    case 'water_level': {
      // Rivers move over days: two slow swells with per-gauge phases, centimetre noise.
      const mid = lo + span * (0.3 + 0.2 * u(1));
      const swell =
        Math.sin((2 * Math.PI * t) / (5.3 * DAY) + u(2) * 6.3) * 0.25 +
        Math.sin((2 * Math.PI * t) / (1.7 * DAY) + u(3) * 6.3) * 0.1;
      return round(clamp(mid + swell * span + jitter * 0.01, lo, hi), 2);
    }
    case 'gas_ch4':
    case 'gas_co':
    case 'gas_h2s':
    case 'gas_combustible': {
      const base = lo + span * (0.2 + 0.2 * u(1));
      return round(clamp(base + jitter * span * 0.08, lo, hi), 3);
    }
    case 'wind_speed': {
      const mean = lo + span * (0.2 + 0.2 * u(1)) + diurnal(t) * span * 0.2;
      return round(clamp(mean + Math.abs(jitter) * span * 0.1, lo, hi), 1);
    }
    case 'displacement': {
      // Slope creep: a slow drift over weeks, with instrument noise.
      const drift = ((t / DAY) % 30) / 30;
      return round(clamp(lo + span * (0.1 + 0.3 * u(1) + 0.1 * drift) + jitter * 0.05, lo, hi), 2);
    }
    case 'seismic':
      return round(clamp(span * 0.05 + Math.abs(jitter) * span * 0.05, lo, hi), 3);
    case 'smoke':
      return round(clamp(span * 0.1 + Math.abs(jitter) * span * 0.05, lo, hi), 4);
    case 'tank_level': {
      // Filled and drawn down over a working day.
      const cycle = Math.sin((2 * Math.PI * t) / (10 * HOUR) + u(2) * 6.3);
      return round(clamp(lo + span * (0.5 + 0.4 * cycle) + jitter * 0.005, lo, hi), 3);
    }
    case 'tank_pressure': {
      // Follows the tank's warmth a little.
      const base = lo + span * (0.3 + 0.2 * u(1));
      return round(clamp(base + diurnal(t) * span * 0.1 + jitter * 0.005, lo, hi), 3);
    }
    default:
      // Cameras and other heartbeat-style sensors report 1 for "online".
      return hi;
  }
}

/** Kinds that report readings over MQTT; remote-sensing and crowd channels arrive otherwise. */
export function publishesReadings(channel: string): boolean {
  return channel === 'iot' || channel === 'video';
}
