import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../database';
import { openDatabase } from '../open';
import { createGatewayRole } from '../queries/gateway-roles';
import { testDatabaseUrl } from './env';

export interface GatewayLogin {
  /** The database as the gateway's own role sees it. */
  db: Database;
  roleName: string;
  password: string;
  /** Closes the connection and drops the role (roles are the server's, not the test database's). */
  drop(): Promise<void>;
}

/**
 * Logs in to a test database on the server as a new role of this gateway's, made as
 * `gateway db-role create` makes it. Call drop() after the test database is dropped or closed.
 */
export async function loginAsGateway(owner: Database, url: string, gatewayId: string): Promise<GatewayLogin> {
  const roleName = `gw_test_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await createGatewayRole(owner, { gatewayId, roleName, password });
  const login = new URL(url);
  login.username = roleName;
  login.password = password;
  const db = await openDatabase({ url: login.toString() });
  return {
    db,
    roleName,
    password,
    async drop() {
      await db.close().catch(() => {});
      await dropTestRole(roleName);
    },
  };
}

/** Drops a role a test made: roles belong to the server and outlive the test database. */
export async function dropTestRole(roleName: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP ROLE IF EXISTS "${roleName.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}
