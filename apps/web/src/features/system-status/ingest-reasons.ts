import type { MessageKey } from '../../i18n/messages';

/**
 * A rejection reason as the API counts it — "field: what is wrong", numbers and codes stripped to
 * "#" — read out for the system-status view: the known ones in the UI's words, the others as sent
 * (a newer server's reason still shows, in English).
 */
export interface ReasonText {
  /** The field or part the reason names ("value", "ts", "request"), or null. */
  field: string | null;
  /** A message to translate, with its parameters; or null to show `raw`. */
  key: MessageKey | null;
  params: Record<string, string>;
  raw: string;
}

const KNOWN: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^request: malformed JSON$/, 'ingest.reason.malformedJson'],
  [/^request: empty body$/, 'ingest.reason.emptyBody'],
  [/^request: not UTF-8$/, 'ingest.reason.notUtf8'],
  [/^request: body too large$/, 'ingest.reason.tooLarge'],
  [/^request: not JSON$/, 'ingest.reason.notJson'],
  [/^ts: in the future$/, 'ingest.reason.future'],
  [/^ts: older than/, 'ingest.reason.tooOld'],
  [/^sensorCode: unknown sensor$/, 'ingest.reason.unknownSensor'],
  [/^value: .* is outside what an? (?<kind>\w+) sensor can read/, 'ingest.reason.outsideRange'],
  [/^message: payload is not/, 'ingest.reason.badPayload'],
  [/^\(other reasons\)$/, 'ingest.reason.other'],
];

export function describeReason(reason: string): ReasonText {
  const colon = reason.indexOf(': ');
  const field = colon > 0 && /^[\w.()[\]]+$/.test(reason.slice(0, colon)) ? reason.slice(0, colon) : null;
  for (const [pattern, key] of KNOWN) {
    const m = pattern.exec(reason);
    if (m) return { field, key, params: { ...m.groups }, raw: reason };
  }
  return { field, key: null, params: {}, raw: field ? reason.slice(colon + 2) : reason };
}
