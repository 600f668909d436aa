import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../testing';
import { insertAccessCode, redeemAccessCode } from './access-codes';
import { listAudit, recordAudit } from './audit';
import { findSession, insertSession, revokeUserSessions } from './sessions';
import { createUser, setUserDisabled } from './users';

const anna = {
  name: 'anna.devries',
  userId: 1,
  role: 'operator',
  sessionRef: 'ab12',
  address: '10.0.0.7',
  userAgent: 'test',
};

describe.each(backends)('accounts, sessions and the audit trail on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
  });
  afterAll(() => target?.drop());

  it('keeps audit rows as written: no update, no delete within the retention, no truncate', async () => {
    await recordAudit(target.db, {
      by: anna,
      action: 'alarm.acknowledge',
      target: 'a@b',
      details: { note: 'seen' },
    });
    const [row] = await listAudit(target.db, { actor: 'anna.devries' });
    expect(row).toMatchObject({
      actor: 'anna.devries',
      role: 'operator',
      address: '10.0.0.7',
      action: 'alarm.acknowledge',
    });
    await expect(target.db.query("UPDATE audit_log SET actor = 'mayor'")).rejects.toThrow(/append-only/);
    await expect(target.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(target.db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await listAudit(target.db))[0]?.actor).toBe('anna.devries');
  });

  // The embedded database serves one in-process connection as its superuser: it has no roles to test.
  it.skipIf(backend === 'embedded')(
    'refuses the web role itself an update or delete of audit rows',
    async () => {
      await target.db.transaction(async (tx) => {
        await tx.query('SET LOCAL ROLE city_web');
        await recordAudit(tx, { by: anna, action: 'rule.save', target: 'r1' });
      });
      await expect(
        target.db.transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE city_web');
          await tx.query("UPDATE audit_log SET actor = 'mayor'");
        }),
      ).rejects.toThrow(/permission denied/);
      await expect(
        target.db.transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE city_web');
          await tx.query('DELETE FROM audit_log');
        }),
      ).rejects.toThrow(/permission denied/);
    },
  );

  it('finds a session by its hash, with its user, until a revocation ends it', async () => {
    const user = await createUser(target.db, { name: 'piet', role: 'crew', passwordHash: null });
    const idHash = randomBytes(32);
    const session = await insertSession(target.db, {
      idHash,
      userId: user.id,
      idleTimeoutS: 900,
      absoluteTimeoutS: 43_200,
      address: '127.0.0.1',
      userAgent: null,
    });
    expect(session).toMatchObject({ userName: 'piet', role: 'crew', revokedAt: null, userDisabled: false });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeCloseTo(43_200_000, -4);
    expect(await revokeUserSessions(target.db, user.id, 'signed out everywhere')).toBe(1);
    expect((await findSession(target.db, idHash))?.revokedAt).toBeInstanceOf(Date);
    await setUserDisabled(target.db, 'piet', true);
    expect((await findSession(target.db, idHash))?.userDisabled).toBe(true);
  });

  it('lets a one-time code be used once, and not after it expired', async () => {
    const fresh = randomBytes(32);
    const stale = randomBytes(32);
    await insertAccessCode(target.db, { codeHash: fresh, purpose: 'setup', userId: null, validForS: 3600 });
    await insertAccessCode(target.db, { codeHash: stale, purpose: 'setup', userId: null, validForS: 0.001 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await redeemAccessCode(target.db, fresh, 'pairing')).toBeUndefined();
    expect(await redeemAccessCode(target.db, fresh, 'setup')).toEqual({ userId: null });
    expect(await redeemAccessCode(target.db, fresh, 'setup')).toBeUndefined();
    expect(await redeemAccessCode(target.db, stale, 'setup')).toBeUndefined();
  });
});
