import type { Health, SearchHit } from '@onemap/domain';
import { haversineKm } from '@onemap/geo';
import {
  type City,
  cityPrefix,
  defaultInterval,
  GAS_KINDS,
  kindOf,
  type ScenarioSensor,
  type SensorCatalogue,
  type SimSensor,
} from './catalogue.js';

/** The few calls `pnpm simulate` makes to a running OneMap, as a bearer-token holder. */
export class OneMapApi {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /** Signs in as a person; the session token is the bearer for everything after. */
  static async signIn(baseUrl: string, username: string, password: string): Promise<OneMapApi> {
    const res = await reach(baseUrl, '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new ApiError(`signing in as ${username} failed: ${await describe(res)}`);
    return new OneMapApi(baseUrl, ((await res.json()) as { token: string }).token);
  }

  async health(): Promise<Health> {
    const res = await reach(this.baseUrl, '/healthz');
    return (await res.json()) as Health;
  }

  async get<T>(path: string): Promise<T> {
    const res = await reach(this.baseUrl, path, { headers: this.#headers() });
    if (res.status !== 200) throw new ApiError(`GET ${path}: ${await describe(res)}`);
    return (await res.json()) as T;
  }

  async query<T>(procedure: string, input: unknown): Promise<T> {
    const path = `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
    return (await this.get<{ result: { data: T } }>(path)).result.data;
  }

  async mutate<T>(procedure: string, input: unknown): Promise<T> {
    const res = await reach(this.baseUrl, `/trpc/${procedure}`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (res.status !== 200) throw new ApiError(`${procedure}: ${await describe(res)}`);
    return ((await res.json()) as { result: { data: T } }).result.data;
  }

  async signOut(): Promise<void> {
    await reach(this.baseUrl, '/api/v1/auth/logout', { method: 'POST', headers: this.#headers() });
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }
}

/** A call to OneMap that failed for a reason the operator can act on (address, credentials). */
export class ApiError extends Error {
  override name = 'ApiError';
}

/** fetch, with "OneMap is not there" said plainly rather than as `fetch failed`. */
async function reach(baseUrl: string, path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, baseUrl), init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ApiError(
      `cannot reach OneMap at ${baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
  }
}

async function describe(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  return `${res.status} ${text.slice(0, 200)}`;
}

interface SensorFeatureJson {
  geometry: { coordinates: [number, number] };
  properties: {
    code: string;
    name: string;
    kind: string;
    channel: string;
    state: string;
    regionCode: string;
    thresholds?: { warn: number | null; alarm: number | null; intervalS: number };
  };
}

/** The interface's page size for sensors.geojson: more than the simulator's rate cap can serve. */
const LIST_LIMIT = 50_000;

interface HttpCity extends City {
  bbox: [number, number, number, number] | null;
}

/**
 * The catalogue over the open interface. It has no enterprise link for sensors, so gas-leak picks
 * the detector nearest the enterprise named with --enterprise, or else the lowest-coded
 * combustible-gas or H₂S detector — the GB 50493 detectors that hazardous-chemical plants fit.
 */
export function httpCatalogue(api: OneMapApi): SensorCatalogue {
  const list = async (bbox?: readonly number[] | null) => {
    const query = bbox ? `&bbox=${bbox.join(',')}` : '';
    const body = await api.get<{ features: SensorFeatureJson[] }>(
      `/api/v1/sensors.geojson?limit=${LIST_LIMIT}${query}`,
    );
    return body.features;
  };
  const detail = async (f: SensorFeatureJson, place: string): Promise<ScenarioSensor> => {
    const one = await api.get<SensorFeatureJson>(`/api/v1/sensors/${encodeURIComponent(f.properties.code)}`);
    const p = one.properties;
    const kind = kindOf(p.kind) ?? 'water_level';
    return {
      code: p.code,
      name: p.name,
      kind,
      channel: p.channel,
      regionCode: p.regionCode,
      intervalS: p.thresholds?.intervalS ?? defaultInterval(kind),
      warn: p.thresholds?.warn ?? null,
      alarm: p.thresholds?.alarm ?? null,
      place,
    };
  };
  const byCode = (a: SensorFeatureJson, b: SensorFeatureJson) =>
    a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0;

  return {
    async sensors() {
      const out: SimSensor[] = [];
      for (const f of await list()) {
        const kind = kindOf(f.properties.kind);
        if (!kind) continue;
        out.push({
          code: f.properties.code,
          kind,
          channel: f.properties.channel,
          regionCode: f.properties.regionCode,
          intervalS: defaultInterval(kind),
        });
      }
      return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    },
    async city(name): Promise<HttpCity | null> {
      const wanted = name.trim();
      const hits = await api.query<SearchHit[]>('search.query', { q: wanted, limit: 50 });
      const cities = hits.filter(
        (h) => h.kind === 'region' && /^\d{4}00$/.test(h.id) && !h.id.endsWith('0000'),
      );
      const exact = cities.find(
        (h) =>
          h.name === wanted || h.name === `${wanted}市` || h.alias?.toLowerCase() === wanted.toLowerCase(),
      );
      const hit = exact ?? cities[0];
      return hit ? { code: hit.id, name: hit.name, bbox: hit.bbox } : null;
    },
    async gauges(city, limit) {
      const features = (await list((city as HttpCity | null)?.bbox))
        .filter(
          (f) =>
            f.properties.kind === 'water_level' &&
            (!city || f.properties.regionCode.startsWith(cityPrefix(city))),
        )
        .sort(byCode)
        .slice(0, limit);
      return Promise.all(features.map((f) => detail(f, city?.name ?? f.properties.regionCode)));
    },
    async chemicalPlantGasDetectors({ enterprise, city }) {
      const gas = (f: SensorFeatureJson) => (GAS_KINDS as readonly string[]).includes(f.properties.kind);
      if (enterprise) {
        const hits = await api.query<SearchHit[]>('search.query', { q: enterprise, limit: 50 });
        const plant = hits.find((h) => h.layer === 'enterprises');
        if (!plant) return [];
        const box = [plant.lon - 0.5, plant.lat - 0.5, plant.lon + 0.5, plant.lat + 0.5];
        const near = (f: SensorFeatureJson) =>
          haversineKm([plant.lon, plant.lat], f.geometry.coordinates as [number, number]);
        const features = (await list(box))
          .filter(gas)
          .sort((a, b) => near(a) - near(b) || byCode(a, b))
          .slice(0, 5);
        return Promise.all(features.map((f) => detail(f, plant.name)));
      }
      const features = (await list((city as HttpCity | null)?.bbox))
        .filter(
          (f) =>
            (f.properties.kind === 'gas_combustible' || f.properties.kind === 'gas_h2s') &&
            (!city || f.properties.regionCode.startsWith(cityPrefix(city))),
        )
        .sort(byCode)
        .slice(0, 5);
      return Promise.all(features.map((f) => detail(f, f.properties.name)));
    },
    async stateOf(code) {
      const one = await api.get<SensorFeatureJson>(`/api/v1/sensors/${encodeURIComponent(code)}`);
      return one.properties.state;
    },
  };
}
