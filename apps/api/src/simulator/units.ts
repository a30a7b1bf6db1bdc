import { teamTravelProfiles } from '@onemap/domain';
import { bearingDeg, destination, haversineKm, type LonLat } from '@onemap/geo';
import type { ActiveUnit } from '../services/dispatch.js';
import type { SimEventBody } from './scenarios.js';

/**
 * The units of the demo: every team out on an assignment drives, like a vehicle tracker would
 * report it, from where it is to the scene (dispatched, en route) or back to its base (returning),
 * publishing a position every few seconds. Arriving is left to OneMap: its geofence sees the unit
 * at the scene or home. A dispatched team first takes its turn-out time. Time can run faster
 * (`speed`) for demos and tests.
 */

/** A position as a unit's tracker publishes it to `onemap/units/{teamCode}/position`. */
export interface UnitPosition {
  ts: string;
  lon: number;
  lat: number;
  speed: number;
  heading: number;
}

export interface PositionPublisher {
  publishPosition(teamCode: string, position: UnitPosition): Promise<void>;
}

/** Where the active units are: OneMap's open interface for the CLI, the database in-process. */
export type ActiveUnitsSource = () => Promise<ActiveUnit[]>;

/** A unit stops this close to its target: well inside OneMap's arrival radius (300 m). */
const STOP_KM = 0.05;

/**
 * A plausible road between two places without a road network: two bends off the straight line,
 * each up to a tenth of the distance to one side (the same side and amount for the same trip, so a
 * unit keeps to its road between polls). Roads are about a third longer than the straight line;
 * this path is a little shorter than that, which is fine for a picture and keeps ETAs honest.
 */
export function planRoute(from: LonLat, to: LonLat, seed: number): LonLat[] {
  const km = haversineKm(from, to);
  if (km < 0.2) return [from, to];
  const heading = bearingDeg(from, to);
  const side = seed % 2 === 0 ? 90 : -90;
  const offset = km * (0.04 + ((seed >>> 1) % 7) * 0.01);
  const bend = (fraction: number, sign: number) =>
    destination(destination(from, km * fraction, heading), offset, heading + sign * side);
  return [from, bend(1 / 3, 1), bend(2 / 3, -1), to];
}

/** The point `km` along a route, and the heading there; the end when the route is shorter. */
export function alongRoute(
  route: readonly LonLat[],
  km: number,
): { at: LonLat; heading: number; done: boolean } {
  let left = km;
  for (let i = 1; i < route.length; i++) {
    const a = route[i - 1] as LonLat;
    const b = route[i] as LonLat;
    const leg = haversineKm(a, b);
    const heading = bearingDeg(a, b);
    if (left <= leg) return { at: destination(a, left, heading), heading, done: false };
    left -= leg;
  }
  const last = route.at(-1) as LonLat;
  const before = route.at(-2) ?? last;
  return { at: last, heading: bearingDeg(before, last), done: true };
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

interface Trip {
  key: string;
  route: LonLat[];
  /** Kilometres driven along the route. */
  km: number;
  /** Real time (ms) the unit may start moving: after its turn-out. */
  departsAt: number;
  arrived: boolean;
}

export interface UnitFleetOptions {
  source: ActiveUnitsSource;
  publisher: PositionPublisher;
  /** How many times faster than real time units drive and turn out. */
  speed: number;
  /** Seconds between a unit's positions (real time). */
  intervalS: number;
  emit(event: SimEventBody): void;
}

/**
 * Drives the active units. Every interval it reads the active units, (re)plans a trip for any
 * whose target changed, moves each along its trip and publishes where it is.
 */
export function startUnitFleet(options: UnitFleetOptions): { stop(): Promise<void> } {
  const trips = new Map<string, Trip>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let failures = 0;

  const tick = async () => {
    const now = Date.now();
    const units = await options.source();
    const seen = new Set<string>();
    const sends: Promise<void>[] = [];
    for (const u of units) {
      seen.add(u.teamCode);
      if (u.status === 'on_scene') continue;
      const target = u.status === 'returning' ? u.base : u.scene;
      const key = `${u.assignmentId}/${u.status === 'returning' ? 'home' : 'scene'}`;
      let trip = trips.get(u.teamCode);
      if (trip?.key !== key) {
        const profile = teamTravelProfiles[u.teamType];
        const turnoutMs =
          u.status === 'dispatched'
            ? Math.max(0, Date.parse(u.dispatchedAt) + (profile.turnoutMin * 60_000) / options.speed - now)
            : 0;
        trip = {
          key,
          route: planRoute(u.position, target, hashOf(key)),
          km: 0,
          departsAt: now + turnoutMs,
          arrived: false,
        };
        trips.set(u.teamCode, trip);
        options.emit({
          event: 'unit',
          message: `${u.teamCode} ${u.status === 'returning' ? 'heads home' : 'heads for the scene'}, ${round1(haversineKm(u.position, target))} km`,
        });
      }
      if (trip.arrived || now < trip.departsAt) continue;
      const kmh = teamTravelProfiles[u.teamType].speedKmh;
      trip.km += (kmh * options.speed * options.intervalS) / 3600;
      const step = alongRoute(trip.route, trip.km);
      const remaining = haversineKm(step.at, target);
      trip.arrived = step.done || remaining < STOP_KM;
      const at = trip.arrived ? target : step.at;
      sends.push(
        options.publisher.publishPosition(u.teamCode, {
          ts: new Date(now).toISOString(),
          lon: Math.round(at[0] * 1e6) / 1e6,
          lat: Math.round(at[1] * 1e6) / 1e6,
          speed: trip.arrived ? 0 : kmh,
          heading: Math.round(step.heading),
        }),
      );
    }
    for (const code of trips.keys()) if (!seen.has(code)) trips.delete(code);
    await Promise.all(sends);
  };

  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(tick).then(
      () => {
        failures = 0;
      },
      (error: Error) => {
        // Said once per run of failures; the fleet keeps trying (OneMap restarting, a lost link).
        if (failures++ === 0)
          options.emit({ event: 'unit', message: `moving units failed: ${error.message}` });
      },
    );
  }, options.intervalS * 1000);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
