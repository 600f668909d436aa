import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../testing';
import { insertAccessCode, redeemAccessCode } from './access-codes';
import { expireUserAccessCodes, listAccounts, lockEnabledAdmins } from './accounts';
import { recordAudit } from './audit';
import { readAuditRetentionDays, setAuditRetentionDays } from './audit-settings';
import { insertSession } from './sessions';
import { createUser, setUserDisabled } from './users';
import { deleteWebhook, enabledWebhookTargets, insertWebhook, listWebhooks, updateWebhook } from './webhooks';

const system = {
  name: 'system:test',
  userId: null,
  role: null,
  sessionRef: null,
  address: null,
  userAgent: null,
};

describe.each(backends)('what the admin screens read and change, on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
  });
  afterAll(() => target?.drop());

  it('lists accounts with their open sessions, last sign-in and a waiting code', async () => {
    const anna = await createUser(target.db, { name: 'anna', role: 'admin', passwordHash: null });
    const wall = await createUser(target.db, {
      name: 'wall',
      role: 'viewer',
      kind: 'display',
      passwordHash: null,
    });
    await insertSession(target.db, {
      idHash: Buffer.alloc(32, 1),
      userId: anna.id,
      idleTimeoutS: 600,
      absoluteTimeoutS: 3600,
      address: null,
      userAgent: null,
    });
    await recordAudit(target.db, {
      by: { ...system, name: 'anna' },
      action: 'session.login',
      target: 'anna',
    });
    await insertAccessCode(target.db, {
      codeHash: Buffer.alloc(32, 2),
      purpose: 'pairing',
      userId: wall.id,
      validForS: 60,
    });
    const [a, w] = await listAccounts(target.db);
    expect(a).toMatchObject({ name: 'anna', kind: 'user', openSessions: 1, pendingCodeExpiresAt: null });
    expect(a?.lastSignInAt).toBeInstanceOf(Date);
    expect(w).toMatchObject({ name: 'wall', kind: 'display', openSessions: 0, lastSignInAt: null });
    expect(w?.pendingCodeExpiresAt).toBeInstanceOf(Date);
    expect((await listAccounts(target.db, 'display')).map((x) => x.name)).toEqual(['wall']);

    await expireUserAccessCodes(target.db, wall.id, 'pairing');
    expect(await redeemAccessCode(target.db, Buffer.alloc(32, 2), 'pairing')).toBeUndefined();
  });

  it('counts only enabled people as admins', async () => {
    await createUser(target.db, { name: 'bert', role: 'admin', passwordHash: null });
    await setUserDisabled(target.db, 'bert', true);
    expect(await target.db.transaction((tx) => lockEnabledAdmins(tx))).toEqual(['anna']);
  });

  it('keeps webhooks, their secrets only for delivery', async () => {
    const hook = await insertWebhook(target.db, {
      name: 'sms',
      url: 'https://sms.example/hook',
      maxPriority: 1,
      enabled: true,
      secret: 'a-secret-of-enough-length',
    });
    expect(hook).not.toHaveProperty('secret');
    expect(await listWebhooks(target.db)).toEqual([expect.objectContaining({ name: 'sms', signed: true })]);
    expect((await enabledWebhookTargets(target.db))[0]?.secret).toBe('a-secret-of-enough-length');
    const changed = await updateWebhook(target.db, hook.id, { enabled: false, secret: null });
    expect(changed?.after).toMatchObject({ enabled: false, signed: false });
    expect(await enabledWebhookTargets(target.db)).toEqual([]);
    await expect(
      insertWebhook(target.db, {
        name: 'js',
        url: 'javascript:alert(1)',
        maxPriority: 1,
        enabled: true,
        secret: null,
      }),
    ).rejects.toThrow(/check/);
    expect((await deleteWebhook(target.db, hook.id))?.name).toBe('sms');
  });

  it('sets the audit retention, never below the table’s floor of 30 days', async () => {
    expect(await setAuditRetentionDays(target.db, 400)).toBe(730);
    expect(await readAuditRetentionDays(target.db)).toBe(400);
    await expect(setAuditRetentionDays(target.db, 10)).rejects.toThrow(/check/);
  });
});
