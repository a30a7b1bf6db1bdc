import { describe, expect, it } from 'vitest';
import { describeReason } from '../src/features/system-status/ingest-reasons';
import { translate } from '../src/i18n/messages';

describe('describeReason', () => {
  it('translates the reasons the API counts, naming their field', () => {
    const d = describeReason('ts: in the future');
    expect(d.field).toBe('ts');
    expect(d.key && translate('zh', d.key, d.params)).toBe('时间戳晚于当前时间');
    expect(describeReason('request: malformed JSON').key).toBe('ingest.reason.malformedJson');
    expect(describeReason('sensorCode: unknown sensor').key).toBe('ingest.reason.unknownSensor');
  });

  it('reads the kind out of a range reason with its numbers stripped', () => {
    const d = describeReason('value: # is outside what a water_level sensor can read (#…#)');
    expect(d).toMatchObject({
      field: 'value',
      key: 'ingest.reason.outsideRange',
      params: { kind: 'water_level' },
    });
  });

  it('shows an unknown reason as sent, without its field prefix', () => {
    expect(describeReason('value: Invalid input: expected number, received string')).toEqual({
      field: 'value',
      key: null,
      params: {},
      raw: 'Invalid input: expected number, received string',
    });
    expect(describeReason('malformed_xml')).toEqual({
      field: null,
      key: null,
      params: {},
      raw: 'malformed_xml',
    });
  });
});
