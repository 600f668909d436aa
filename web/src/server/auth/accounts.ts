import {
  anyUserExists,
  createUser,
  type Database,
  expireAccessCodes,
  insertAccessCode,
  recordAudit,
  type UserRecord,
} from '@city/db';
import { PasswordSchema, type Role, RoleSchema, UserNameSchema } from '@city/db/domain';
import { z } from 'zod';
import { hashPassword } from './passwords';
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

/** Creates a local account with an argon2id hash of its password; audited as `by` in the same transaction. */
export async function createAccount(
  db: Database,
  input: NewAccount,
  by: Parameters<typeof recordAudit>[1]['by'],
): Promise<UserRecord> {
  const account = NewAccountSchema.parse(input);
  const passwordHash = await hashPassword(account.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await createUser(tx, { ...account, passwordHash });
      await recordAudit(tx, {
        by,
        action: 'user.create',
        target: user.name,
        after: { name: user.name, role: user.role, displayName: user.displayName },
      });
      return user;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AccountExistsError(`a user named "${account.name}" exists already`);
    throw error;
  }
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

export const SYSTEM_ACTOR = (name: string) => ({
  name: `system:${name}`,
  userId: null,
  role: null,
  sessionRef: null,
  address: null,
  userAgent: null,
});

export type { Role };
