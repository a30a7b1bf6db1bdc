import { haversineKm } from './distance.js';
import type { LonLat } from './types.js';

/**
 * The travel-time model behind estimated arrival times (ETA) of rescue teams. It is a planning
 * model, not routing: no road network is needed, so it ranks 50,000 teams in milliseconds and gives
 * the same answer on every machine. A routed ETA may replace it for the few teams actually sent.
 *
 *   travel km = great-circle km × road factor      (1 for aircraft: they fly the straight line)
 *   minutes   = turn-out minutes + travel km ÷ speed km/h × 60
 *
 * The road factor (路网曲折系数, "circuity") is the ratio of road to straight-line distance.
 * Measured circuity of national road networks is about 1.2–1.4 (Ballou, Rahardja & Sakai 2002,
 * "Selected country circuity factors for road travel distance estimation"), higher where the
 * network is sparse or mountainous. 1.35 sits at the upper end on purpose: rescue goes to rural,
 * hilly and damaged places more often than an average trip does, and an ETA that is a little
 * pessimistic is safer to plan with than one that is optimistic. Speeds and turn-out times
 * are domain knowledge and live with the team types in `@onemap/domain` (`teamTravelProfiles`);
 * this file only does the arithmetic.
 */
export interface TravelProfile {
  /** Average speed over the whole trip, km/h (not the top speed: it includes junctions and slopes). */
  speedKmh: number;
  /** Road distance ÷ great-circle distance; 1 for a straight line (aircraft). */
  roadFactor: number;
  /** Minutes from the order to moving: crew assembly, 出动 time, or a helicopter's launch. */
  turnoutMin: number;
}

/** The circuity factor used for ground vehicles unless a profile says otherwise. */
export const DEFAULT_ROAD_FACTOR = 1.35;

export interface TravelEstimate {
  /** Straight-line (great-circle) distance, km. */
  straightKm: number;
  /** The distance travelled under the profile: straight line × road factor, km. */
  distanceKm: number;
  /** Turn-out plus travel time, minutes. */
  minutes: number;
}

function checkProfile(p: TravelProfile): void {
  if (!(p.speedKmh > 0) || !Number.isFinite(p.speedKmh)) throw new RangeError('speedKmh must be > 0');
  if (!(p.roadFactor >= 1) || !Number.isFinite(p.roadFactor)) throw new RangeError('roadFactor must be ≥ 1');
  if (!(p.turnoutMin >= 0) || !Number.isFinite(p.turnoutMin)) throw new RangeError('turnoutMin must be ≥ 0');
}

/**
 * Minutes to cover a great-circle distance under a profile: turn-out plus travel.
 *
 * @example
 * // 10 km straight line by a fire engine (45 km/h, road factor 1.35, 1 min turn-out):
 * travelMinutes(10, { speedKmh: 45, roadFactor: 1.35, turnoutMin: 1 }); // 1 + 13.5 / 45 × 60 = 19
 */
export function travelMinutes(straightKm: number, profile: TravelProfile): number {
  checkProfile(profile);
  return profile.turnoutMin + ((straightKm * profile.roadFactor) / profile.speedKmh) * 60;
}

/**
 * Distance and time from `from` to `to` under a profile.
 *
 * @example
 * // A helicopter (200 km/h, straight line, 15 min launch), one degree of longitude on the equator:
 * estimateTravel([0, 0], [1, 0], { speedKmh: 200, roadFactor: 1, turnoutMin: 15 });
 * // → { straightKm ≈ 111.195, distanceKm ≈ 111.195, minutes ≈ 15 + 33.359 = 48.359 }
 */
export function estimateTravel(from: LonLat, to: LonLat, profile: TravelProfile): TravelEstimate {
  checkProfile(profile);
  const straightKm = haversineKm(from, to);
  const distanceKm = straightKm * profile.roadFactor;
  return { straightKm, distanceKm, minutes: profile.turnoutMin + (distanceKm / profile.speedKmh) * 60 };
}
