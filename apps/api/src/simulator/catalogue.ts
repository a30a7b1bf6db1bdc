import { type SensorKind, sensorKindDefaults, sensorKinds } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';

/**
 * Where the simulator learns which sensors exist and which one a scenario should use: the database
 * when it runs inside the API, the open HTTP interface when it runs as `pnpm simulate`. Every pick
 * is deterministic (lowest sensor code), so a demo script can name the sensor in advance.
 */
export interface SimSensor {
  code: string;
  kind: SensorKind;
  channel: string;
  regionCode: string;
  intervalS: number;
}

export interface ScenarioSensor extends SimSensor {
  name: string;
  warn: number | null;
  alarm: number | null;
  /** Where it is, for the printed lines: the city, or the enterprise it watches. */
  place: string;
}

export interface City {
  code: string;
  name: string;
}

export interface SensorCatalogue {
  sensors(): Promise<SimSensor[]>;
  /** A prefecture-level city by Chinese name (杭州, 杭州市) or English name (Hangzhou). */
  city(name: string): Promise<City | null>;
  /** The water-level gauges of a city (all cities when null), lowest code first. */
  gauges(city: City | null, limit: number): Promise<ScenarioSensor[]>;
  /**
   * Gas detectors at hazardous-chemical plants, lowest code first: at the enterprise named or coded
   * `enterprise` when given, else in `city` when given, else anywhere.
   */
  chemicalPlantGasDetectors(options: { enterprise?: string; city?: City | null }): Promise<ScenarioSensor[]>;
  /** The state OneMap shows for a sensor (normal, warning, alarm, offline, fault). */
  stateOf(code: string): Promise<string | null>;
}

/** The prefix of codes inside a city: 330100 → 3301. */
export const cityPrefix = (city: City) => city.code.slice(0, 4);

export const GAS_KINDS: readonly SensorKind[] = ['gas_combustible', 'gas_h2s', 'gas_ch4', 'gas_co'];

export function dbCatalogue(sql: SqlClient): SensorCatalogue {
  const scenarioColumns = `s.code, s.name, s.kind, s.channel, s.region_code AS "regionCode",
    s.sampling_interval_s AS "intervalS", s.warn_threshold AS warn, s.alarm_threshold AS alarm`;
  return {
    sensors: () =>
      sql.query<SimSensor>(
        `SELECT code, kind, channel, region_code AS "regionCode", sampling_interval_s AS "intervalS"
           FROM sensor ORDER BY code`,
      ),
    async city(name) {
      const [row] = await sql.query<City>(
        `SELECT code, name FROM region
          WHERE level = 'city' AND (name = $1 OR name = $1 || '市' OR lower(name_en) = lower($1))
          ORDER BY code LIMIT 1`,
        [name.trim()],
      );
      return row ?? null;
    },
    gauges: (city, limit) =>
      sql.query<ScenarioSensor>(
        `SELECT ${scenarioColumns}, coalesce(r.name, s.region_code) AS place
           FROM sensor s LEFT JOIN region r ON r.code = substr(s.region_code, 1, 4) || '00'
          WHERE s.kind = 'water_level' AND s.region_code LIKE $1
          ORDER BY s.code LIMIT $2`,
        [city ? `${cityPrefix(city)}%` : '%', limit],
      ),
    chemicalPlantGasDetectors: ({ enterprise, city }) =>
      sql.query<ScenarioSensor>(
        `SELECT ${scenarioColumns}, e.name AS place
           FROM sensor s JOIN enterprise e ON e.id = s.enterprise_id
          WHERE e.kind = 'hazardous_chemicals' AND s.kind = ANY($1::text[])
            AND ($2::text IS NULL OR e.code = $2 OR e.name = $2) AND s.region_code LIKE $3
          ORDER BY s.code LIMIT 20`,
        [GAS_KINDS, enterprise ?? null, city ? `${cityPrefix(city)}%` : '%'],
      ),
    async stateOf(code) {
      const [row] = await sql.query<{ state: string }>('SELECT state FROM sensor WHERE code = $1', [code]);
      return row?.state ?? null;
    },
  };
}

/** A sensor kind from text, or null for a kind this version does not know. */
export function kindOf(text: string): SensorKind | null {
  return (sensorKinds.codes as readonly string[]).includes(text) ? (text as SensorKind) : null;
}

/** The kind's sampling interval, for sources that do not say. */
export const defaultInterval = (kind: SensorKind) => sensorKindDefaults[kind].intervalS;
