import mqtt from 'mqtt';

/** Helpers of the tests that run the real API as processes (see support/api-process.ts). */

export interface Stream {
  /** Resolves with the time (performance.now) when the stream has carried `text`. */
  seen(text: string, timeoutMs?: number): Promise<number>;
  close(): void;
}

/** A live subscription (tRPC over SSE) as a browser holds it, read as text. */
export async function openStream(port: number, token: string, path: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/trpc/${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`${path}: ${res.status}`);
  let text = '';
  const waiting = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        for (const wake of waiting) wake();
      }
    } catch {
      // aborted
    }
  })();
  return {
    seen(wanted, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!text.includes(wanted)) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(performance.now());
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`${path} did not carry ${wanted} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

/** The MQTT topic root of a test run's replicas. */
export const topicRootOf = (run: string) => `onemap-test-${run}`;

/** One API replica scaled out: the shared database, the broker, its own session in the group. */
export function replicaEnv(options: {
  port: number;
  databaseUrl: string;
  brokerUrl: string;
  /** Names the topic root and the group, so runs side by side do not meet. */
  run: string;
  clientId: string;
}): Record<string, string> {
  return {
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    ONEMAP_DEMO: '1',
    MQTT_URL: options.brokerUrl,
    MQTT_TOPIC_ROOT: topicRootOf(options.run),
    MQTT_CLIENT_ID: options.clientId,
    MQTT_SHARED_GROUP: `onemap-${options.run}`,
  };
}

export interface IngestedReading {
  sensorCode: string;
  ts: string;
  value: number;
}

/**
 * Gateways posting batches of readings over HTTP, `clients` at a time, until stopped or the
 * server goes away: what the server acknowledged (200) is kept, what it did not answer is not.
 */
export function httpIngestStream(options: {
  port: number;
  token: string;
  sensorCodes: readonly string[];
  batch: number;
  clients: number;
  /** Readings start here and step a millisecond each, so every reading is unique. */
  fromMs: number;
}): { acknowledged: IngestedReading[]; sent: () => number; stop: () => Promise<void> } {
  const acknowledged: IngestedReading[] = [];
  let next = 0;
  let stopped = false;
  const client = async () => {
    while (!stopped) {
      const readings = Array.from({ length: options.batch }, () => {
        const i = next++;
        return {
          sensorCode: options.sensorCodes[i % options.sensorCodes.length] as string,
          ts: new Date(options.fromMs + i).toISOString(),
          value: 1 + (i % 50) / 100,
        };
      });
      try {
        const res = await fetch(`http://127.0.0.1:${options.port}/api/v1/ingest/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
          body: JSON.stringify(readings),
        });
        if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        const result = (await res.json()) as { accepted: number };
        if (result.accepted !== readings.length)
          throw new Error(`accepted ${result.accepted} of ${readings.length}`);
        acknowledged.push(...readings);
      } catch (error) {
        if (
          (error as Error).message.startsWith('ingest answered') ||
          (error as Error).message.startsWith('accepted')
        )
          throw error;
        return; // the server went away mid-request: that batch was never acknowledged
      }
    }
  };
  const running = Promise.all(Array.from({ length: options.clients }, client));
  return {
    acknowledged,
    sent: () => next,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/**
 * A gateway publishing one reading a message at QoS 1, `window` messages in flight, until stopped
 * or its connection is gone: what was acknowledged (PUBACK) is kept.
 */
export async function mqttPublishStream(options: {
  url: string;
  topicRoot: string;
  sensorCodes: readonly string[];
  fromMs: number;
  window: number;
  username?: string;
  password?: string;
}): Promise<{ acknowledged: IngestedReading[]; stop: () => Promise<void> }> {
  const client = await mqtt.connectAsync(options.url, {
    username: options.username,
    password: options.password,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  const acknowledged: IngestedReading[] = [];
  let next = 0;
  let stopped = false;
  const lane = async () => {
    while (!stopped && client.connected) {
      const i = next++;
      const r = {
        sensorCode: options.sensorCodes[i % options.sensorCodes.length] as string,
        ts: new Date(options.fromMs + i).toISOString(),
        value: 1.5,
      };
      try {
        await client.publishAsync(
          `${options.topicRoot}/sensors/${r.sensorCode}/readings`,
          JSON.stringify({ ts: r.ts, value: r.value }),
          { qos: 1 },
        );
      } catch {
        return; // the connection is gone: this one was never acknowledged
      }
      acknowledged.push(r);
    }
  };
  const running = Promise.all(Array.from({ length: options.window }, lane));
  return {
    acknowledged,
    async stop() {
      stopped = true;
      // A publish to a dead broker never settles: end the client rather than wait for it.
      await Promise.race([running, new Promise((r) => setTimeout(r, 2000))]);
      await client.endAsync(true);
    },
  };
}
