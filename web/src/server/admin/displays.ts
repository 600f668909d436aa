import {
  createUser,
  type Database,
  expireUserAccessCodes,
  findUserByName,
  insertAccessCode,
  type Queryable,
  recordAudit,
  type UserRecord,
} from '@city/db';
import { PAIRING_VALID_S } from '../../shared/admin-contract';
import { hashToken, newPairingCode } from '../auth/tokens';
import { type AdminActor, endSessions } from './accounts';
import { notFound, rethrowTaken } from './errors';

// PAIRING_VALID_S: the code is typed on the wall screen by the person setting it up; 15 minutes is plenty.

export interface PairingCode {
  /** 8 characters without look-alikes, entered at /pair on the wall screen. */
  code: string;
  expiresAt: Date;
}

/** A wall display: an account of its own kind (viewer only, no password), and its first pairing code. */
export async function createDisplay(
  db: Database,
  by: AdminActor,
  input: { name: string; displayName?: string | undefined },
): Promise<{ display: UserRecord; pairing: PairingCode }> {
  return db.transaction(async (tx) => {
    const display = await createUser(tx, {
      ...input,
      role: 'viewer',
      kind: 'display',
      passwordHash: null,
    }).catch((error: unknown) => rethrowTaken(error, `an account named "${input.name}"`));
    const pairing = await issueCode(tx, display);
    await recordAudit(tx, {
      by: by.actor,
      action: 'display.create',
      target: display.name,
      after: { name: display.name, displayName: display.displayName },
      details: { codeExpiresAt: pairing.expiresAt },
    });
    return { display, pairing };
  });
}

/** A new code for a display (a replaced screen, or one revoked before); an unused older code stops working. */
export async function newCode(db: Database, by: AdminActor, name: string): Promise<PairingCode> {
  return db.transaction(async (tx) => {
    const display = await findDisplay(tx, name);
    const pairing = await issueCode(tx, display);
    await recordAudit(tx, {
      by: by.actor,
      action: 'display.code',
      target: name,
      details: { codeExpiresAt: pairing.expiresAt },
    });
    return pairing;
  });
}

/**
 * Unpairs a display: its sessions end (the wall screen is disconnected by the session sweep within
 * seconds) and an unused code stops working. The account stays, so it can be paired again.
 */
export async function revokeDisplay(db: Database, by: AdminActor, name: string): Promise<number> {
  return db.transaction(async (tx) => {
    const display = await findDisplay(tx, name);
    await expireUserAccessCodes(tx, display.id, 'pairing');
    const sessionsEnded = await endSessions(tx, by, display, 'display revoked by an admin');
    await recordAudit(tx, {
      by: by.actor,
      action: 'display.revoke',
      target: name,
      details: { sessionsEnded },
    });
    return sessionsEnded;
  });
}

async function issueCode(tx: Queryable, display: UserRecord): Promise<PairingCode> {
  await expireUserAccessCodes(tx, display.id, 'pairing');
  const code = newPairingCode();
  const expiresAt = await insertAccessCode(tx, {
    codeHash: hashToken(code),
    purpose: 'pairing',
    userId: display.id,
    validForS: PAIRING_VALID_S,
  });
  return { code, expiresAt };
}

async function findDisplay(tx: Queryable, name: string): Promise<UserRecord> {
  const display = await findUserByName(tx, name);
  if (display?.kind !== 'display') throw notFound(`wall display named "${name}"`);
  return display;
}
