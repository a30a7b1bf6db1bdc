// The suite: each bench is a script of its own; here is how each profile runs it (its env) and how
// its JSON result becomes the table's rows: a figure, the baseline measured next to it in the same
// run, their ratio, the target and whether it was met. Run one alone with the same env, e.g.
//   cd apps/api && ONEMAP_BENCH_DB=postgres node --import tsx bench/ingest.ts
//   cd e2e && ONEMAP_BENCH_RATE=20000 node bench/live-latency.mjs
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

const apiScript = (file) => ({ cwd: 'apps/api', command: [process.execPath, '--import', 'tsx', file] });
const e2eScript = (file) => ({ cwd: 'e2e', command: [process.execPath, file] });
const ratio = (a, b) => (a != null && b ? a / b : null);

/**
 * Ingest: each way's sustained rate against the raw bulk insert of the same rows. Where the run
 * measured the floor (the raw insert plus the raw move of each sensor's latest value, which bounds
 * any way that keeps a live state), it has a row of its own and each way's figure says its share of it.
 */
function ingestRows(r) {
  const ways = {
    http: 'HTTP batches',
    mqttArrays: 'MQTT, arrays',
    mqttSingle: 'MQTT, one per message',
    mqttExternal: 'MQTT, arrays, external broker',
  };
  const againstRaw = (figure, value, target) => {
    const ratioToBase = ratio(value, r.baseline.readingsPerS);
    return {
      figure,
      value,
      unit: 'readings/s',
      baseline: r.baseline.readingsPerS,
      baselineLabel: 'raw bulk insert',
      ratio: ratioToBase,
      target: target ? '≥ 0.6' : null,
      pass: target ? ratioToBase >= 0.6 : null,
    };
  };
  const ofFloor = (value) =>
    r.floor ? `; ${Math.round(ratio(value, r.floor.readingsPerS) * 100) / 100} of the floor` : '';
  const rows = r.floor
    ? [
        againstRaw(
          `floor: raw insert + raw latest-value update (${r.readings} readings, HTTP's batches)`,
          r.floor.readingsPerS,
          false,
        ),
      ]
    : [];
  for (const [way, label] of Object.entries(ways)) {
    const value = r[way]?.readingsPerS;
    if (value) rows.push(againstRaw(`${label} (${r.readings} readings${ofFloor(value)})`, value, true));
  }
  return rows;
}

/** Live latency in the browser, against the same change leaving the server's stream. */
function liveRows(r) {
  const rows = ['p50', 'p95', 'p99'].map((q) => ({
    figure: `publish → layer ${q} at ${r.targetRatePerS}/s`,
    value: r.latencyMs[q],
    unit: 'ms',
    baseline: r.streamLatencyMs[q],
    baselineLabel: 'publish → SSE out',
    ratio: ratio(r.latencyMs[q], r.streamLatencyMs[q]),
    target: q === 'p95' && r.targetRatePerS === 5000 ? '< 500 ms' : null,
    pass: q === 'p95' && r.targetRatePerS === 5000 ? r.latencyMs.p95 < 500 : null,
  }));
  rows.push({
    figure: `stored at ${r.targetRatePerS}/s offered`,
    value: r.storedPerS,
    unit: 'readings/s',
    baseline: r.sentPerS,
    baselineLabel: 'sent',
    ratio: ratio(r.storedPerS, r.sentPerS),
    target: null,
    pass: null,
  });
  return rows;
}

/** Spatial queries: the API's p95 against the same SQL run directly on the same database. */
function spatialRows(r) {
  return r.queries.map((q) => ({
    figure: `${q.name} p95 (${r.sensors} sensors)`,
    value: q.apiMs.p95,
    unit: 'ms',
    baseline: q.rawMs.p95,
    baselineLabel: 'same SQL direct',
    ratio: ratio(q.apiMs.p95, q.rawMs.p95),
    target: '≤ 1.5× raw + 5 ms',
    pass: q.apiMs.p95 <= 1.5 * q.rawMs.p95 + 5,
  }));
}

/** Map rendering: the app against a bare deck.gl page drawing the same points. */
function renderRows(r) {
  /** A panning figure against a bare page's; only the issue's own comparison has a target. */
  const panning = (figure, app, bare, baselineLabel, target) => ({
    figure,
    value: app.fps,
    unit: 'fps',
    baseline: bare.fps,
    baselineLabel,
    ratio: ratio(app.fps, bare.fps),
    target: target ? '≥ 0.8' : null,
    pass: target ? ratio(app.fps, bare.fps) >= 0.8 : null,
  });
  return r.runs.flatMap((run) => [
    {
      figure: `navigation → all drawn, ${run.points} points`,
      value: run.app.firstDrawMs,
      unit: 'ms',
      baseline: run.bare.firstDrawMs,
      baselineLabel: 'bare deck.gl',
      ratio: ratio(run.app.firstDrawMs, run.bare.firstDrawMs),
      target: null,
      pass: null,
    },
    panning(`panning, ${run.points} points`, run.app, run.bare, 'bare deck.gl', true),
    // Rows that split the app's cost, where the run measured them.
    ...[
      ['the app redrawing every frame', run.appRedrawing, run.bare, 'bare deck.gl'],
      ['the app showing the sensors alone', run.appSensorsOnly, run.bare, 'bare deck.gl'],
      [
        "bare page in the app's point style and canvas settings",
        run.bareStyled && run.app,
        run.bareStyled,
        'bare deck.gl, as the app draws',
      ],
    ]
      .filter(([, app]) => app)
      .map(([what, app, bare, label]) => panning(`panning, ${run.points} points, ${what}`, app, bare, label)),
  ]);
}

/** Payload: bytes per feature as sent to the browser, against the same features as GeoJSON. */
function payloadRows(r) {
  const rows = r.layers.map((l) => ({
    figure: `${l.layer}: ${l.how}`,
    value: l.bytesPerFeature,
    unit: 'B/feature',
    baseline: l.geojsonBytesPerFeature,
    baselineLabel: l.geojsonBytesPerFeature ? 'GeoJSON' : '',
    ratio: ratio(l.bytesPerFeature, l.geojsonBytesPerFeature),
    target: null,
    pass: null,
  }));
  rows.push({
    figure: `API resident memory, ${r.sensors} sensors, map served`,
    value: r.rssMiB.served,
    unit: 'MiB',
    baseline: r.rssMiB.started,
    baselineLabel: 'just started',
    ratio: ratio(r.rssMiB.served, r.rssMiB.started),
    target: null,
    pass: null,
  });
  return rows;
}

/** Start-up and the first view at the demo scale (first-view.mjs, from before the suite). */
function firstViewRows(r) {
  return [
    {
      figure: 'API start on existing data',
      value: r.startExistingMs,
      unit: 'ms',
      baseline: r.startFreshMs,
      baselineLabel: 'fresh: create and seed',
      ratio: ratio(r.startExistingMs, r.startFreshMs),
      target: null,
      pass: null,
    },
    {
      figure: `first view, all layers (${r.firstViewRequests} requests)`,
      value: r.firstViewAllLayersMs,
      unit: 'ms',
      baseline: null,
      baselineLabel: '',
      ratio: null,
      target: null,
      pass: null,
    },
  ];
}

/** Dispatch at national scale (dispatch.ts, from before the suite): HTTP against the service. */
function dispatchRows(r) {
  const rec = r.recommendation;
  return [
    {
      figure: `recommendation p95, ${rec.teams} teams`,
      value: rec.httpMs.p95,
      unit: 'ms',
      baseline: rec.serviceInProcessMs.p95,
      baselineLabel: 'service in-process',
      ratio: rec.httpOverServiceP95,
      target: rec.target,
      pass: rec.met,
    },
    {
      figure: `unit positions stored, ${r.liveUnits.offeredPerS}/s offered`,
      value: r.liveUnits.storedPerS,
      unit: 'positions/s',
      baseline: r.liveUnits.offeredPerS,
      baselineLabel: 'offered',
      ratio: ratio(r.liveUnits.storedPerS, r.liveUnits.offeredPerS),
      target: null,
      pass: null,
    },
  ];
}

const byProfile = (profile, table) => table[profile] ?? table.default;

export const benches = [
  {
    id: 'ingest',
    steps: (profile) =>
      ['embedded', 'postgres'].map((db) => ({
        id: `ingest-${db}`,
        ...apiScript('bench/ingest.ts'),
        out: `ingest-${db}.json`,
        limitS: profile === 'smoke' ? 90 : 600,
        // The smoke's embedded run starts from the suite's seeded database (its first sensors are
        // the ones that report); the others seed at the bench's own scale, like PostgreSQL's.
        seedScale: db === 'embedded' && profile === 'smoke' ? 0.1 : null,
        env: {
          ONEMAP_BENCH_DB: db,
          ...byProfile(profile, {
            smoke: {
              ONEMAP_BENCH_SENSORS: '1000',
              ONEMAP_BENCH_READINGS_PER_SENSOR: '5',
              ONEMAP_BENCH_WAYS: 'baseline,floor,http,mqtt-arrays',
            },
            default: {},
          }),
        },
        rows: ingestRows,
      })),
  },
  {
    id: 'live',
    steps: (profile) =>
      byProfile(profile, { smoke: [1000], default: [1000, 5000, 20000] }).map((rate) => ({
        id: `live-${rate}`,
        ...e2eScript('bench/live-latency.mjs'),
        out: `live-latency-${rate}.json`,
        limitS: profile === 'smoke' ? 90 : 300,
        seedScale: 0.1,
        env: {
          ONEMAP_BENCH_RATE: String(rate),
          ONEMAP_BENCH_SECONDS: profile === 'smoke' ? '4' : '20',
        },
        rows: liveRows,
      })),
  },
  {
    id: 'spatial',
    steps: (profile) =>
      byProfile(profile, { smoke: ['0.1'], default: ['1'], full: ['1', '10'] }).map((scale) => ({
        id: `spatial-x${scale}`,
        ...apiScript('bench/spatial.ts'),
        out: `spatial-x${scale}.json`,
        limitS: profile === 'smoke' ? 90 : 1200,
        seedScale: Number(scale),
        env: { ONEMAP_BENCH_SCALE: scale, ONEMAP_BENCH_ROUNDS: profile === 'smoke' ? '10' : '60' },
        rows: spatialRows,
      })),
  },
  {
    id: 'payload',
    steps: (profile) =>
      byProfile(profile, { smoke: ['0.1'], default: ['1'], full: ['1', '10'] }).map((scale) => ({
        id: `payload-x${scale}`,
        ...e2eScript('bench/payload.mjs'),
        out: `payload-x${scale}.json`,
        limitS: profile === 'smoke' ? 90 : 900,
        seedScale: Number(scale),
        env: { ONEMAP_BENCH_SCALE: scale },
        rows: payloadRows,
      })),
  },
  {
    id: 'first-view',
    steps: (profile) =>
      profile === 'smoke'
        ? []
        : [
            {
              id: 'first-view',
              ...e2eScript('bench/first-view.mjs'),
              out: 'first-view.json',
              limitS: 600,
              env: { ONEMAP_BENCH_PORT: '8207' },
              rows: firstViewRows,
            },
          ],
  },
  {
    id: 'dispatch',
    steps: (profile) =>
      profile === 'smoke'
        ? []
        : [
            {
              id: 'dispatch',
              ...apiScript('bench/dispatch.ts'),
              out: 'dispatch.json',
              limitS: 900,
              env: { ONEMAP_BENCH_PORT: '8208', ONEMAP_BENCH_MQTT_PORT: '18208' },
              rows: dispatchRows,
            },
          ],
  },
  {
    id: 'render',
    steps: (profile) => [
      {
        id: 'render',
        ...e2eScript('bench/render.mjs'),
        out: 'render.json',
        limitS: profile === 'smoke' ? 90 : 1500,
        // The seed the bench starts from (scale 1 ≈ 50,000 sensors, grown to each count).
        seedScale: profile === 'smoke' ? 0.1 : 1,
        env: {
          ONEMAP_BENCH_POINTS: byProfile(profile, { smoke: '5000', default: '100000,1000000' }),
          ONEMAP_BENCH_PAN_SECONDS: profile === 'smoke' ? '2' : '8',
        },
        rows: renderRows,
      },
    ],
  },
];
