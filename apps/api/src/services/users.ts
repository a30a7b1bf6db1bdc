import {
  NATIONAL_REGION,
  type UserCreateInput,
  type UserRole,
  type UserSummary,
  type UserUpdateInput,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { hashPassword } from '../auth/passwords.js';

interface Row {
  username: string;
  display_name: string;
  role: UserRole;
  region_code: string;
  region_name: string | null;
  active: boolean;
  created_at: Date;
}

const SELECT = `SELECT u.username, u.display_name, u.role, u.region_code, r.name AS region_name, u.active, u.created_at
                  FROM app_user u LEFT JOIN region r ON r.code = u.region_code`;

function toSummary(r: Row): UserSummary {
  return {
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    regionCode: r.region_code,
    regionName: r.region_code === NATIONAL_REGION ? '全国' : (r.region_name ?? r.region_code),
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export class UserInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export async function listUsers(sql: SqlClient): Promise<UserSummary[]> {
  return (await sql.query<Row>(`${SELECT} ORDER BY u.username`)).map(toSummary);
}

async function assertRegion(sql: SqlClient, code: string): Promise<void> {
  if (code === NATIONAL_REGION) return;
  const [row] = await sql.query('SELECT 1 FROM region WHERE code = $1', [code]);
  if (!row) throw new UserInputError('regionCode', `no region ${code}`);
}

export async function createUser(sql: SqlClient, input: UserCreateInput): Promise<UserSummary> {
  await assertRegion(sql, input.regionCode);
  const [exists] = await sql.query('SELECT 1 FROM app_user WHERE username = $1', [input.username]);
  if (exists) throw new UserInputError('username', `user ${input.username} already exists`);
  await sql.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, $4, $5)`,
    [input.username, input.displayName, await hashPassword(input.password), input.role, input.regionCode],
  );
  return (await getUser(sql, input.username)) as UserSummary;
}

export async function updateUser(sql: SqlClient, input: UserUpdateInput): Promise<UserSummary | null> {
  if (input.regionCode) await assertRegion(sql, input.regionCode);
  const sets: string[] = [];
  const params: unknown[] = [input.username];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (input.displayName !== undefined) set('display_name', input.displayName);
  if (input.password !== undefined) set('password_hash', await hashPassword(input.password));
  if (input.role !== undefined) set('role', input.role);
  if (input.regionCode !== undefined) set('region_code', input.regionCode);
  if (input.active !== undefined) set('active', input.active);
  if (sets.length > 0) {
    await sql.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `UPDATE app_user SET ${sets.join(', ')} WHERE username = $1 RETURNING id`,
        params,
      );
      // A changed password, role, region or status ends the user's sessions: they sign in again.
      if (row && (input.password || input.role || input.regionCode || input.active === false)) {
        await tx.query(
          'UPDATE app_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [row.id],
        );
      }
    });
  }
  return getUser(sql, input.username);
}

export async function getUser(sql: SqlClient, username: string): Promise<UserSummary | null> {
  const [row] = await sql.query<Row>(`${SELECT} WHERE u.username = $1`, [username]);
  return row ? toSummary(row) : null;
}

/** The demo accounts the README lists; created only in demo mode and only into an empty user table. */
export const DEMO_USERS: Array<{
  username: string;
  displayName: string;
  role: UserRole;
  regionCode: string;
}> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', regionCode: NATIONAL_REGION },
  {
    username: 'commander',
    displayName: '部指挥中心值班领导',
    role: 'commander',
    regionCode: NATIONAL_REGION,
  },
  { username: 'zj_duty', displayName: '浙江省应急管理厅值班员', role: 'duty_officer', regionCode: '330000' },
  { username: 'sc_duty', displayName: '四川省应急管理厅值班员', role: 'duty_officer', regionCode: '510000' },
  { username: 'analyst', displayName: '数据分析员', role: 'analyst', regionCode: NATIONAL_REGION },
  { username: 'hz_field', displayName: '杭州市现场救援队员', role: 'field_responder', regionCode: '330100' },
];

export async function seedDemoUsers(sql: SqlClient, password: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
  if ((row?.n ?? 0) > 0) return 0;
  const hash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    await sql.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, $4, $5)`,
      [u.username, u.displayName, hash, u.role, u.regionCode],
    );
  }
  return DEMO_USERS.length;
}
