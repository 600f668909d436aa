/**
 * `gateway db-role`: a database role of its own for each gateway (issue 13, the field zone).
 *   db-role create <gatewayId> [--role <name>] --password-file <path|->  [--city <file>] [--cabinet <id>]
 *   db-role list
 * Runs against DATABASE_URL as a role that may create roles (the schema's owner, or a superuser).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createGatewayRole,
  type Database,
  defaultGatewayRoleName,
  GatewayRoleError,
  listGatewayRoles,
  openDatabase,
  upsertAssets,
  upsertChannels,
} from '@city/db';
import { AMSTERDAM_CITY_FILE, type City, loadCity, SKELETON_CITY_FILE } from '@city/hardware/city';
import { invocationDir, readEnv } from './env';
import { gatewayConfigForCabinet } from './from-city';

export const DB_ROLE_USAGE =
  'usage: gateway db-role create <gatewayId> [--role <roleName>] --password-file <path|-> [--city amsterdam|skeleton|file] [--cabinet <id>] | gateway db-role list';
const CITIES: Record<string, string> = { amsterdam: AMSTERDAM_CITY_FILE, skeleton: SKELETON_CITY_FILE };

/** The password from its file, or from stdin with `-`; never from the command line, where `ps` shows it. */
function readPassword(file: string): string {
  const text = readFileSync(file === '-' ? 0 : resolve(invocationDir(), file), 'utf8');
  // A trailing newline is the editor's, not the password's.
  return text.replace(/\r?\n$/, '');
}

/**
 * The cabinet this gateway reads, from the city description: its assets and channels are registered
 * here, by the operator, since the gateway's own role may not register any.
 */
function cabinetOf(city: City, gatewayId: string, cabinetId: string | undefined) {
  const cabinet = cabinetId
    ? city.cabinets.find((c) => c.id === cabinetId)
    : city.cabinets.find((c) => gatewayId === `gw-${c.id}`);
  if (cabinetId && !cabinet)
    throw new Error(`no cabinet ${cabinetId} in ${city.name}: see "gateway generate"`);
  return cabinet && gatewayConfigForCabinet(city, cabinet.id, { gatewayId }).provision;
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const env = readEnv();
  if (!env.DATABASE_URL)
    throw new Error(
      'db-role needs DATABASE_URL: the server and a role that may create roles, e.g. postgres://city@db:5432/city (password in DATABASE_PASSWORD_FILE)',
    );
  const db = await openDatabase({ url: env.DATABASE_URL });
  try {
    return await work(db);
  } catch (error) {
    // Registering the cabinet's assets, like making roles, is the schema owner's to do.
    if ((error as { code?: unknown }).code === '42501' && !(error instanceof GatewayRoleError))
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}: run db-role with a DATABASE_URL whose role may create roles and owns the schema (the one that ran the migrations, or a superuser)`,
        { cause: error },
      );
    throw error;
  } finally {
    await db.close();
  }
}

async function create(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      'password-file': { type: 'string' },
      city: { type: 'string' },
      cabinet: { type: 'string' },
    },
  });
  const gatewayId = positionals[0];
  const passwordFile = values['password-file'];
  if (!gatewayId || positionals.length > 1 || !passwordFile) {
    process.stderr.write(
      `${DB_ROLE_USAGE}\n  the password is read from a file (or stdin with -), never from the command line\n`,
    );
    return 2;
  }
  const roleName = values.role ?? defaultGatewayRoleName(gatewayId);
  const password = readPassword(passwordFile);
  const city = loadCity(CITIES[values.city ?? 'amsterdam'] ?? resolve(invocationDir(), values.city ?? ''));
  const provision = cabinetOf(city, gatewayId, values.cabinet);
  await withDatabase(async (db) => {
    if (provision) {
      await upsertAssets(db, provision.assets);
      await upsertChannels(db, provision.channels);
    }
    const done = await createGatewayRole(db, { gatewayId, roleName, password });
    process.stdout.write(
      `${done} role ${roleName} for gateway ${gatewayId} in ${db.location}: it writes only its own channels${
        provision
          ? ` (${provision.channels.length} registered from ${city.name})`
          : `; no cabinet of ${city.name} is read by ${gatewayId}, so its channels are registered elsewhere (name it with --cabinet)`
      }\n`,
    );
  });
  return 0;
}

async function list(): Promise<number> {
  const roles = await withDatabase(listGatewayRoles);
  if (roles.length === 0) process.stdout.write('no gateway roles yet: gateway db-role create <gatewayId>\n');
  for (const role of roles)
    process.stdout.write(
      `${role.roleName}\t${role.gatewayId}\t${role.channels} channels\t${role.canLogin ? 'login' : 'NOLOGIN (revoked)'}\n`,
    );
  return 0;
}

export async function dbRole(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') return create(rest);
  if (sub === 'list') return list();
  process.stderr.write(`${DB_ROLE_USAGE}\n`);
  return 2;
}
