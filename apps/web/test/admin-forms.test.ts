import type { UserSummary } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { beijingToIso } from '../src/i18n/format';
import {
  auditQueryOf,
  emptyAuditFilter,
  groupRegions,
  parseTokenCreate,
  parseUserCreate,
  parseUserUpdate,
  userEditFormOf,
} from '../src/panels/admin/forms';

const user: UserSummary = {
  username: 'zj_duty',
  displayName: '浙江值班员',
  role: 'duty_officer',
  regionCode: '330000',
  regionName: '浙江省',
  active: true,
  createdAt: '2024-05-01T00:00:00.000Z',
};

describe('user forms', () => {
  it('accepts a complete new user', () => {
    const parsed = parseUserCreate({
      username: 'hz_duty',
      displayName: '杭州值班员',
      password: 'long-enough-pw',
      role: 'duty_officer',
      regionCode: '330100',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        username: 'hz_duty',
        displayName: '杭州值班员',
        password: 'long-enough-pw',
        role: 'duty_officer',
        regionCode: '330100',
      },
    });
  });

  it('names every wrong field with a message of its own', () => {
    const parsed = parseUserCreate({
      username: 'Bad Name',
      displayName: ' ',
      password: 'short',
      role: '',
      regionCode: '',
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        username: 'admin.invalid.username',
        displayName: 'admin.invalid.text',
        password: 'admin.invalid.password',
        role: 'admin.invalid.role',
        regionCode: 'admin.invalid.region',
      },
    });
  });

  it('sends only what an edit changed', () => {
    const unchanged = parseUserUpdate(user, userEditFormOf(user));
    expect(unchanged).toEqual({ ok: true, value: { username: 'zj_duty' } });
    const edited = parseUserUpdate(user, { ...userEditFormOf(user), role: 'commander', active: false });
    expect(edited).toEqual({ ok: true, value: { username: 'zj_duty', role: 'commander', active: false } });
    const reset = parseUserUpdate(user, { ...userEditFormOf(user), password: 'new-password-1' });
    expect(reset).toEqual({ ok: true, value: { username: 'zj_duty', password: 'new-password-1' } });
    expect(parseUserUpdate(user, { ...userEditFormOf(user), password: 'short' })).toEqual({
      ok: false,
      errors: { password: 'admin.invalid.password' },
    });
  });
});

describe('token form', () => {
  it('leaves the expiry out when blank and checks it when given', () => {
    const base = { name: '省气象局数据交换', role: 'analyst', regionCode: '330000' } as const;
    expect(parseTokenCreate({ ...base, days: '' })).toEqual({ ok: true, value: { ...base } });
    expect(parseTokenCreate({ ...base, days: '90' })).toEqual({
      ok: true,
      value: { ...base, expiresInDays: 90 },
    });
    expect(parseTokenCreate({ ...base, days: '1.5' })).toEqual({
      ok: false,
      errors: { expiresInDays: 'admin.invalid.days' },
    });
    expect(parseTokenCreate({ ...base, days: '0' })).toMatchObject({ ok: false });
  });
});

describe('audit filter', () => {
  it('reads datetime-local values as Beijing time', () => {
    expect(beijingToIso('2024-05-01T14:03')).toBe('2024-05-01T06:03:00.000Z');
    expect(beijingToIso('2025-01-01T00:30:15')).toBe('2024-12-31T16:30:15.000Z');
    expect(beijingToIso('')).toBeUndefined();
    expect(beijingToIso('yesterday')).toBeUndefined();
  });

  it('leaves blank fields out and pages with `before`', () => {
    expect(auditQueryOf(emptyAuditFilter)).toEqual({});
    expect(
      auditQueryOf(
        { actor: ' admin ', action: '', outcome: 'denied', from: '2024-05-01T08:00', to: '' },
        1234,
        50,
      ),
    ).toEqual({
      actor: 'admin',
      outcome: 'denied',
      from: '2024-05-01T00:00:00.000Z',
      before: 1234,
      limit: 50,
    });
  });
});

describe('region select', () => {
  it('puts the nation first and prefectures under their province', () => {
    const grouped = groupRegions([
      { code: '000000', name: '全国', level: 'nation', parentCode: null },
      { code: '330000', name: '浙江省', level: 'province', parentCode: null },
      { code: '330100', name: '杭州市', level: 'city', parentCode: '330000' },
      { code: '510000', name: '四川省', level: 'province', parentCode: null },
      { code: '330200', name: '宁波市', level: 'city', parentCode: '330000' },
    ]);
    expect(grouped.top.map((r) => r.code)).toEqual(['000000']);
    expect(grouped.groups.map((g) => [g.province.code, g.children.map((c) => c.code)])).toEqual([
      ['330000', ['330100', '330200']],
      ['510000', []],
    ]);
  });
});
