import type { Principal } from '@onemap/domain';
import type { Database } from '@onemap/prisma';
import type { SensorChangeBus } from './events/sensor-changes.js';

/** What every request handler may use. Services receive the pieces they need, never the request. */
export interface AppContext {
  db: Database;
  version: string;
  events: SensorChangeBus;
  principal: Principal;
  ip: string | null;
  /** The bearer secret of this request (cookie or header), for signing out. */
  secret: string | null;
}

export interface ServerState {
  db: Database;
  version: string;
  events: SensorChangeBus;
}
