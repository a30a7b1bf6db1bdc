import { NATIONAL_REGION } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { FastifyBaseLogger } from 'fastify';
import { createToken, revokeToken } from '../services/api-tokens.js';
import { activeUnits } from '../services/dispatch.js';
import { NATIONAL_SCOPE } from '../services/scope.js';
import { dbCatalogue } from './catalogue.js';
import { mqttPublisher } from './publisher.js';
import { startSimulator } from './simulator.js';
import { startUnitFleet } from './units.js';

/**
 * `ONEMAP_SIMULATE=1`: the demo simulator inside the API process. It still goes through MQTT like
 * any gateway (so the demo exercises the real ingest path), under a gateway token made for this
 * run and revoked when the API stops; against an external broker it uses the API's own broker
 * credentials, which that broker's ACL must allow to publish.
 */
export interface InProcessSimulatorOptions {
  sql: SqlClient;
  log: FastifyBaseLogger;
  rate: number;
  broker:
    | { kind: 'embedded'; url: string }
    | { kind: 'external'; url: string; username?: string; password?: string; topicRoot: string };
}

export async function startInProcessSimulator(
  options: InProcessSimulatorOptions,
): Promise<{ stop(): Promise<void> }> {
  const { sql, log, broker } = options;
  const token =
    broker.kind === 'embedded'
      ? await createToken(
          sql,
          { name: 'simulator (ONEMAP_SIMULATE)', role: 'sensor_gateway', regionCode: NATIONAL_REGION },
          'system',
        )
      : null;
  try {
    const publisher = await mqttPublisher({
      url: broker.url,
      username: broker.kind === 'external' ? broker.username : undefined,
      password: token?.token ?? (broker.kind === 'external' ? broker.password : undefined),
      topicRoot: broker.kind === 'external' ? broker.topicRoot : 'onemap',
      clientId: `onemap-sim-${process.pid}`,
    });
    const simulator = await startSimulator({
      catalogue: dbCatalogue(sql),
      publisher,
      rate: options.rate,
      scenarios: [],
      scenarioOptions: { speed: 1 },
      statsEveryS: 600,
      onEvent: ({ message, ...event }) => log.info(event, `simulator: ${message}`),
    });
    // The teams sent to incidents drive there and back, as their trackers would report it.
    const fleet = startUnitFleet({
      source: () => activeUnits(sql, NATIONAL_SCOPE),
      publisher,
      speed: 1,
      intervalS: 5,
      emit: ({ message, ...event }) => log.info(event, `simulator: ${message}`),
    });
    return {
      async stop() {
        await fleet.stop();
        await simulator.stop();
        await publisher.close();
        if (token) await revokeToken(sql, token.summary.id);
      },
    };
  } catch (error) {
    if (token) await revokeToken(sql, token.summary.id);
    throw error;
  }
}
