import type { IncidentEvent } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { newIntakeForm, parseIntake, suggestionOf } from '../src/features/incidents/intake-form';
import { timelineText } from '../src/features/incidents/timeline-text';

const NOW = new Date('2026-11-25T02:00:00Z');

describe('the intake form', () => {
  it('starts from what it was opened with, at the time now in Beijing', () => {
    const form = newIntakeForm({ type: 'fire', lon: 120.1551234567, lat: 30.27, source: 'report' }, NOW);
    expect(form).toMatchObject({
      type: 'fire',
      lon: '120.155123',
      lat: '30.27',
      occurredAt: '2026-11-25T10:00',
    });
  });

  it('becomes the intake the API takes, with the reports it came from', () => {
    const seed = { source: 'report' as const, fromReportIds: [4, 5] };
    const form = {
      ...newIntakeForm(seed, NOW),
      type: 'fire' as const,
      title: '仓库火灾',
      lon: '120.1',
      lat: '30.2',
      deaths: '1',
    };
    const parsed = parseIntake(form, seed);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      type: 'fire',
      lon: 120.1,
      lat: 30.2,
      occurredAt: '2026-11-25T02:00:00.000Z',
      casualties: { deaths: 1 },
      source: 'report',
      fromReportIds: [4, 5],
    });
  });

  it('names each bad field with a message of its own', () => {
    const form = {
      ...newIntakeForm({}, NOW),
      title: ' ',
      lon: '190',
      lat: 'north',
      deaths: '-2',
      type: 'fire' as const,
      level: 'IV',
      missing: '40',
    };
    const parsed = parseIntake(form, {});
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({
      title: 'incidents.invalid.title',
      lon: 'incidents.invalid.lon',
      lat: 'incidents.invalid.lat',
      deaths: 'incidents.invalid.count',
    });
    // A level below what the figures require is judged once the rest is valid.
    const lowLevel = parseIntake({ ...form, title: '矿难', lon: '110', lat: '35', deaths: '0' }, {});
    expect(lowLevel.ok ? null : lowLevel.errors).toEqual({ level: 'incidents.invalid.level' });
  });

  it('suggests the level from the figures as they are typed', () => {
    const form = { ...newIntakeForm({ type: 'mine_accident' }, NOW), deaths: '8', missing: '2' };
    expect(suggestionOf(form)?.level).toBe('II');
    expect(suggestionOf({ ...form, deaths: 'x', missing: '' })?.level).toBe('IV');
    expect(suggestionOf({ ...form, type: '' })).toBeNull();
  });
});

describe('timeline lines', () => {
  const event = (kind: IncidentEvent['kind'], details: Record<string, unknown>): IncidentEvent => ({
    id: 1,
    at: '2026-11-25T02:00:00Z',
    kind,
    actor: 'zj_duty',
    details,
  });
  it('reads each kind of event in the operator language', () => {
    expect(timelineText(event('transition', { from: 'verified', to: 'responding' }), 'zh')).toBe(
      '已核实 → 处置中',
    );
    expect(timelineText(event('transition', { from: 'verified', to: 'responding' }), 'en')).toBe(
      'Verified → Responding',
    );
    expect(
      timelineText(
        event('arrival', { teamName: '西湖消防站', from: 'en_route', to: 'on_scene', source: 'geofence' }),
        'zh',
      ),
    ).toBe('西湖消防站 途中 → 到场（电子围栏）');
    expect(
      timelineText(event('dispatch', { task: '灭火', teams: [{ name: 'A队' }, { name: 'B队' }] }), 'zh'),
    ).toBe('调派 A队、B队 · 灭火');
    expect(timelineText(event('report_linked', { reference: 'R00000001', category: 'fire' }), 'en')).toBe(
      'Linked public report R00000001 · Fire',
    );
  });
});
