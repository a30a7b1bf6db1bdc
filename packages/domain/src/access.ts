import { z } from 'zod';
import type { PointLayerId } from './layers.js';
import type { SensingLayerId } from './sensing.js';
import { type Classification, type UserRole, userRoles } from './vocabulary.js';

/**
 * Zero trust (身份要认证、访问有授权、数据可管控、行为可溯源): who may do what, over which region,
 * seeing which classification of data. The API enforces these in one procedure builder and one
 * route guard; the web only uses them to hide what the API would refuse anyway.
 */

/** The region code of a national user: every region is inside it. */
export const NATIONAL_REGION = '000000';

/** What a request acts as: a signed-in person, a machine client with an API token, or nobody. */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: number;
      username: string;
      displayName: string;
      role: UserRole;
      regionCode: string;
    }
  | { kind: 'token'; tokenId: number; name: string; role: UserRole; regionCode: string };

export const permissions = [
  /** Read the operational picture: layers, details, search, counts. */
  'map.read',
  /** Read one's own identity, sign out. */
  'self',
  'users.manage',
  'tokens.manage',
  'audit.read',
  /** Send sensor readings (gateways, and administrators testing them). */
  'ingest.write',
  /** Acknowledge alarms: the people on duty. */
  'alarms.ack',
  /** Draft, publish, update and cancel early warnings. */
  'warnings.publish',
  /** Change a sensor's alarm rules (per-sensor overrides of the kind's defaults). */
  'sensors.configure',
  /** Take in incidents, move them through their lifecycle, add notes, review public reports. */
  'incidents.manage',
  /** Send teams to incidents and recall them (力量调派). */
  'dispatch.command',
  /** Report an assignment's steps (en route, on scene, returning): the teams themselves. */
  'assignments.report',
] as const;
export type Permission = (typeof permissions)[number];

/** An access rule: open to anyone (the public zone), or a permission a principal's role must hold. */
export type Access = 'public' | Permission;

/**
 * What the people on duty in a command centre do: watch, acknowledge alarms, warn, tune sensors,
 * take incidents in and send teams. Commanders and duty officers hold the same; administrators
 * hold it too, with the system's management on top.
 */
const commandCentre: readonly Permission[] = [
  'map.read',
  'self',
  'alarms.ack',
  'warnings.publish',
  'sensors.configure',
  'incidents.manage',
  'dispatch.command',
  'assignments.report',
];

export const rolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  admin: [...commandCentre, 'users.manage', 'tokens.manage', 'audit.read', 'ingest.write'],
  commander: commandCentre,
  duty_officer: commandCentre,
  analyst: ['map.read', 'self'],
  field_responder: ['map.read', 'self', 'alarms.ack', 'assignments.report'],
  // A machine role: writes readings for the sensors of its region, reads nothing.
  sensor_gateway: ['ingest.write'],
};

/** The highest classification each role may read unmasked. */
export const roleClearance: Readonly<Record<UserRole, Classification>> = {
  admin: 'sensitive',
  commander: 'sensitive',
  duty_officer: 'sensitive',
  analyst: 'internal',
  field_responder: 'internal',
  sensor_gateway: 'internal',
};

const classificationRank: Record<Classification, number> = { public: 0, internal: 1, sensitive: 2 };

export function clearanceOf(principal: Principal): Classification {
  return principal.kind === 'anonymous' ? 'public' : roleClearance[principal.role];
}

export function mayRead(principal: Principal, classification: Classification): boolean {
  return classificationRank[clearanceOf(principal)] >= classificationRank[classification];
}

export function allows(principal: Principal, access: Access): boolean {
  if (access === 'public') return true;
  if (principal.kind === 'anonymous') return false;
  return rolePermissions[principal.role].includes(access);
}

/**
 * The GB/T 2260 prefix that every code inside a region starts with: a province keeps 2 digits, a
 * prefecture 4, a county all 6; the nation none.
 *
 * @example regionPrefix('330000') === '33'; regionPrefix('330100') === '3301'; regionPrefix('000000') === ''
 */
export function regionPrefix(regionCode: string): string {
  if (regionCode === NATIONAL_REGION) return '';
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

/** Whether `code` lies inside the region `scopeCode`. */
export function regionContains(scopeCode: string, code: string): boolean {
  return code.startsWith(regionPrefix(scopeCode));
}

/** The classification of each layer's features as a whole (fields may be stricter). */
export const layerClassification: Readonly<
  Record<PointLayerId | 'commLinks' | SensingLayerId, Classification>
> = {
  sensors: 'internal',
  teams: 'internal',
  depots: 'internal',
  shelters: 'public',
  hospitals: 'public',
  incidents: 'internal',
  enterprises: 'internal',
  commNodes: 'internal',
  commLinks: 'internal',
  // Fire hotspots are published openly by the meteorological service; flood extents are not
  // verified for the public (warnings are how we tell it), and camera streams are sensitive.
  hotspots: 'public',
  sensingAreas: 'internal',
  droneFlights: 'internal',
  cameras: 'internal',
};

/** Masks a phone number, keeping what a person needs to recognise it: "138****5678". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepHead = Math.min(3, digits.length - 4);
  return `${digits.slice(0, keepHead)}${'*'.repeat(digits.length - keepHead - 4)}${digits.slice(-4)}`;
}

/** Masks a personal name, keeping the family name: "张伟" → "张*", "欧阳娜娜" → "欧***". */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

export const regionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, 'a 6-digit GB/T 2260 region code (000000 for national)');

export const loginInputSchema = z.object({
  username: z.string().trim().min(1, 'username is required').max(64),
  password: z.string().min(1, 'password is required').max(256),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export interface SessionUser {
  username: string;
  displayName: string;
  role: UserRole;
  regionCode: string;
  regionName: string;
}

const usernameSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_.-]{2,31}$/,
    '3–32 characters: lower-case letters, digits, _ . -, starting with a letter',
  );
const passwordSchema = z.string().min(10, 'at least 10 characters').max(256);

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  password: passwordSchema,
  role: userRoles.schema,
  regionCode: regionCodeSchema,
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64).optional(),
  password: passwordSchema.optional(),
  role: userRoles.schema.optional(),
  regionCode: regionCodeSchema.optional(),
  active: z.boolean().optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export interface UserSummary {
  username: string;
  displayName: string;
  role: UserRole;
  regionCode: string;
  regionName: string;
  active: boolean;
  createdAt: string;
}

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(64),
  role: userRoles.schema,
  regionCode: regionCodeSchema,
  /** Days until the token expires; none for a token that lives until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

export interface ApiTokenSummary {
  id: number;
  name: string;
  role: UserRole;
  regionCode: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Entries with an id below this (paging backwards in time). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorRole: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: 'success' | 'denied' | 'failure';
  details: Record<string, unknown> | null;
  hash: string;
}
