import {
  type AuditActor,
  anyUserExists,
  createUser,
  type Database,
  expireAccessCodes,
  insertAccessCode,
  type Queryable,
  recordAudit,
  type UserRecord,
} from '@city/db';
import { PasswordSchema, RoleSchema, UserNameSchema } from '@city/domain';
import { z } from 'zod';
import { hashPassword } from './passwords';
import { actorWithoutSession } from './principal';
import { hashToken, newToken } from './tokens';

export const NewAccountSchema = z.strictObject({
  name: UserNameSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
  role: RoleSchema,
  password: PasswordSchema,
});
export type NewAccount = z.input<typeof NewAccountSchema>;

/** A user name taken already. */
export class AccountExistsError extends Error {
  override readonly name = 'AccountExistsError';
}

/** An account checked and its password hashed, ready to insert. */
export interface PreparedAccount {
  account: z.output<typeof NewAccountSchema>;
  passwordHash: string;
}

/**
 * Checks an account and hashes its password (argon2id), before any transaction: a hash takes about
 * 55 ms, and the embedded database's one connection must not wait on it.
 */
export async function prepareAccount(input: NewAccount): Promise<PreparedAccount> {
  const account = NewAccountSchema.parse(input);
  return { account, passwordHash: await hashPassword(account.password) };
}

/** Adds a prepared account and its audit row, as `by`, in the caller's transaction. */
export async function insertAccount(
  tx: Queryable,
  { account, passwordHash }: PreparedAccount,
  by: AuditActor,
): Promise<UserRecord> {
  try {
    const user = await createUser(tx, { ...account, passwordHash });
    await recordAudit(tx, {
      by,
      action: 'user.create',
      target: user.name,
      after: { name: user.name, role: user.role, displayName: user.displayName },
    });
    return user;
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AccountExistsError(`a user named "${account.name}" exists already`);
    throw error;
  }
}

/** Creates a local account with an argon2id hash of its password; audited as `by` in the same transaction. */
export async function createAccount(db: Database, input: NewAccount, by: AuditActor): Promise<UserRecord> {
  const prepared = await prepareAccount(input);
  return db.transaction((tx) => insertAccount(tx, prepared, by));
}

export const SETUP_LINK_VALID_S = 3600;

/**
 * On first start (no person has an account): a one-time link, valid for an hour, where the first
 * admin chooses a name and password. There are no default passwords. Returns undefined once anyone
 * has an account; each call replaces an earlier, unused link.
 */
export async function issueSetupLink(db: Database, baseUrl: string): Promise<string | undefined> {
  if (await anyUserExists(db)) return undefined;
  const token = newToken();
  await expireAccessCodes(db, 'setup');
  await insertAccessCode(db, {
    codeHash: hashToken(token),
    purpose: 'setup',
    userId: null,
    validForS: SETUP_LINK_VALID_S,
  });
  return `${baseUrl}/setup?token=${token}`;
}

/** A tool or job that changes something with no session behind it (the users CLI, a test). */
export const SYSTEM_ACTOR = (name: string): AuditActor => actorWithoutSession(`system:${name}`);
