import { describe, expect, it } from 'vitest';
import { formatFieldValue } from '../src/features/detail-drawer/format-field';
import { formatDateTime } from '../src/i18n/format';
import { languages, messages, translate } from '../src/i18n/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  const zhKeys = Object.keys(messages.zh).sort();

  it('has the same keys in every language', () => {
    for (const lang of languages) expect(Object.keys(messages[lang]).sort()).toEqual(zhKeys);
  });

  it('has no empty text and the same placeholders in every language', () => {
    for (const key of zhKeys as (keyof typeof messages.zh)[]) {
      for (const lang of languages) expect(messages[lang][key].trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages.zh[key]));
    }
  });

  it('has no placeholder text left in', () => {
    for (const lang of languages) {
      for (const text of Object.values(messages[lang])) expect(text).not.toMatch(/TODO|lorem|FIXME/i);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'layers.inViewCount', { count: 12 })).toBe('视野内 12 个');
    expect(translate('en', 'search.none', {})).toBe('Nothing found for “{q}”');
  });
});

describe('display formats', () => {
  it('shows UTC times in Beijing time', () => {
    expect(formatDateTime('2024-05-01T06:03:22Z')).toBe('2024-05-01 14:03:22');
    expect(formatDateTime('2024-12-31T16:30:00.000Z')).toBe('2025-01-01 00:30:00');
  });

  it('formats detail fields by language, with units', () => {
    expect(formatFieldValue({ zh: '报警', en: 'Alarm' }, 'zh')).toBe('报警');
    expect(formatFieldValue({ zh: '报警', en: 'Alarm' }, 'en')).toBe('Alarm');
    expect(formatFieldValue(3.25, 'en', 'm')).toBe('3.25 m');
    expect(formatFieldValue(12000, 'zh', 'Mbps')).toBe('12,000 Mbps');
    expect(formatFieldValue('2024-05-01T06:03:22.000Z', 'en')).toBe('2024-05-01 14:03:22');
    expect(formatFieldValue(true, 'zh')).toBe('是');
    expect(formatFieldValue(null, 'en', 'm')).toBe('—');
    expect(formatFieldValue('杭州', 'en')).toBe('杭州');
  });
});
