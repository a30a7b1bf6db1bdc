import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { NATIONAL_REGION } from '@onemap/domain';
import type { ActiveUnit } from '../services/dispatch.js';
import { ApiError, httpCatalogue, OneMapApi } from './http-catalogue.js';
import { mqttPublisher, type Publisher } from './publisher.js';
import { ScenarioError, type ScenarioName, type SimEvent, scenarioNames } from './scenarios.js';
import { startSimulator } from './simulator.js';
import { startUnitFleet } from './units.js';

/**
 * `pnpm simulate`: a live demo from outside the API, the way real gateways would do it — it reads
 * the sensors over the open HTTP interface and publishes readings over MQTT.
 */
const usage = `usage: pnpm simulate [options]
  --url URL              OneMap's address (default http://127.0.0.1:8080)
  --user NAME            sign in as this person (default admin) …
  --password PASSWORD    … with this password (default $ONEMAP_DEMO_PASSWORD or onemap-demo)
  --token TOKEN          or use this token (it must read the map and write ingest, e.g. an admin's)
  --mqtt URL             the broker (default $MQTT_URL, else OneMap's embedded broker)
  --mqtt-username NAME   for an external broker (default $MQTT_USERNAME)
  --mqtt-password SECRET for an external broker (default $MQTT_PASSWORD)
  --topic-root ROOT      topics are ROOT/sensors/{code}/readings (default $MQTT_TOPIC_ROOT or onemap)
  --rate N               background readings a second at most (default $ONEMAP_SIMULATE_RATE or 50;
                         0 for none)
  --scenario NAME        also play a scripted event (repeatable): ${scenarioNames.join(', ')}
  --only-scenario NAME   play only this event (repeatable), no background; exit when it is done
  --city NAME            river-rise / gauge-silent: the city (杭州 or Hangzhou); gas-leak: limit to it
  --enterprise NAME      gas-leak: the plant (name or code)
  --speed N              play scenarios and drive units N times faster (default 1)
  --units                drive the teams dispatched to incidents (on by default with background
                         readings; give it to drive units alongside --only-scenario or --rate 0)
  --no-units             do not drive units
  --unit-interval S      seconds between a unit's positions (default 5)
  --hold SECONDS         time at the peak (default river-rise 20 s, gas-leak 10 s, divided by --speed)
  --silent-timeout S     gauge-silent: give up waiting for "offline" after S seconds
  --json                 one JSON object per event instead of a line of text`;

const env = process.env;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8080' },
      user: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
      mqtt: { type: 'string' },
      'mqtt-username': { type: 'string' },
      'mqtt-password': { type: 'string' },
      'topic-root': { type: 'string' },
      rate: { type: 'string' },
      scenario: { type: 'string', multiple: true, default: [] },
      'only-scenario': { type: 'string', multiple: true, default: [] },
      city: { type: 'string' },
      enterprise: { type: 'string' },
      speed: { type: 'string', default: '1' },
      hold: { type: 'string' },
      'silent-timeout': { type: 'string' },
      json: { type: 'boolean', default: false },
      units: { type: 'boolean', default: false },
      'no-units': { type: 'boolean', default: false },
      'unit-interval': { type: 'string', default: '5' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const only = values['only-scenario'];
  const scenarios = [...values.scenario, ...only];
  for (const name of scenarios) {
    if (!(scenarioNames as readonly string[]).includes(name))
      throw new UsageError(`unknown scenario ${name} (known: ${scenarioNames.join(', ')})`);
  }
  const speed = positive('--speed', values.speed);
  const rate = only.length > 0 ? 0 : nonNegative('--rate', values.rate ?? env.ONEMAP_SIMULATE_RATE ?? '50');
  const driveUnits = !values['no-units'] && (values.units || (only.length === 0 && rate > 0));
  const unitIntervalS = positive('--unit-interval', values['unit-interval']);
  if (only.length === 0 && rate === 0 && !driveUnits)
    throw new UsageError('nothing to do: --rate 0 without --units or --scenario');
  const holdS = values.hold === undefined ? undefined : nonNegative('--hold', values.hold);
  const silentTimeoutS =
    values['silent-timeout'] === undefined
      ? undefined
      : positive('--silent-timeout', values['silent-timeout']);

  const print = (event: SimEvent) =>
    process.stdout.write(values.json ? `${JSON.stringify(event)}\n` : `${line(event)}\n`);

  // A person's sign-in reads the map; the readings go out under a gateway token made for this run.
  let api: OneMapApi;
  let gatewayToken: { id: number; token: string } | null = null;
  if (values.token) api = new OneMapApi(values.url, values.token);
  else {
    const user = values.user ?? 'admin';
    api = await OneMapApi.signIn(
      values.url,
      user,
      values.password ?? env.ONEMAP_DEMO_PASSWORD ?? 'onemap-demo',
    );
  }
  const health = await api.health();
  const broker = brokerOf(values, health, values.url);
  let publisher: Publisher | null = null;
  try {
    if (!values.token && broker.embedded) {
      const created = await api.mutate<{ token: string; summary: { id: number } }>('admin.tokens.create', {
        name: `simulator ${hostname()} ${process.pid}`,
        role: 'sensor_gateway',
        regionCode: NATIONAL_REGION,
        expiresInDays: 1,
      });
      gatewayToken = { id: created.summary.id, token: created.token };
    }
    publisher = await mqttPublisher({
      url: broker.url,
      username: broker.username,
      password: broker.embedded ? (gatewayToken?.token ?? api.token) : broker.password,
      topicRoot: values['topic-root'] ?? env.MQTT_TOPIC_ROOT ?? 'onemap',
      clientId: `onemap-sim-${process.pid}-${Date.now().toString(36)}`,
    });
    const simulator = await startSimulator({
      catalogue: httpCatalogue(api),
      publisher,
      rate,
      scenarios: scenarios as ScenarioName[],
      scenarioOptions: { city: values.city, enterprise: values.enterprise, speed, holdS, silentTimeoutS },
      onEvent: print,
    });
    const fleet = driveUnits
      ? startUnitFleet({
          source: () =>
            api
              .get<{ result: { data: ActiveUnit[] } }>('/trpc/dispatch.activeUnits')
              .then((r) => r.result.data),
          publisher,
          speed,
          intervalS: unitIntervalS,
          emit: (e) => print({ at: new Date().toISOString(), ...e }),
        })
      : null;
    const stopped = new Promise<'signal'>((resolve) => {
      process.once('SIGINT', () => resolve('signal'));
      process.once('SIGTERM', () => resolve('signal'));
    });
    if (only.length > 0) {
      const outcome = await Promise.race([simulator.scenariosDone, stopped]);
      await fleet?.stop();
      await simulator.stop();
      return outcome === true ? 0 : 3;
    }
    await stopped;
    await fleet?.stop();
    await simulator.stop();
    return 0;
  } finally {
    await publisher?.close();
    if (gatewayToken) await api.mutate('admin.tokens.revoke', { id: gatewayToken.id }).catch(() => undefined);
    if (!values.token) await api.signOut().catch(() => undefined);
  }
}

interface BrokerChoice {
  url: string;
  /** OneMap's own broker: it takes an OneMap token as the password. */
  embedded: boolean;
  username?: string;
  password?: string;
}

function brokerOf(
  values: { mqtt?: string; 'mqtt-username'?: string; 'mqtt-password'?: string },
  health: { mqtt?: { mode: string; port?: number } },
  apiUrl: string,
): BrokerChoice {
  const url = values.mqtt ?? env.MQTT_URL;
  if (url)
    return {
      url,
      // OneMap's own broker wants an OneMap token; an external one its own credentials.
      embedded: health.mqtt?.mode !== 'external',
      username: values['mqtt-username'] ?? env.MQTT_USERNAME,
      password: values['mqtt-password'] ?? env.MQTT_PASSWORD,
    };
  if (health.mqtt?.mode === 'external')
    throw new UsageError('OneMap subscribes to an external broker: give its address with --mqtt');
  if (health.mqtt?.mode === 'off') throw new UsageError('OneMap has no MQTT broker running (MQTT_PORT=0)');
  return { url: `mqtt://${new URL(apiUrl).hostname}:${health.mqtt?.port ?? 1884}`, embedded: true };
}

function line(e: SimEvent): string {
  const time = e.at.slice(11, 19);
  return `${time} ${(e.scenario ?? 'simulator').padEnd(12)} ${e.message}`;
}

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got ${text}`);
  return n;
}

function nonNegative(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be 0 or more, got ${text}`);
  return n;
}

class UsageError extends Error {
  override name = 'UsageError';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    const misuse =
      error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    const known = misuse || error instanceof ScenarioError || error instanceof ApiError;
    process.stderr.write(`simulate: ${known ? error.message : (error.stack ?? String(error))}\n`);
    if (misuse) process.stderr.write(`${usage}\n`);
    process.exit(misuse ? 2 : 1);
  },
);
