import {
  type AuditQuery,
  type TokenCreateInput,
  tokenCreateSchema,
  type UserCreateInput,
  type UserRole,
  type UserSummary,
  type UserUpdateInput,
  userCreateSchema,
  userUpdateSchema,
} from '@onemap/domain';
import { beijingToIso } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';

/**
 * The admin forms check their input with the API's own schemas before sending, and explain a
 * failing field in the user's language; the server checks again and its field errors are shown
 * as they come.
 */
export type FormErrors = Partial<Record<string, MessageKey>>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

const fieldMessages: Readonly<Record<string, MessageKey>> = {
  username: 'admin.invalid.username',
  displayName: 'admin.invalid.text',
  name: 'admin.invalid.text',
  password: 'admin.invalid.password',
  role: 'admin.invalid.role',
  regionCode: 'admin.invalid.region',
  expiresInDays: 'admin.invalid.days',
};

interface SafeParse<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
}

function parseWith<T>(schema: SafeParse<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= fieldMessages[field] ?? 'admin.invalid.text';
  }
  return { ok: false, errors };
}

export interface UserCreateForm {
  username: string;
  displayName: string;
  password: string;
  role: UserRole | '';
  regionCode: string;
}

export const emptyUserCreateForm: UserCreateForm = {
  username: '',
  displayName: '',
  password: '',
  role: '',
  regionCode: '',
};

export function parseUserCreate(form: UserCreateForm): Parsed<UserCreateInput> {
  return parseWith(userCreateSchema, form);
}

export interface UserEditForm {
  displayName: string;
  /** Blank keeps the current password. */
  password: string;
  role: UserRole;
  regionCode: string;
  active: boolean;
}

export function userEditFormOf(user: UserSummary): UserEditForm {
  return {
    displayName: user.displayName,
    password: '',
    role: user.role,
    regionCode: user.regionCode,
    active: user.active,
  };
}

/** Only what changed goes to the server, so the audit log records what the admin actually did. */
export function parseUserUpdate(user: UserSummary, form: UserEditForm): Parsed<UserUpdateInput> {
  const input: Record<string, unknown> = { username: user.username };
  if (form.displayName.trim() !== user.displayName) input.displayName = form.displayName;
  if (form.password !== '') input.password = form.password;
  if (form.role !== user.role) input.role = form.role;
  if (form.regionCode !== user.regionCode) input.regionCode = form.regionCode;
  if (form.active !== user.active) input.active = form.active;
  return parseWith(userUpdateSchema, input);
}

export interface TokenCreateForm {
  name: string;
  role: UserRole | '';
  regionCode: string;
  /** Blank for a token that lives until it is revoked. */
  days: string;
}

export const emptyTokenCreateForm: TokenCreateForm = { name: '', role: '', regionCode: '', days: '' };

export function parseTokenCreate(form: TokenCreateForm): Parsed<TokenCreateInput> {
  const days = form.days.trim();
  return parseWith(tokenCreateSchema, {
    name: form.name,
    role: form.role,
    regionCode: form.regionCode,
    expiresInDays: days === '' ? undefined : Number(days),
  });
}

export type AuditOutcome = NonNullable<AuditQuery['outcome']>;

export interface AuditFilter {
  actor: string;
  action: string;
  outcome: AuditOutcome | '';
  /** `datetime-local` values, Beijing time. */
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = { actor: '', action: '', outcome: '', from: '', to: '' };

/** The filter as the audit query takes it: blank fields left out, times in UTC. */
export function auditQueryOf(filter: AuditFilter, before?: number, limit?: number): AuditQuery {
  const query: AuditQuery = {};
  const actor = filter.actor.trim();
  const action = filter.action.trim();
  if (actor) query.actor = actor;
  if (action) query.action = action;
  if (filter.outcome) query.outcome = filter.outcome;
  const from = beijingToIso(filter.from);
  const to = beijingToIso(filter.to);
  if (from) query.from = from;
  if (to) query.to = to;
  if (before !== undefined) query.before = before;
  if (limit !== undefined) query.limit = limit;
  return query;
}

export interface Region {
  code: string;
  name: string;
  /** 'nation' for 000000, then 'province', 'city', 'county'. */
  level: string;
  parentCode: string | null;
}

export interface RegionGroup {
  province: Region;
  children: Region[];
}

/**
 * Regions for a select: the nation first, then each province with the prefectures under it, in
 * the order the API gave them. A region whose parent is not in the list stands on its own.
 */
export function groupRegions(regions: readonly Region[]): { top: Region[]; groups: RegionGroup[] } {
  const top: Region[] = [];
  const groups: RegionGroup[] = [];
  const byProvince = new Map<string, RegionGroup>();
  for (const r of regions) {
    if (r.level === 'province') {
      const group = { province: r, children: [] };
      byProvince.set(r.code, group);
      groups.push(group);
    }
  }
  for (const r of regions) {
    if (r.level === 'province') continue;
    const parent = r.parentCode ? byProvince.get(r.parentCode) : undefined;
    if (parent) parent.children.push(r);
    else top.push(r);
  }
  return { top, groups };
}
