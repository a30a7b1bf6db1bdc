import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

/** The scaled-out settings as an operator writes them, and the one-line refusals of mistakes. */
describe('scaled-out configuration', () => {
  const load = (env: Record<string, string>) => loadConfig(env, '/web');

  it('takes a primary with read replicas, trimming the list', () => {
    const config = load({
      DATABASE_URL: 'postgresql://onemap@db-primary/onemap',
      DATABASE_REPLICA_URLS: ' postgresql://onemap@db-r1/onemap ,postgresql://onemap@db-r2/onemap,',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgresql://onemap@db-primary/onemap',
      replicaUrls: ['postgresql://onemap@db-r1/onemap', 'postgresql://onemap@db-r2/onemap'],
    });
  });

  it('refuses replicas without a primary', () => {
    expect(() => load({ DATABASE_REPLICA_URLS: 'postgresql://db-r1/onemap' })).toThrow(
      new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary)'),
    );
  });

  it('subscribes to an external broker as a shared group, one session id per host', () => {
    const config = load({ MQTT_URL: 'mqtt://broker:1883' });
    expect(config.mqttExternal).toMatchObject({
      sharedGroup: 'onemap',
      clientId: `onemap-api-${hostname()}`.slice(0, 64),
    });
    expect(
      load({ MQTT_URL: 'mqtt://broker:1883', MQTT_SHARED_GROUP: '' }).mqttExternal?.sharedGroup,
    ).toBeNull();
    expect(() => load({ MQTT_URL: 'mqtt://broker:1883', MQTT_SHARED_GROUP: 'a/b' })).toThrow(
      'invalid MQTT_SHARED_GROUP: must not contain / or MQTT wildcards',
    );
  });
});
