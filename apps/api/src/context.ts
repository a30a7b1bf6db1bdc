import type { ChangeRelayStatus, MqttLinkStatus, Principal } from '@onemap/domain';
import type { Database } from '@onemap/prisma';
import type { OperationsBus } from './events/operations.js';
import type { SensorChangeBus } from './events/sensor-changes.js';
import type { IngestStatsRecorder } from './services/ingest-stats.js';

/** What every request handler may use. Services receive the pieces they need, never the request. */
export interface AppContext {
  db: Database;
  version: string;
  events: SensorChangeBus;
  /** Incidents, assignments, units and reports, for operators watching live. */
  operations: OperationsBus;
  /** This process's ingest statistics (one recorder per process, like `events`). */
  ingestStats: IngestStatsRecorder;
  principal: Principal;
  ip: string | null;
  /** The bearer secret of this request (cookie or header), for signing out. */
  secret: string | null;
}

export interface ServerState {
  db: Database;
  version: string;
  events: SensorChangeBus;
  operations: OperationsBus;
  ingestStats: IngestStatsRecorder;
  /** The MQTT side of ingest, for health; absent where the API runs without it (tests). */
  mqtt?: () => MqttLinkStatus;
  /** The change relay between replicas; absent embedded (one process). */
  relay?: () => ChangeRelayStatus;
}
