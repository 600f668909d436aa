import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at 64 MiB, 3 passes, 1 lane: about 55 ms a hash on this project's reference machine (two
 * cores), inside the 50–100 ms the issue asks for and above OWASP's floor (19 MiB, 2 passes). The
 * parameters travel in each PHC string, so raising them later still verifies older hashes.
 */
export const ARGON2_PARAMS = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  // algorithm 2 is Argon2id in @node-rs/argon2 (a const enum, which isolated modules cannot import).
  return hash(password, { ...ARGON2_PARAMS, algorithm: 2 });
}

/** A hash of nothing anyone knows: checked against when the name is unknown, so both take as long. */
let decoy: Promise<string> | undefined;

/**
 * Whether the password matches the hash. With no hash (an unknown name, a single-sign-on account) it
 * still spends one hash's time and answers false, so timing tells nobody which names exist.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword(`decoy-${Math.random()}`);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
