import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Database } from '../database';
import { sqlStateOf } from '../errors';

/** What a role name may look like: lower case, digits and underscores, as PostgreSQL folds them. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INSUFFICIENT_PRIVILEGE = '42501';
/** A gateway's pool holds 8 connections, its LISTEN one more: a stolen Pi cannot take all the server's. */
const GATEWAY_CONNECTION_LIMIT = 12;

/** The role a gateway logs in as unless told otherwise: gw-cab-vondelpark → gw_gw_cab_vondelpark. */
export function defaultGatewayRoleName(gatewayId: string): string {
  return `gw_${gatewayId.replaceAll('-', '_')}`;
}

export class GatewayRoleError extends Error {
  override readonly name = 'GatewayRoleError';
}

/**
 * The password as PostgreSQL stores it (RFC 5802/7677 SCRAM-SHA-256), computed here so that the
 * password itself never reaches the server, its statement log or pg_stat_activity.
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export interface GatewayRoleRequest {
  gatewayId: string;
  roleName: string;
  password: string;
}

/**
 * Creates a gateway's LOGIN role, or sets its password again, and records the gateway it speaks for:
 * it may then write only that gateway's channels (migration 0012). Safe to run again. Refuses to
 * turn a role with more rights (a superuser, the web server's role) into a gateway's.
 */
export async function createGatewayRole(
  db: Database,
  request: GatewayRoleRequest,
): Promise<'created' | 'updated'> {
  const { gatewayId, roleName, password } = request;
  if (!ROLE_NAME.test(roleName))
    throw new GatewayRoleError(
      `role name "${roleName}": lower-case letters, digits and _ only, at most 63 (e.g. ${defaultGatewayRoleName(gatewayId)})`,
    );
  if (password.length < 16)
    throw new GatewayRoleError(
      'the password file holds under 16 characters: use e.g. `openssl rand -base64 32`',
    );
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ super: boolean; trusted: boolean; me: boolean }>(
        `SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication AS super,
                rolname IN ('city_web', 'city_gateway') AS trusted, rolname = current_user AS me
           FROM pg_roles WHERE rolname = $1`,
        [roleName],
      );
      const existing = rows[0];
      if (existing && (existing.super || existing.trusted || existing.me))
        throw new GatewayRoleError(
          `role ${roleName} exists and is not a gateway's (it has more rights): choose another with --role`,
        );
      await tx.exec(`DO $$ BEGIN
        IF to_regrole('city_gateway') IS NULL THEN CREATE ROLE city_gateway NOLOGIN; END IF; END $$`);
      // The verifier is base64 and '$:' only, checked here, so it can stand in the statement as a literal.
      const verifier = scramVerifier(password);
      if (!/^[A-Za-z0-9+/=$:-]+$/.test(verifier)) throw new GatewayRoleError('unexpected SCRAM verifier');
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT ${GATEWAY_CONNECTION_LIMIT} PASSWORD '${verifier}'`;
      await tx.exec(`${existing ? 'ALTER' : 'CREATE'} ROLE "${roleName}" ${attributes}`);
      await tx.exec(`GRANT city_gateway TO "${roleName}"`);
      await tx.query('SELECT field_zone_grant()');
      await tx.query(
        `INSERT INTO gateway_roles (role_name, gateway_id) VALUES ($1, $2)
         ON CONFLICT (role_name) DO UPDATE SET gateway_id = excluded.gateway_id, updated_at = now()`,
        [roleName, gatewayId],
      );
      return existing ? 'updated' : 'created';
    });
  } catch (error) {
    if (sqlStateOf(error) === INSUFFICIENT_PRIVILEGE)
      throw new GatewayRoleError(
        `${error instanceof Error ? error.message : String(error)}: run db-role with a DATABASE_URL whose role may create roles and owns the schema (the one that ran the migrations, or a superuser)`,
        { cause: error },
      );
    throw error;
  }
}

export interface GatewayRoleInfo {
  roleName: string;
  gatewayId: string;
  /** Whether the role may log in now (false once revoked with ALTER ROLE … NOLOGIN, or dropped). */
  canLogin: boolean;
  /** How many channels name this gateway as their source. */
  channels: number;
}

export async function listGatewayRoles(db: Database): Promise<GatewayRoleInfo[]> {
  const { rows } = await db.query<{
    role_name: string;
    gateway_id: string;
    can_login: boolean;
    channels: number;
  }>(
    `SELECT g.role_name, g.gateway_id, coalesce(r.rolcanlogin, false) AS can_login,
            (SELECT count(*) FROM channels c WHERE c.source->>'gatewayId' = g.gateway_id)::int AS channels
       FROM gateway_roles g LEFT JOIN pg_roles r ON r.rolname = g.role_name
      ORDER BY g.gateway_id, g.role_name`,
  );
  return rows.map((row) => ({
    roleName: row.role_name,
    gatewayId: row.gateway_id,
    canLogin: row.can_login,
    channels: row.channels,
  }));
}

/**
 * Whether this database's role may register assets and channels. A gateway's own role may not: the
 * city's registry is the control room's, so a stolen cabinet cannot rename or move its assets.
 */
export async function mayRegisterAssets(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ may: boolean }>(
    `SELECT has_table_privilege('assets', 'INSERT, UPDATE') AND has_table_privilege('channels', 'INSERT, UPDATE') AS may`,
  );
  return rows[0]?.may === true;
}

/** Whether this database's role is a gateway's own (a member of city_gateway): it migrates nothing. */
export async function isGatewayRole(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ gateway: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
        WHERE g.rolname = 'city_gateway' AND r.rolname = session_user) AS gateway`,
  );
  return rows[0]?.gateway === true;
}
