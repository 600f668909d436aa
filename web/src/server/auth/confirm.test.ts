import { createUser, listAudit, markAuthenticated, upsertChannels } from '@city/db';
import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../shared/auth-contract';
import { type RunningWebServer, startWebServer } from '../web-server';
import { DEFAULT_SESSION_POLICY } from './access-options';
import { SESSION_COOKIE } from './auth-routes';
import { SessionService } from './sessions';
import { type Answer, postJson as post, type SignedIn, signInAs } from './testing';
import { hashToken } from './tokens';

const CHANNEL = 'confirm-pump/dim-level';

/**
 * An engineer comes back to the console after a coffee and gives a setpoint: the sign-in is stale,
 * so the console asks for the password again (AUTH_ROUTES.confirm) and the setpoint goes through.
 */
describe('confirming the password for a setpoint, against PostgreSQL', () => {
  let target: TestDatabase;
  let server: RunningWebServer;
  let engineer: SignedIn;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    const [dim] = await seedChannels(target.db, 'confirm-pump', ['dim-level']);
    if (!dim) throw new Error('no channel seeded');
    const range: [number, number] = [0, 100];
    await upsertChannels(target.db, [{ ...dim, writable: true, displayRange: range, writeRange: range }]);
    server = await startWebServer({
      db: target.db,
      port: 0,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
    });
    engineer = await signInAs(target.db, server.url, 'engineer');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await target?.drop();
  });

  const setpoint = (cookie: string, value: number) =>
    post(
      `${server.url}/api/trpc/assets.setpoint`,
      { channelId: CHANNEL, value },
      { origin: server.url, cookie },
    );
  const confirm = (cookie: string, password: string, localAddress?: string) =>
    post(`${server.url}${AUTH_ROUTES.confirm}`, { password }, { origin: server.url, cookie }, localAddress);
  const tokenOf = (cookie: string) => cookie.slice(`${SESSION_COOKIE}=`.length);

  /**
   * The session's sign-in moved back in the database. SessionService takes a clock, but the setpoint's
   * freshness is judged against the real time and startWebServer builds its own service, so moving the
   * recorded sign-in is the honest way; the server believes a checked session for 2 s, hence the wait.
   */
  async function signedInMinutesAgo(cookie: string, minutes: number) {
    await markAuthenticated(target.db, hashToken(tokenOf(cookie)), new Date(Date.now() - minutes * 60_000));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
  }

  const errorData = (answer: Answer) =>
    (JSON.parse(answer.body) as { error: { data: { reauth: unknown } } }).error.data;

  /** A session the server did not start (a single sign-on account, a paired display), for the refusals. */
  async function sessionOf(user: Parameters<SessionService['start']>[0]) {
    const service = new SessionService(target.db, DEFAULT_SESSION_POLICY);
    const { token } = await service.start(user, { address: '127.0.0.1', userAgent: 'test' });
    await service.close();
    return `${SESSION_COOKIE}=${token}`;
  }

  it("refuses an engineer's setpoint 6 minutes after sign-in until the password is confirmed; a wrong one changes nothing", async () => {
    await signedInMinutesAgo(engineer.cookie, 6);
    const stale = await setpoint(engineer.cookie, 40);
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('fresh-auth');
    // The setpoint dialog learns to ask for the password, not to send the engineer to a provider.
    expect(errorData(stale)).toMatchObject({ code: 'UNAUTHORIZED', reauth: 'password' });

    const wrong = await confirm(engineer.cookie, 'not-my-password');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toEqual({ error: 'confirm-failed', message: 'the password is wrong' });
    expect((await setpoint(engineer.cookie, 40)).status).toBe(401);

    const right = await confirm(engineer.cookie, engineer.password);
    expect(right.status).toBe(204);
    const accepted = await setpoint(engineer.cookie, 40);
    expect(accepted.status).toBe(200);

    const rows = await listAudit(target.db, { actor: engineer.name });
    const steps = rows.map((row) => row.action);
    expect(steps).toEqual(
      expect.arrayContaining(['session.reauth-refused', 'session.reauth', 'setpoint.request']),
    );
    expect(rows.find((row) => row.action === 'session.reauth')).toMatchObject({
      target: engineer.name,
      role: 'engineer',
      details: { via: 'password' },
    });
    expect(rows.find((row) => row.action === 'setpoint.request')).toMatchObject({ target: CHANNEL });
  }, 30_000);

  it('refuses a confirmation without a session, or from another site', async () => {
    const none = await post(`${server.url}${AUTH_ROUTES.confirm}`, { password: 'x' }, { origin: server.url });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ error: 'signed-out' });
    const foreign = await post(
      `${server.url}${AUTH_ROUTES.confirm}`,
      { password: engineer.password },
      { origin: 'https://evil.example', cookie: engineer.cookie },
    );
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: 'forbidden-origin' });
  });

  it('sends a single sign-on account to its provider, and tells a wall display it cannot confirm', async () => {
    const sso = await createUser(target.db, {
      name: 'sso-engineer',
      role: 'engineer',
      passwordHash: null,
      oidc: { issuer: 'https://login.city.example', subject: 'sso-engineer' },
    });
    const ssoCookie = await sessionOf(sso);
    const refused = await confirm(ssoCookie, 'anything');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'confirm-unavailable', reauth: 'oidc' });
    await signedInMinutesAgo(ssoCookie, 6);
    expect(errorData(await setpoint(ssoCookie, 50))).toMatchObject({ reauth: 'oidc' });

    const wall = await createUser(target.db, {
      name: 'wall-confirm',
      role: 'viewer',
      kind: 'display',
      passwordHash: null,
    });
    const display = await confirm(await sessionOf(wall), 'anything');
    expect(display.status).toBe(403);
    expect(JSON.parse(display.body)).toEqual({
      error: 'confirm-unavailable',
      message: expect.stringContaining('no password'),
    });
  }, 30_000);

  it('throttles 10 wrong confirmations from a stolen cookie like wrong sign-ins, while the owner still confirms', async () => {
    const victim = await signInAs(target.db, server.url, 'engineer');
    const answers: Answer[] = [];
    for (let i = 0; i < 10; i++)
      confirm(victim.cookie, `guess-${i}-wrong`, '127.0.0.3').then(
        (answer) => answers.push(answer),
        () => undefined, // still queued when the server closes
      );
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    // The first three are free, then each waits twice as long as the one before: 10 do not fit in 4 s.
    expect(answers.length).toBeGreaterThanOrEqual(3);
    expect(answers.length).toBeLessThan(10);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([401]));
    // The login throttle counted them: a sign-in from that address now queues behind them.
    const login = post(
      `${server.url}${AUTH_ROUTES.login}`,
      { name: victim.name, password: victim.password },
      { origin: server.url },
      '127.0.0.3',
    );
    const queued = await Promise.race([
      login.then(
        () => 'answered',
        () => 'closed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('queued'), 1_500)),
    ]);
    expect(queued).toBe('queued');
    // Its owner, at their own desk, is delayed by the account's short cap at most.
    const started = Date.now();
    expect((await confirm(victim.cookie, victim.password, '127.0.0.1')).status).toBe(204);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 30_000);
});
