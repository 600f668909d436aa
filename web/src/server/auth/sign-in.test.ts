import { createUser, insertAccessCode, listAudit } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../shared/auth-contract';
import { type RunningWebServer, startWebServer } from '../web-server';
import { type Answer, postJson as post, type SignedIn, signInAs } from './testing';
import { hashToken } from './tokens';

/** The ways in that are not a plain sign-in with a known password: first start, wall displays, guessing. */
describe('setup link, display pairing and password guessing, against PostgreSQL', () => {
  let target: TestDatabase;
  let server: RunningWebServer;
  const users = new Map<'viewer' | 'engineer', SignedIn>();

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    server = await startWebServer({
      db: target.db,
      port: 0,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
    });
    users.set('viewer', await signInAs(target.db, server.url, 'viewer'));
    users.set('engineer', await signInAs(target.db, server.url, 'engineer'));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await target?.drop();
  });

  it('creates the first admin from a setup link once; a create that fails leaves the link usable', async () => {
    const token = 'setup-token-for-the-access-test-0123456789';
    await insertAccessCode(target.db, {
      codeHash: hashToken(token),
      purpose: 'setup',
      userId: null,
      validForS: 3600,
    });
    const setup = (name: string) =>
      post(
        `${server.url}${AUTH_ROUTES.setup}`,
        { token, name, password: 'a long first password' },
        { origin: server.url },
      );
    const taken = await setup(users.get('viewer')?.name ?? '');
    expect(taken.status).toBe(400);
    const made = await setup('first-admin');
    expect(made.status).toBe(200);
    expect(JSON.parse(made.body)).toMatchObject({ user: { name: 'first-admin', role: 'admin' } });
    expect((await setup('second-admin')).status).toBe(403);
    const rows = await listAudit(target.db, { actor: 'first-admin' });
    expect(rows.map((row) => row.action)).toEqual(['session.login', 'user.create']);
  });

  it('pairs a wall display once from its code, as a viewer-only display session', async () => {
    const display = await createUser(target.db, {
      name: 'wall-noord',
      role: 'viewer',
      kind: 'display',
      passwordHash: null,
    });
    await insertAccessCode(target.db, {
      codeHash: hashToken('K7QX2MPA'),
      purpose: 'pairing',
      userId: display.id,
      validForS: 600,
    });
    const pair = () => post(`${server.url}${AUTH_ROUTES.pair}`, { code: 'k7qx2mpa' }, { origin: server.url });
    const paired = await pair();
    expect(paired.status).toBe(200);
    expect(JSON.parse(paired.body)).toMatchObject({
      user: { name: 'wall-noord', kind: 'display' },
      permissions: ['view'],
    });
    expect((await pair()).status).toBe(403);
    expect((await listAudit(target.db, { actor: 'wall-noord' })).map((row) => row.action)).toEqual([
      'display.pair',
    ]);
  });

  it('throttles 50 wrong passwords in 10 s while the real user still signs in from elsewhere', async () => {
    const target = users.get('engineer');
    if (!target) throw new Error('no engineer');
    const login = (password: string, localAddress: string) =>
      post(
        `${server.url}${AUTH_ROUTES.login}`,
        { name: target.name, password },
        { origin: server.url },
        localAddress,
      );
    const answers: Answer[] = [];
    for (let i = 0; i < 50; i++)
      login(`guess-${i}-wrong`, '127.0.0.2').then(
        (answer) => answers.push(answer),
        () => undefined, // still queued when the server closes
      );
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    // Fifty guesses are not all checked within 10 s: each one waits longer than the one before.
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.length).toBeLessThan(15);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401]));
    // One message for every failure: nothing tells a wrong name from a wrong password.
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const started = Date.now();
    const real = await login(target.password, '127.0.0.1');
    expect(real.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 30_000);
});
