/**
 * The web server's login role: `npm run db:migrate -- --web-role <name> --password-file <file>`.
 * Migration 0011 creates `city_web` NOLOGIN and grants it what the control room needs; a deployment
 * signs in as a login role of its own that is a member of it, never a superuser and never the owner
 * of the tables, so a flaw in the web server cannot rewrite the audit trail or the schema.
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from '../database';
import { scramVerifier } from '../queries/gateway-roles';

/** The role 0011_access.sql grants the control room's rights to. */
export const WEB_GROUP_ROLE = 'city_web';
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** What a web login role may never hold, restated on every run so an edited role is put right. */
const LIMITS = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT';

/** The password in a secret file, without the newline `echo` leaves. */
export function readPasswordFile(file: string): string {
  let password: string;
  try {
    password = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new Error(
      `--password-file ${file}: ${(error as Error).message}; create it, e.g. openssl rand -hex 32 > ${file}`,
    );
  }
  if (password.length === 0) throw new Error(`--password-file ${file} is empty: write the password into it`);
  return password;
}

/** A lower-case name of its own: city_web stays the NOLOGIN role that holds the grants. */
export function checkWebRoleName(name: string): void {
  if (!ROLE_NAME.test(name) || name === WEB_GROUP_ROLE) {
    throw new Error(
      `CITY_DB_BAD_WEB_ROLE: --web-role "${name}": expected a lower-case role name of its own such as city_web_login (it is made a member of ${WEB_GROUP_ROLE})`,
    );
  }
}

/**
 * Creates the login role, or sets its password and limits again: safe to run on every deployment.
 * Run as a role that may create roles (the owner that ran the migrations).
 */
export async function ensureWebLogin(
  db: Queryable,
  name: string,
  password: string,
): Promise<'created' | 'updated'> {
  checkWebRoleName(name);
  const { rows: group } = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [WEB_GROUP_ROLE]);
  if (group.length === 0) {
    throw new Error(
      `CITY_DB_NO_WEB_ROLE: role ${WEB_GROUP_ROLE} does not exist: the migrations ran as a role that may not create roles; run them as the database owner`,
    );
  }
  const { rows } = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  const created = rows.length === 0;
  // Role statements take no bind parameters: the server quotes the name and verifier itself (%I, %L).
  const statement = created
    ? `CREATE ROLE %I ${LIMITS} PASSWORD %L IN ROLE ${WEB_GROUP_ROLE}`
    : `ALTER ROLE %I ${LIMITS} PASSWORD %L`;
  // The SCRAM verifier, not the password, goes to the server: no statement log or pg_stat_activity holds it.
  await execFormatted(db, statement, name, scramVerifier(password));
  if (!created) await execFormatted(db, `GRANT ${WEB_GROUP_ROLE} TO %I`, name);
  return created ? 'created' : 'updated';
}

async function execFormatted(db: Queryable, template: string, ...args: string[]): Promise<void> {
  const placeholders = args.map((_, i) => `$${i + 2}::text`).join(', ');
  const { rows } = await db.query<{ sql: string }>(`SELECT format($1, ${placeholders}) AS sql`, [
    template,
    ...args,
  ]);
  const sql = rows[0]?.sql;
  if (!sql) throw new Error(`could not format ${template}`);
  await db.query(sql);
}
