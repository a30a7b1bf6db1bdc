import { z } from 'zod';
import { checkTransition, type TransitionCheck } from './incidents.js';
import type { IncidentType, Label, TeamStatus, TeamType } from './vocabulary.js';
import { incidentTypes, teamStatuses, teamTypes } from './vocabulary.js';

/**
 * Dispatch (力量调派) as pure rules: the lifecycle of a team's assignment, the travel profile of
 * each team type, which team types fit which incident type, and the ranking of candidate teams by
 * estimated arrival time. The travel arithmetic is `@onemap/geo`'s `estimateTravel`; it is passed
 * in (`recommendTeams(…, estimateTravel)`) so that this package stays free of dependencies other
 * than zod.
 */

// ─── Assignment lifecycle ───────────────────────────────────────────────────────────────────────

/**
 * A team's status as an assignment moves it: 待命 → 已调派 → 途中 → 到场 → 返回 → 待命. A dispatch
 * may be cancelled (before leaving) or the team recalled (on the way): both put it straight back
 * to available. Once on scene a team is released by returning, never by vanishing from the scene.
 * `unavailable` (maintenance, rest, off roster) is set by team management, not by dispatch, so no
 * assignment moves a team into or out of it.
 */
export const assignmentTransitions: Readonly<Record<TeamStatus, readonly TeamStatus[]>> = {
  available: ['dispatched'],
  dispatched: ['en_route', 'available'],
  en_route: ['on_scene', 'available'],
  on_scene: ['returning'],
  returning: ['available'],
  unavailable: [],
};

/** The statuses an assignment passes through (every team status but `unavailable`). */
export const assignmentStatuses: readonly TeamStatus[] = teamStatuses.codes.filter(
  (s) => s !== 'unavailable',
);

function assignmentSpecialReason(from: TeamStatus, to: TeamStatus): Label | undefined {
  const f = teamStatuses.labels[from];
  if (from === 'unavailable' || to === 'unavailable') {
    return {
      zh: '「不可用」由队伍管理维护，不属于调派流程',
      en: '"Unavailable" is set by team management, not by a dispatch',
    };
  }
  if (to === 'dispatched') {
    // The loser of two operators racing for one team lands here: say what the team is doing now.
    return {
      zh: `队伍当前为「${f.zh}」，不是「待命」，不能调派`,
      en: `The team is "${f.en}", not available, and cannot be dispatched`,
    };
  }
  if (from === 'available') {
    return {
      zh: '队伍处于待命状态，尚未调派',
      en: 'The team is available and has not been dispatched',
    };
  }
  if (from === 'on_scene' && to === 'available') {
    return {
      zh: '到场队伍须先转为「返回」，返回后再转为「待命」',
      en: 'A team on scene must return before it is available again',
    };
  }
  if (to === 'on_scene' && from === 'dispatched') {
    return {
      zh: '队伍须先出发（「途中」），才能到场',
      en: 'The team must be en route before it arrives on scene',
    };
  }
  return undefined;
}

/**
 * Whether a team's assignment may move from one status to another; a refusal says why.
 *
 * @example assignmentTransition('en_route', 'on_scene') // { ok: true }
 * @example assignmentTransition('on_scene', 'dispatched').ok === false  // not available
 */
export function assignmentTransition(from: TeamStatus, to: TeamStatus): TransitionCheck {
  return checkTransition(assignmentTransitions, teamStatuses.labels, from, to, assignmentSpecialReason);
}

/** Only an available team can be dispatched. */
export function canDispatch(status: TeamStatus): boolean {
  return status === 'available';
}

// ─── Travel profiles ────────────────────────────────────────────────────────────────────────────

/** Structurally the same as `@onemap/geo`'s `TravelProfile`. */
export interface TeamTravelProfile {
  /** Average speed over the whole trip, km/h. */
  speedKmh: number;
  /** Road distance ÷ great-circle distance; 1 for aircraft. */
  roadFactor: number;
  /** Minutes from the order to moving (出动 time; a helicopter's launch). */
  turnoutMin: number;
}

/** Circuity of the road network (see `DEFAULT_ROAD_FACTOR` in `@onemap/geo` for the reasoning). */
export const TEAM_ROAD_FACTOR = 1.35;

/**
 * Average whole-trip speed and turn-out time per team type: planning figures, chosen to rank teams
 * sensibly and to be a little pessimistic rather than optimistic.
 *
 * - fire_rescue 45 km/h, 1 min: 《城市消防站建设标准》 plans 5 minutes from the order to the edge
 *   of a station's district, 1 of them to turn out; 45 km/h is an urban-plus-arterial average for
 *   trips beyond the first district (inner-city first-due runs are slower, ~30 km/h).
 * - forest_fire 40 km/h, 10 min: loading tools and water pumps; the last kilometres are forest roads.
 * - mine_rescue 50 km/h, 2 min: squads stand duty ready to leave; mines are reached by highway.
 * - hazchem 45 km/h, 3 min: heavy special vehicles (侦检, 堵漏, 洗消) on urban and industrial roads.
 * - flood_rescue 40 km/h, 20 min: boats on trailers, crews assembled from standby.
 * - earthquake_rescue 50 km/h, 30 min: a heavy search-and-rescue team assembles people, dogs and
 *   equipment before leaving as a convoy, mostly on highways.
 * - medical 40 km/h, 3 min: a 120 ambulance; 3 minutes is the usual dispatch-centre target.
 * - helicopter 200 km/h, 15 min, straight line: cruise of a medium rescue helicopter (AC313 /
 *   Mi-171 class ≈ 230–250 km/h) less climb and approach; 15 minutes from the order to take-off.
 * - volunteer 35 km/h, 30 min: members gather from their homes and drive ordinary vehicles.
 */
export const teamTravelProfiles: Readonly<Record<TeamType, TeamTravelProfile>> = {
  fire_rescue: { speedKmh: 45, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 1 },
  forest_fire: { speedKmh: 40, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 10 },
  mine_rescue: { speedKmh: 50, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 2 },
  hazchem: { speedKmh: 45, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 3 },
  flood_rescue: { speedKmh: 40, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 20 },
  earthquake_rescue: { speedKmh: 50, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 30 },
  medical: { speedKmh: 40, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 3 },
  helicopter: { speedKmh: 200, roadFactor: 1, turnoutMin: 15 },
  volunteer: { speedKmh: 35, roadFactor: TEAM_ROAD_FACTOR, turnoutMin: 30 },
};

// ─── Which teams fit which incident ─────────────────────────────────────────────────────────────

/**
 * The team types that fit each incident type, the specialists first. Fire-and-rescue teams are
 * China's 综合性 rescue force and fit most incidents; medical teams fit wherever people may be
 * hurt; helicopters where roads may be cut or the scene is large (quakes, floods, typhoons, forest
 * fires, landslides); volunteers (社会救援力量) for wide-area searches and evacuation. Police-type
 * events (mass incidents, terrorism) get only what this system dispatches: medical and rescue.
 */
export const teamTypesForIncident: Readonly<Record<IncidentType, readonly TeamType[]>> = {
  earthquake: ['earthquake_rescue', 'fire_rescue', 'medical', 'helicopter', 'volunteer'],
  flood: ['flood_rescue', 'fire_rescue', 'medical', 'helicopter', 'volunteer'],
  drought: ['fire_rescue', 'volunteer'],
  typhoon: ['flood_rescue', 'fire_rescue', 'medical', 'helicopter', 'volunteer'],
  rainstorm: ['flood_rescue', 'fire_rescue', 'medical', 'volunteer'],
  landslide: ['earthquake_rescue', 'fire_rescue', 'medical', 'helicopter', 'volunteer'],
  forest_fire: ['forest_fire', 'helicopter', 'fire_rescue', 'medical'],
  grassland_fire: ['forest_fire', 'helicopter', 'fire_rescue', 'medical'],
  snow_disaster: ['fire_rescue', 'medical', 'volunteer'],
  mine_accident: ['mine_rescue', 'medical'],
  hazchem_leak: ['hazchem', 'fire_rescue', 'medical'],
  hazchem_explosion: ['hazchem', 'fire_rescue', 'medical', 'earthquake_rescue'],
  fire: ['fire_rescue', 'medical'],
  traffic_accident: ['fire_rescue', 'medical'],
  building_collapse: ['earthquake_rescue', 'fire_rescue', 'medical'],
  fireworks_accident: ['fire_rescue', 'hazchem', 'medical'],
  infectious_disease: ['medical'],
  food_poisoning: ['medical'],
  mass_incident: ['medical'],
  terrorist_attack: ['fire_rescue', 'medical', 'hazchem'],
};

/** What each team type brings, to complete "why this team" for the operator. */
export const teamTypeStrengths: Readonly<Record<TeamType, Label>> = {
  fire_rescue: { zh: '具备灭火、破拆和综合救援能力', en: 'firefighting, extrication and general rescue' },
  forest_fire: { zh: '具备森林草原灭火能力', en: 'forest and grassland firefighting' },
  mine_rescue: { zh: '具备井下搜救和有害气体处置能力', en: 'underground rescue and toxic-gas work' },
  hazchem: {
    zh: '具备危化品处置能力（侦检、堵漏、洗消）',
    en: 'hazardous-chemical response (detection, sealing, decontamination)',
  },
  flood_rescue: { zh: '具备水上搜救和抢险能力', en: 'water rescue and flood fighting' },
  earthquake_rescue: { zh: '具备倒塌建筑搜救能力', en: 'search and rescue in collapsed structures' },
  medical: { zh: '具备现场救治和伤员转运能力', en: 'on-site care and casualty transport' },
  helicopter: {
    zh: '可空中侦察、吊运和转运，不受道路阻断影响',
    en: 'aerial reconnaissance, hoist and transport regardless of roads',
  },
  volunteer: { zh: '可协助搜寻和转移群众', en: 'help with searches and evacuation' },
};

const fitReasons: Readonly<Record<TeamType, Label>> = Object.fromEntries(
  teamTypes.codes.map((t) => [
    t,
    {
      zh: `${teamTypes.labels[t].zh}，${teamTypeStrengths[t].zh}`,
      en: `${teamTypes.labels[t].en} team: ${teamTypeStrengths[t].en}`,
    },
  ]),
) as Record<TeamType, Label>;

// ─── Recommendation ─────────────────────────────────────────────────────────────────────────────

export interface CandidateTeam {
  code: string;
  type: TeamType;
  status: TeamStatus;
  lon: number;
  lat: number;
  /**
   * Incident types the team is registered as equipped for beyond its type (a volunteer team with
   * boats: ['flood']). Such a team fits that incident even if its type does not.
   */
  capabilities?: readonly string[] | undefined;
}

export interface TeamRecommendation {
  teamCode: string;
  teamType: TeamType;
  /** Estimated minutes to arrive: turn-out plus travel. */
  etaMinutes: number;
  /** Distance travelled under the model: road estimate, or straight line for aircraft, km. */
  distanceKm: number;
  /** Why this team fits the incident, to show next to it. */
  why: Label;
}

/** `@onemap/geo`'s `estimateTravel`, or anything with its shape. */
export type TravelEstimator = (
  from: [number, number],
  to: [number, number],
  profile: TeamTravelProfile,
) => { distanceKm: number; minutes: number };

export interface RecommendationRequest {
  type: IncidentType;
  lon: number;
  lat: number;
  /** At most this many teams, the fastest; all that fit when left out. */
  limit?: number | undefined;
}

/**
 * The available teams that fit an incident, fastest first.
 *
 * A team fits when its type is listed for the incident type (`teamTypesForIncident`) or its
 * capabilities name the incident type. Order: ETA, then distance, then the specialist before the
 * generalist (position in the fit list), then team code — a total order, so the same input always
 * gives the same list. O(n + m log m) for n candidates of which m fit; per candidate it keeps
 * two numbers in typed arrays and builds result objects only for the teams returned.
 *
 * @example
 * recommendTeams({ type: 'hazchem_leak', lon: 121.0, lat: 31.0 }, teams, estimateTravel)
 * // → [{ teamCode: 'HZ-01', etaMinutes: 14.2, distanceKm: 8.3, why: { zh: '危化品救援队，具备危化品处置能力…' } }, …]
 */
export function recommendTeams(
  request: RecommendationRequest,
  teams: readonly CandidateTeam[],
  estimate: TravelEstimator,
): TeamRecommendation[] {
  const fit = teamTypesForIncident[request.type];
  const rankOfType = new Int8Array(teamTypes.codes.length).fill(-1);
  for (let i = 0; i < fit.length; i++) rankOfType[teamTypes.indexOf(fit[i] as TeamType)] = i;
  const byCapability = fit.length; // after every listed type

  const n = teams.length;
  const picked = new Uint32Array(n);
  const minutes = new Float64Array(n);
  const distance = new Float64Array(n);
  const preference = new Uint8Array(n);
  const to: [number, number] = [request.lon, request.lat];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const t = teams[i] as CandidateTeam;
    if (t.status !== 'available') continue;
    let pref = rankOfType[teamTypes.indexOf(t.type)] ?? -1;
    if (pref < 0) {
      if (t.capabilities?.includes(request.type)) pref = byCapability;
      else continue;
    }
    const e = estimate([t.lon, t.lat], to, teamTravelProfiles[t.type]);
    if (!Number.isFinite(e.minutes)) continue;
    picked[m] = i;
    minutes[i] = e.minutes;
    distance[i] = e.distanceKm;
    preference[i] = pref;
    m++;
  }

  const order = picked.subarray(0, m).sort((a, b) => {
    const dt = (minutes[a] as number) - (minutes[b] as number);
    if (dt !== 0) return dt;
    const dd = (distance[a] as number) - (distance[b] as number);
    if (dd !== 0) return dd;
    const dp = (preference[a] as number) - (preference[b] as number);
    if (dp !== 0) return dp;
    const ca = (teams[a] as CandidateTeam).code;
    const cb = (teams[b] as CandidateTeam).code;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  });

  const k = request.limit === undefined ? m : Math.max(0, Math.min(m, Math.floor(request.limit)));
  const out: TeamRecommendation[] = new Array(k);
  const typeLabel = incidentTypes.labels[request.type];
  for (let j = 0; j < k; j++) {
    const i = order[j] as number;
    const t = teams[i] as CandidateTeam;
    const why =
      preference[i] === byCapability
        ? {
            zh: `${teamTypes.labels[t.type].zh}，登记具备${typeLabel.zh}处置能力`,
            en: `${teamTypes.labels[t.type].en} team registered as equipped for ${typeLabel.en.toLowerCase()}`,
          }
        : fitReasons[t.type];
    out[j] = {
      teamCode: t.code,
      teamType: t.type,
      etaMinutes: minutes[i] as number,
      distanceKm: distance[i] as number,
      why,
    };
  }
  return out;
}

// ─── Dispatch orders and assignment steps ───────────────────────────────────────────────────────

export const dispatchOrderSchema = z.object({
  incidentId: z.number().int().positive(),
  /** The teams sent together with one task; all go, or none (one not available refuses the order). */
  teamCodes: z
    .array(z.string().trim().min(1).max(32))
    .min(1, 'choose at least one team')
    .max(50, 'at most 50 teams in one order')
    .refine((c) => new Set(c).size === c.length, 'a team is listed twice'),
  task: z.string().trim().min(1, 'task must not be empty').max(500, 'task must be at most 500 characters'),
});
export type DispatchOrder = z.input<typeof dispatchOrderSchema>;

/** A step of an assignment reported by the team or the dispatcher (the geofence reports arrival too). */
export const assignmentStepSchema = z.object({
  assignmentId: z.number().int().positive(),
  to: z.enum(['en_route', 'on_scene', 'returning', 'available']),
  note: z.string().trim().max(500).optional(),
});
export type AssignmentStep = z.input<typeof assignmentStepSchema>;

/** What an assignment ended as: returned from the scene, or called back before arriving. */
export type AssignmentEnd = 'completed' | 'recalled';

export function assignmentEnd(from: TeamStatus): AssignmentEnd {
  return from === 'returning' ? 'completed' : 'recalled';
}

// ─── Unit positions and the geofence ────────────────────────────────────────────────────────────

/**
 * A unit on the move reports its position (车载/单兵定位), over MQTT
 * (`onemap/units/{teamCode}/position`) or in an HTTP batch. Speed in km/h, heading in degrees
 * clockwise from north.
 */
export const unitPositionSchema = z.object({
  ts: z.iso.datetime({ offset: true }),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  speed: z.number().min(0).max(1000).optional(),
  heading: z.number().min(0).max(360).optional(),
});
export type UnitPosition = z.output<typeof unitPositionSchema>;

export const MAX_POSITION_BATCH = 10_000;

export const unitPositionBatchSchema = z.object({
  positions: z
    .array(unitPositionSchema.extend({ teamCode: z.string().trim().min(1).max(32) }))
    .min(1)
    .max(MAX_POSITION_BATCH),
});

/**
 * A unit within this distance of the scene has arrived (到场): a fire engine stops at the gate, a
 * boat at the nearest dry road, a helicopter at a landing zone; GNSS in towns is off by tens of
 * metres. Helicopters land further away.
 */
export const ARRIVAL_RADIUS_M = 300;
export const HELICOPTER_ARRIVAL_RADIUS_M = 1500;
/** A dispatched unit this far from its base has left (出动): GNSS jitter at a station stays inside. */
export const DEPARTURE_RADIUS_M = 200;

export function arrivalRadiusM(type: TeamType): number {
  return type === 'helicopter' ? HELICOPTER_ARRIVAL_RADIUS_M : ARRIVAL_RADIUS_M;
}

/**
 * The step a position implies for a team on an assignment, or null for none: a dispatched team
 * that left its base is en route; a team that was dispatched or en route and is at the scene has
 * arrived (a team that never reported leaving arrives all the same); a returning team back at its
 * base is available again.
 *
 * @example unitStepFromPosition({ status: 'en_route', type: 'fire_rescue', toSceneM: 120, toBaseM: 8000 }) === 'on_scene'
 */
export function unitStepFromPosition(p: {
  status: TeamStatus;
  type: TeamType;
  toSceneM: number;
  toBaseM: number;
}): TeamStatus | null {
  const atScene = p.toSceneM <= arrivalRadiusM(p.type);
  if ((p.status === 'dispatched' || p.status === 'en_route') && atScene) return 'on_scene';
  if (p.status === 'dispatched' && p.toBaseM > DEPARTURE_RADIUS_M) return 'en_route';
  if (p.status === 'returning' && p.toBaseM <= arrivalRadiusM(p.type)) return 'available';
  return null;
}

// ─── Supplies, shelters and hospitals for an incident ───────────────────────────────────────────

/** The relief supplies (救灾物资) depots keep, by the names of the central reserve catalogue. */
export const reliefSupplyItems = [
  '帐篷',
  '棉被',
  '折叠床',
  '救生衣',
  '冲锋舟',
  '发电机组',
  '排涝泵',
  '应急照明灯',
  '方便食品',
  '饮用水',
] as const;
export type ReliefSupplyItem = (typeof reliefSupplyItems)[number];

/**
 * The relief supplies an incident type calls for. Types with none listed get no depots
 * recommended: a traffic accident needs no tents.
 */
export const suppliesForIncident: Readonly<Record<IncidentType, readonly ReliefSupplyItem[]>> = {
  earthquake: ['帐篷', '棉被', '折叠床', '应急照明灯', '发电机组', '方便食品', '饮用水'],
  flood: ['冲锋舟', '救生衣', '排涝泵', '发电机组', '方便食品', '饮用水'],
  drought: ['饮用水'],
  typhoon: ['冲锋舟', '救生衣', '排涝泵', '帐篷', '发电机组', '方便食品', '饮用水'],
  rainstorm: ['排涝泵', '冲锋舟', '救生衣', '发电机组'],
  landslide: ['帐篷', '棉被', '应急照明灯', '发电机组', '方便食品', '饮用水'],
  forest_fire: ['饮用水', '方便食品', '应急照明灯'],
  grassland_fire: ['饮用水', '方便食品', '应急照明灯'],
  snow_disaster: ['棉被', '帐篷', '发电机组', '方便食品', '饮用水'],
  mine_accident: ['应急照明灯', '发电机组'],
  hazchem_leak: ['帐篷', '饮用水'],
  hazchem_explosion: ['帐篷', '棉被', '应急照明灯', '饮用水'],
  fire: [],
  traffic_accident: [],
  building_collapse: ['帐篷', '棉被', '应急照明灯', '发电机组'],
  fireworks_accident: [],
  infectious_disease: ['帐篷', '折叠床'],
  food_poisoning: [],
  mass_incident: [],
  terrorist_attack: [],
};

/** Supply trucks: a heavy goods vehicle's whole-trip average and loading time. */
export const SUPPLY_TRUCK_PROFILE: TeamTravelProfile = {
  speedKmh: 50,
  roadFactor: TEAM_ROAD_FACTOR,
  turnoutMin: 60,
};

export const recommendationQuerySchema = z.object({
  id: z.number().int().positive(),
  limit: z.number().int().min(1).max(100).default(10),
});

export interface RecommendedTeam extends TeamRecommendation {
  teamName: string;
  members: number;
  lon: number;
  lat: number;
}

export interface NearbyPlace {
  code: string;
  name: string;
  lon: number;
  lat: number;
  /** Great-circle distance from the incident, km. */
  distanceKm: number;
}

export interface Recommendation {
  incident: { id: number; code: string; type: IncidentType; lon: number; lat: number };
  teams: RecommendedTeam[];
  depots: Array<
    NearbyPlace & { etaMinutes: number; items: Array<{ item: string; unit: string; quantity: number }> }
  >;
  shelters: Array<NearbyPlace & { capacity: number; status: string }>;
  hospitals: Array<NearbyPlace & { grade: string; beds: number }>;
}
