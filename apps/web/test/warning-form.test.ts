import type { WarningSummary } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import {
  areaDescOf,
  areasOf,
  categoryForEvent,
  draftOf,
  fieldOfPath,
  formOfWarning,
  newWarningForm,
  parseWarningForm,
  type WarningForm,
} from '../src/features/warnings/form';
import { beijingLocal, beijingToIso } from '../src/i18n/format';

const westLake: [number, number][] = [
  [120.1, 30.2],
  [120.2, 30.2],
  [120.2, 30.3],
  [120.1, 30.2],
];

const filled = (over: Partial<WarningForm> = {}): WarningForm => ({
  ...newWarningForm(new Date('2024-07-01T02:00:30Z')),
  event: '暴雨',
  headline: '杭州市暴雨橙色预警',
  description: '预计未来6小时降雨量将达50毫米以上。',
  instruction: '停止户外作业，远离河道。',
  areaDesc: '杭州市',
  shapes: [{ kind: 'polygon', ring: westLake }],
  regions: [{ code: '330100', name: '杭州市' }],
  ...over,
});

describe('Beijing wall-clock times', () => {
  it('shows an instant as Beijing time to the minute, and reads it back', () => {
    expect(beijingLocal(new Date('2024-05-01T06:03:59Z'))).toBe('2024-05-01T14:03');
    expect(beijingLocal(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01T00:30');
    expect(beijingToIso(beijingLocal(new Date('2024-05-01T06:03:00Z')))).toBe('2024-05-01T06:03:00.000Z');
  });
});

describe('a new warning form', () => {
  it('starts now (to the minute, Beijing time) and runs for a day', () => {
    const form = newWarningForm(new Date('2024-07-01T02:00:30Z'));
    expect(form.effective).toBe('2024-07-01T10:00');
    expect(form.expires).toBe('2024-07-02T10:00');
    expect(form.areaDescAuto).toBe(true);
  });

  it('is refused until it names an event, a headline, an area and its description', () => {
    const parsed = parseWarningForm(newWarningForm(new Date('2024-07-01T02:00:00Z')));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['areaDesc', 'areas', 'event', 'headline']);
  });
});

describe('form to draft', () => {
  it('sends drawn shapes as their own parts and the chosen regions as one geocode part', () => {
    const draft = draftOf(filled());
    expect(draft.areas).toEqual([
      { kind: 'polygon', ring: westLake },
      { kind: 'regions', codes: ['330100'] },
    ]);
    expect(draft.effective).toBe('2024-07-01T02:00:00.000Z');
    expect(draft.expires).toBe('2024-07-02T02:00:00.000Z');
    expect(parseWarningForm(filled())).toEqual({ ok: true, draft });
  });

  it('names the field that is wrong, as the API would', () => {
    const late = parseWarningForm(filled({ expires: '2024-07-01T09:00' }));
    expect(late.ok ? {} : late.errors).toEqual({ expires: 'expires must be after effective' });
    const blankTime = parseWarningForm(filled({ effective: '' }));
    expect(blankTime.ok ? [] : Object.keys(blankTime.errors)).toContain('effective');
    const noArea = parseWarningForm(filled({ shapes: [], regions: [] }));
    expect(noArea.ok ? {} : noArea.errors).toEqual({ areas: 'a warning needs an area' });
  });

  it('maps the API’s field paths onto the form’s fields', () => {
    expect(fieldOfPath('headline')).toBe('headline');
    expect(fieldOfPath('draft.expires')).toBe('expires');
    expect(fieldOfPath('areas.0.ring')).toBe('areas');
    expect(fieldOfPath('draft.areas.1.codes.0')).toBe('areas');
  });
});

describe('a stored warning back in the form', () => {
  it('splits its area into shapes and regions, and gives the same draft again', () => {
    const draft = draftOf(filled({ shapes: [{ kind: 'circle', center: [120.15, 30.25], radiusKm: 5 }] }));
    const stored = {
      ...draft,
      id: 7,
      description: draft.description ?? '',
      instruction: draft.instruction ?? '',
      status: 'draft',
    } as unknown as WarningSummary;
    const form = formOfWarning(stored);
    expect(form.shapes).toEqual([{ kind: 'circle', center: [120.15, 30.25], radiusKm: 5 }]);
    expect(form.regions).toEqual([{ code: '330100', name: '330100' }]);
    expect(form.areaDescAuto).toBe(false);
    expect(draftOf(form)).toEqual(draft);
    expect(areasOf(form)).toEqual(draft.areas);
  });
});

describe('the area in words', () => {
  it('lists the region names', () => {
    expect(areaDescOf(['杭州市', '宁波市'])).toBe('杭州市、宁波市');
    expect(areaDescOf([])).toBe('');
  });

  it('names the first few and counts the rest when all would not fit in CAP’s 200 characters', () => {
    const names = Array.from({ length: 60 }, (_, i) => `第${i + 1}号测试县`);
    const desc = areaDescOf(names);
    expect(desc.length).toBeLessThanOrEqual(200);
    expect(desc.startsWith('第1号测试县、第2号测试县')).toBe(true);
    expect(desc.endsWith('等60个地区')).toBe(true);
  });
});

describe('the category of an event', () => {
  it('follows a national incident type typed in either language', () => {
    expect(categoryForEvent('暴雨')).toBe('Met');
    expect(categoryForEvent('Earthquake')).toBe('Geo');
    expect(categoryForEvent(' 危险化学品泄漏 ')).toBe('CBRNE');
    expect(categoryForEvent('大风降温')).toBeNull();
  });
});
