// The real travel model, by path: @onemap/domain does not depend on @onemap/geo (the estimator is
// passed in), and this also checks that geo's function has the shape `recommendTeams` expects.
import { estimateTravel } from '@onemap/geo';
import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_RADIUS_M,
  assignmentEnd,
  assignmentStatuses,
  assignmentTransition,
  assignmentTransitions,
  type CandidateTeam,
  canDispatch,
  DEPARTURE_RADIUS_M,
  dispatchOrderSchema,
  HELICOPTER_ARRIVAL_RADIUS_M,
  recommendTeams,
  suppliesForIncident,
  type TravelEstimator,
  teamTravelProfiles,
  teamTypesForIncident,
  unitStepFromPosition,
} from '../src/dispatch.js';
import { incidentTypes, type TeamStatus, type TeamType, teamStatuses, teamTypes } from '../src/vocabulary.js';

const LEGAL = new Set([
  'available>dispatched',
  'dispatched>en_route',
  'en_route>on_scene',
  'on_scene>returning',
  'returning>available',
  'dispatched>available',
  'en_route>available',
]);

describe('assignment lifecycle', () => {
  const grid = teamStatuses.codes.flatMap((from) => teamStatuses.codes.map((to) => [from, to] as const));

  it.each(grid)('%s → %s is legal exactly when listed', (from, to) => {
    const r = assignmentTransition(from, to);
    const legal = LEGAL.has(`${from}>${to}`);
    expect(r.ok).toBe(legal);
    expect(assignmentTransitions[from].includes(to)).toBe(legal);
    if (!r.ok) {
      expect(r.reason.zh.length).toBeGreaterThan(0);
      expect(r.reason.en.length).toBeGreaterThan(0);
    }
  });

  it('has exactly the seven legal transitions and leaves unavailable to team management', () => {
    expect(Object.values(assignmentTransitions).reduce((s, l) => s + l.length, 0)).toBe(LEGAL.size);
    expect(assignmentStatuses).not.toContain('unavailable');
    const r = assignmentTransition('available', 'unavailable');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.zh).toContain('队伍管理');
  });

  it('says why a busy team cannot be dispatched (the loser of a race)', () => {
    const r = assignmentTransition('en_route', 'dispatched');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.zh).toContain('「途中」');
      expect(r.reason.en).toContain('cannot be dispatched');
    }
    expect(canDispatch('available')).toBe(true);
    for (const s of teamStatuses.codes.filter((s) => s !== 'available')) expect(canDispatch(s)).toBe(false);
  });

  it('explains named refusals', () => {
    const cases: Array<[TeamStatus, TeamStatus, string]> = [
      ['on_scene', 'available', '返回'],
      ['dispatched', 'on_scene', '途中'],
      ['available', 'en_route', '尚未调派'],
      ['returning', 'returning', '已处于'],
    ];
    for (const [from, to, zh] of cases) {
      const r = assignmentTransition(from, to);
      expect(r.ok, `${from} → ${to}`).toBe(false);
      if (!r.ok) expect(r.reason.zh).toContain(zh);
    }
  });

  it('walks the full cycle and the cancel and recall paths', () => {
    const cycle: TeamStatus[] = ['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'available'];
    for (let i = 1; i < cycle.length; i++) {
      expect(assignmentTransition(cycle[i - 1] as TeamStatus, cycle[i] as TeamStatus).ok).toBe(true);
    }
    expect(assignmentTransition('dispatched', 'available').ok).toBe(true);
    expect(assignmentTransition('en_route', 'available').ok).toBe(true);
  });
});

describe('tables', () => {
  it('gives every team type a usable travel profile', () => {
    for (const t of teamTypes.codes) {
      const p = teamTravelProfiles[t];
      expect(p.speedKmh).toBeGreaterThan(0);
      expect(p.roadFactor).toBeGreaterThanOrEqual(1);
      expect(p.turnoutMin).toBeGreaterThanOrEqual(0);
    }
    expect(teamTravelProfiles.helicopter).toEqual({ speedKmh: 200, roadFactor: 1, turnoutMin: 15 });
    expect(teamTravelProfiles.fire_rescue.roadFactor).toBe(1.35);
  });

  it('fits at least one team type to every incident type, without repeats', () => {
    for (const i of incidentTypes.codes) {
      const fit = teamTypesForIncident[i];
      expect(fit.length, i).toBeGreaterThan(0);
      expect(new Set(fit).size).toBe(fit.length);
    }
    expect(teamTypesForIncident.hazchem_leak).toEqual(['hazchem', 'fire_rescue', 'medical']);
    expect(teamTypesForIncident.earthquake).toContain('helicopter');
  });
});

describe('recommendTeams', () => {
  // On the equator 0.1° of longitude is 11.1195080 km, which keeps the hand computation short.
  const team = (
    code: string,
    type: TeamType,
    lon: number,
    status: TeamStatus = 'available',
    capabilities?: string[],
  ): CandidateTeam => ({ code, type, status, lon, lat: 0, capabilities });

  const fixture: CandidateTeam[] = [
    team('HZ-01', 'hazchem', 0.1), // 11.1195 × 1.35 = 15.0113 km; /45 h = 20.0151 min; + 3 = 23.0151
    team('FR-01', 'fire_rescue', 0.1), // same road; + 1 = 21.0151
    team('FR-02', 'fire_rescue', 0.01, 'dispatched'), // busy
    team('MD-01', 'medical', 0.05), // 7.5057 km; /40 h = 11.2585 min; + 3 = 14.2585
    team('EQ-01', 'earthquake_rescue', 0.01), // does not fit a chemical leak
    team('VL-01', 'volunteer', 0.2, 'available', ['hazchem_leak']), // 30.0227 km; /35 h = 51.4675; + 30
    team('HZ-02', 'hazchem', 0.001, 'unavailable'),
    team('HE-01', 'helicopter', 1), // does not fit a chemical leak
  ];

  it('ranks the available teams that fit by ETA, with hand-computed values', () => {
    const r = recommendTeams({ type: 'hazchem_leak', lon: 0, lat: 0 }, fixture, estimateTravel);
    expect(r.map((x) => x.teamCode)).toEqual(['MD-01', 'FR-01', 'HZ-01', 'VL-01']);
    expect(r[0]?.etaMinutes).toBeCloseTo(14.2585, 3);
    expect(r[0]?.distanceKm).toBeCloseTo(7.5057, 3);
    expect(r[1]?.etaMinutes).toBeCloseTo(21.0151, 3);
    expect(r[2]?.etaMinutes).toBeCloseTo(23.0151, 3);
    expect(r[2]?.distanceKm).toBeCloseTo(15.0113, 3);
    expect(r[3]?.etaMinutes).toBeCloseTo(81.4675, 3);
  });

  it('says why each team fits', () => {
    const r = recommendTeams({ type: 'hazchem_leak', lon: 0, lat: 0 }, fixture, estimateTravel);
    const why = Object.fromEntries(r.map((x) => [x.teamCode, x.why]));
    expect(why['HZ-01']?.zh).toBe('危化品救援队，具备危化品处置能力（侦检、堵漏、洗消）');
    expect(why['MD-01']?.zh).toContain('医疗救护队');
    expect(why['VL-01']?.zh).toBe('社会救援力量，登记具备危险化学品泄漏处置能力');
    expect(why['VL-01']?.en).toContain('hazardous-chemical leak');
  });

  it('lets a helicopter beat a distant road team to an earthquake', () => {
    const teams = [team('EQ-01', 'earthquake_rescue', 0.5), team('HE-01', 'helicopter', 1)];
    const r = recommendTeams({ type: 'earthquake', lon: 0, lat: 0 }, teams, estimateTravel);
    expect(r.map((x) => x.teamCode)).toEqual(['HE-01', 'EQ-01']);
    expect(r[0]?.etaMinutes).toBeCloseTo(48.3585, 3); // 111.195 km / 200 km/h + 15 min
    expect(r[0]?.distanceKm).toBeCloseTo(111.1951, 3); // straight line
    expect(r[1]?.etaMinutes).toBeCloseTo(120.068, 3); // 55.598 × 1.35 = 75.057 km / 50 km/h + 30 min
  });

  it('breaks ties by distance, then specialist before generalist, then code', () => {
    const flat: TravelEstimator = () => ({ distanceKm: 5, minutes: 10 });
    const teams = [
      team('B', 'fire_rescue', 0),
      team('Z', 'medical', 0),
      team('A', 'fire_rescue', 0),
      team('Y', 'hazchem', 0),
    ];
    const r = recommendTeams({ type: 'hazchem_leak', lon: 0, lat: 0 }, teams, flat);
    expect(r.map((x) => x.teamCode)).toEqual(['Y', 'A', 'B', 'Z']);
  });

  it('honours a limit and returns nothing when nothing fits', () => {
    const r = recommendTeams({ type: 'hazchem_leak', lon: 0, lat: 0, limit: 2 }, fixture, estimateTravel);
    expect(r.map((x) => x.teamCode)).toEqual(['MD-01', 'FR-01']);
    expect(
      recommendTeams({ type: 'mine_accident', lon: 0, lat: 0 }, fixture.slice(0, 3), estimateTravel),
    ).toEqual([]);
    expect(recommendTeams({ type: 'fire', lon: 0, lat: 0 }, [], estimateTravel)).toEqual([]);
  });

  it('ranks 50,000 synthetic teams in the same order as a naive sort', () => {
    // A deterministic LCG (Numerical Recipes constants) scatters teams over eastern China.
    let seed = 42;
    const rand = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const statuses = teamStatuses.codes;
    const types = teamTypes.codes;
    const teams: CandidateTeam[] = Array.from({ length: 50_000 }, (_, i) => ({
      code: `T${String(i).padStart(5, '0')}`,
      type: types[Math.floor(rand() * types.length)] as TeamType,
      // Half available, the rest spread over the other statuses.
      status:
        rand() < 0.5 ? 'available' : (statuses[1 + Math.floor(rand() * (statuses.length - 1))] as TeamStatus),
      lon: 105 + rand() * 17,
      lat: 22 + rand() * 20,
      capabilities: rand() < 0.02 ? ['earthquake'] : undefined,
    }));
    const incident = { type: 'earthquake' as const, lon: 113.5, lat: 32.1 };

    const ranked = recommendTeams(incident, teams, estimateTravel);

    const fit = teamTypesForIncident.earthquake;
    const naive = teams
      .filter(
        (t) => t.status === 'available' && (fit.includes(t.type) || t.capabilities?.includes('earthquake')),
      )
      .map((t) => {
        const e = estimateTravel([t.lon, t.lat], [incident.lon, incident.lat], teamTravelProfiles[t.type]);
        const pref = fit.includes(t.type) ? fit.indexOf(t.type) : fit.length;
        return { code: t.code, minutes: e.minutes, km: e.distanceKm, pref };
      })
      .sort((a, b) => a.minutes - b.minutes || a.km - b.km || a.pref - b.pref || (a.code < b.code ? -1 : 1));

    expect(ranked.length).toBeGreaterThan(10_000);
    expect(ranked.map((r) => r.teamCode)).toEqual(naive.map((r) => r.code));
    for (let i = 1; i < ranked.length; i++) {
      expect((ranked[i] as { etaMinutes: number }).etaMinutes).toBeGreaterThanOrEqual(
        (ranked[i - 1] as { etaMinutes: number }).etaMinutes,
      );
    }
    const byCode = new Map(teams.map((t) => [t.code, t]));
    for (const r of ranked) expect(byCode.get(r.teamCode)?.status).toBe('available');
  });
});

describe('unitStepFromPosition (the geofence)', () => {
  const at = (status: TeamStatus, toSceneM: number, toBaseM: number, type: TeamType = 'fire_rescue') =>
    unitStepFromPosition({ status, type, toSceneM, toBaseM });

  it('sees a dispatched team leave its base, with room for GNSS jitter at the station', () => {
    expect(at('dispatched', 5000, DEPARTURE_RADIUS_M)).toBeNull();
    expect(at('dispatched', 5000, DEPARTURE_RADIUS_M + 1)).toBe('en_route');
  });

  it('sees arrival within the radius, a helicopter further out', () => {
    expect(at('en_route', ARRIVAL_RADIUS_M, 8000)).toBe('on_scene');
    expect(at('en_route', ARRIVAL_RADIUS_M + 1, 8000)).toBeNull();
    expect(at('en_route', 1200, 8000, 'helicopter')).toBe('on_scene');
    expect(at('en_route', HELICOPTER_ARRIVAL_RADIUS_M + 1, 8000, 'helicopter')).toBeNull();
    // Never reported leaving, found at the scene: arrived all the same.
    expect(at('dispatched', 50, 8000)).toBe('on_scene');
  });

  it('sees a returning team back at base, and leaves other statuses alone', () => {
    expect(at('returning', 4000, 100)).toBe('available');
    expect(at('returning', 4000, 1000)).toBeNull();
    for (const status of ['available', 'on_scene', 'unavailable'] as const) {
      expect(at(status, 0, 0)).toBeNull();
    }
  });

  it('ends an assignment as completed after a return, recalled before arriving', () => {
    expect(assignmentEnd('returning')).toBe('completed');
    expect(assignmentEnd('dispatched')).toBe('recalled');
    expect(assignmentEnd('en_route')).toBe('recalled');
  });
});

describe('dispatch orders', () => {
  it('refuses an empty, repeated or task-less order naming the field', () => {
    const fields = (v: unknown) => {
      const r = dispatchOrderSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(fields({ incidentId: 1, teamCodes: ['A'], task: '灭火' })).toEqual([]);
    expect(fields({ incidentId: 1, teamCodes: [], task: '灭火' })).toEqual(['teamCodes']);
    expect(fields({ incidentId: 1, teamCodes: ['A', 'A'], task: '灭火' })).toEqual(['teamCodes']);
    expect(fields({ incidentId: 1, teamCodes: ['A'], task: '  ' })).toEqual(['task']);
    expect(fields({ incidentId: 0, teamCodes: ['A'], task: 'x' })).toEqual(['incidentId']);
  });

  it('calls for boats in a flood and for no supplies at a traffic accident', () => {
    expect(suppliesForIncident.flood).toContain('冲锋舟');
    expect(suppliesForIncident.traffic_accident).toEqual([]);
  });
});
