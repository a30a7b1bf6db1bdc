import { accepting } from '../support/mosquitto.js';

/**
 * The external MQTT broker the tests subscribe OneMap to: the Mosquitto at ONEMAP_TEST_MQTT_URL
 * (default mqtt://127.0.0.1:1883, where the CI machine runs one). Tests that need it are skipped,
 * with a warning, where none answers.
 */
export const brokerUrl = new URL(process.env.ONEMAP_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883');

export const brokerAvailable = await accepting(Number(brokerUrl.port || 1883), brokerUrl.hostname);
if (!brokerAvailable)
  console.warn(`no MQTT broker at ${brokerUrl.href}: the external-broker tests are skipped`);
