/**
 * Who may do what: the roles, the permissions, and the one table that grants them. Denied by default:
 * a permission no role lists is nobody's. Browser-safe, so a screen can hide or disable a control
 * with the same table the server enforces.
 */
import { z } from 'zod';

/** From least to most trusted; each role holds every permission of the roles before it. */
export const ROLES = ['viewer', 'operator', 'crew', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` });

export const PERMISSIONS = [
  /** See every screen: map, alarms, assets, history, KPIs, rules. */
  'view',
  /** Acknowledge alarms (with a note), shelve them (up to 8 h), unshelve, and add notes. */
  'alarm.respond',
  /** Take assets, points and alarms out of service while they are repaired, and return them. */
  'asset.service',
  /** Send setpoints to writable points (needs a fresh sign-in). */
  'setpoint.write',
  /** Create, change and delete alarm rules. */
  'rules.edit',
  /** Accounts, wall displays, sessions of others, retention and webhooks. */
  'users.manage',
  /** Read and export the audit trail. */
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role adds to the one before it. */
const ADDS: Record<Role, readonly Permission[]> = {
  viewer: ['view'],
  operator: ['alarm.respond'],
  crew: ['asset.service'],
  engineer: ['setpoint.write', 'rules.edit'],
  admin: ['users.manage', 'audit.read'],
};

/** The permission table: every role with all that it may do. */
const inherited = (role: Role): ReadonlySet<Permission> =>
  new Set(ROLES.slice(0, ROLES.indexOf(role) + 1).flatMap((r) => ADDS[r]));
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: inherited('viewer'),
  operator: inherited('operator'),
  crew: inherited('crew'),
  engineer: inherited('engineer'),
  admin: inherited('admin'),
};

export function may(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** A user name: lower-case letters, digits, dot, dash and underscore, as most directories allow. */
export const UserNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
    error:
      'a user name is 2 to 64 characters: letters, digits, ".", "-" or "_", starting with a letter or digit',
  });

/** At least 12 characters (NIST SP 800-63B: length, not composition rules); at most 256. */
export const PasswordSchema = z
  .string()
  .min(12, { error: 'a password needs at least 12 characters' })
  .max(256, { error: 'a password may have at most 256 characters' });

/** The signed-in user as every screen may know it; never a password hash or a session id. */
export interface SessionUser {
  name: string;
  displayName: string;
  role: Role;
  /** 'display' for a paired wall screen (viewer only, long-lived). */
  kind: 'user' | 'display';
}
