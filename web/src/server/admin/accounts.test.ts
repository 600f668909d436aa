import { findUserByName, listAudit } from '@city/db';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../shared/auth-contract';
import { SOCKET_IO_PATH } from '../../shared/contract';
import { SYSTEM_ACTOR } from '../auth/accounts';
import type { Principal } from '../auth/principal';
import { logIn, postJson, type SignedIn, signInAs } from '../auth/testing';
import { changeRole } from './accounts';
import { apiAs, refusal, startTestControlRoom, type TestControlRoom } from './testing';

const PASSWORD = 'anna chooses her own password';

describe('an admin manages accounts and wall displays, against PostgreSQL', () => {
  let room: TestControlRoom;
  let admin: SignedIn;
  let api: ReturnType<typeof apiAs>;
  const url = () => room.server.url;
  const post = (path: string, body: unknown) => postJson(`${url()}${path}`, body, { origin: url() });
  const sessionStatus = async (cookie: string) =>
    (await fetch(`${url()}${AUTH_ROUTES.session}`, { headers: { cookie } })).status;

  beforeAll(async () => {
    room = await startTestControlRoom();
    admin = await signInAs(room.target.db, url(), 'admin', 'head.admin');
    api = apiAs(url(), admin.cookie);
  }, 60_000);
  afterAll(() => room?.close());

  it('creates an operator whose invitation works once, for the right name only, and who then signs in', async () => {
    const created = await api.admin.users.create.mutate({
      name: 'anna.devries',
      displayName: 'Anna de Vries',
      role: 'operator',
    });
    expect(created.user).toEqual({
      name: 'anna.devries',
      displayName: 'Anna de Vries',
      role: 'operator',
      kind: 'user',
      disabled: false,
    });
    const link = new URL(created.setupPath, url());
    expect(link.pathname).toBe('/setup');
    expect(link.searchParams.get('name')).toBe('anna.devries');
    const token = link.searchParams.get('token');
    const setup = (name: string) => post(AUTH_ROUTES.setup, { token, name, password: PASSWORD });

    // A wrong name neither signs in nor uses the link up; the first admin's route never makes an admin of it.
    expect((await setup('somebody.else')).status).toBe(403);
    const accepted = await setup('anna.devries');
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.body)).toMatchObject({ user: { name: 'anna.devries', role: 'operator' } });
    expect((await setup('anna.devries')).status).toBe(403);
    await logIn(url(), 'anna.devries', PASSWORD);

    const anna = (await api.admin.users.list.query()).find((account) => account.name === 'anna.devries');
    expect(anna).toMatchObject({ role: 'operator', kind: 'user', disabled: false, openSessions: 2 });
    expect(anna?.lastSignInAt).not.toBeNull();
    const [create] = await listAudit(room.target.db, { action: 'user.create', actor: 'head.admin' });
    expect(create).toMatchObject({ target: 'anna.devries', role: 'admin', address: '127.0.0.1' });
    expect(create?.sessionRef).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes a role, and refuses to demote or disable the last admin or oneself', async () => {
    await api.admin.users.create.mutate({ name: 'piet', role: 'crew' });
    expect(await api.admin.users.setRole.mutate({ name: 'piet', role: 'engineer' })).toMatchObject({
      role: 'engineer',
    });
    const self = await refusal(api.admin.users.setRole.mutate({ name: 'head.admin', role: 'engineer' }));
    expect(self).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('your own account') });
    const disableSelf = await refusal(
      api.admin.users.setDisabled.mutate({ name: 'head.admin', disabled: true }),
    );
    expect(disableSelf.message).toContain('your own account');

    // Someone other than the last admin (a script, or an admin whose own role was just taken) is refused too.
    const user = await findUserByName(room.target.db, 'head.admin');
    const other = { userId: -1 } as Principal;
    const by = { principal: other, actor: SYSTEM_ACTOR('test'), sessions: undefined };
    await expect(changeRole(room.target.db, by, 'head.admin', 'viewer')).rejects.toThrow(
      '"head.admin" is the last enabled admin: make another admin first',
    );
    expect((await findUserByName(room.target.db, 'head.admin'))?.role).toBe(user?.role);
    const audited = await listAudit(room.target.db, { action: 'user.role' });
    expect(audited.map((row) => [row.target, row.before, row.after])).toEqual([
      ['piet', { role: 'crew' }, { role: 'engineer' }],
    ]);
  });

  it('signs a user out everywhere: every session ends and an open live view is closed', async () => {
    const phone = await logIn(url(), 'anna.devries', PASSWORD);
    const desk = await logIn(url(), 'anna.devries', PASSWORD);
    const socket = io(url(), {
      path: SOCKET_IO_PATH,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: desk },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ended = new Promise<string>((resolve) => socket.once('session-ended', resolve));
    const { sessionsEnded } = await api.admin.users.signOutEverywhere.mutate({ name: 'anna.devries' });
    expect(sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await ended).toBe('revoked');
    socket.close();
    expect(await sessionStatus(phone)).toBe(401);
    expect(await sessionStatus(admin.cookie)).toBe(200);
  }, 20_000);

  it('disables an account (its sessions end, sign-in refused) and enables it again', async () => {
    const cookie = await logIn(url(), 'anna.devries', PASSWORD);
    const disabled = await api.admin.users.setDisabled.mutate({ name: 'anna.devries', disabled: true });
    expect(disabled).toMatchObject({ user: { disabled: true }, sessionsEnded: 1 });
    expect(await sessionStatus(cookie)).toBe(401);
    await expect(logIn(url(), 'anna.devries', PASSWORD)).rejects.toThrow('401');
    await api.admin.users.setDisabled.mutate({ name: 'anna.devries', disabled: false });
    await logIn(url(), 'anna.devries', PASSWORD);
  });

  it('creates a wall display, pairs it with its code once, then revokes it and its session is gone', async () => {
    const created = await api.admin.displays.create.mutate({
      name: 'wall-centrum',
      displayName: 'Centrum wall',
    });
    expect(created.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const before = await api.admin.displays.list.query();
    expect(before).toEqual([
      expect.objectContaining({ name: 'wall-centrum', paired: false, pairedAt: null }),
    ]);

    const paired = await fetch(`${url()}${AUTH_ROUTES.pair}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url() },
      body: JSON.stringify({ code: created.code.toLowerCase() }),
    });
    expect(paired.status).toBe(200);
    expect(await paired.json()).toMatchObject({ user: { kind: 'display' }, permissions: ['view'] });
    expect((await post(AUTH_ROUTES.pair, { code: created.code })).status).toBe(403);
    const cookie = (paired.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await sessionStatus(cookie)).toBe(200);
    const [listed] = await api.admin.displays.list.query();
    expect(listed).toMatchObject({ paired: true, codeExpiresAt: null });
    expect(listed?.pairedAt).not.toBeNull();

    expect(await api.admin.displays.revoke.mutate({ name: 'wall-centrum' })).toEqual({ sessionsEnded: 1 });
    expect(await sessionStatus(cookie)).toBe(401);
    expect((await api.admin.displays.list.query())[0]).toMatchObject({ paired: false });
    const again = await api.admin.displays.newCode.mutate({ name: 'wall-centrum' });
    expect((await post(AUTH_ROUTES.pair, { code: again.code })).status).toBe(200);
    const notADisplay = await refusal(api.admin.displays.revoke.mutate({ name: 'anna.devries' }));
    expect(notADisplay).toEqual({ code: 'NOT_FOUND', message: 'no wall display named "anna.devries"' });
  });

  it('refuses a name that is taken, and every admin call from an operator', async () => {
    const taken = await refusal(api.admin.users.create.mutate({ name: 'anna.devries', role: 'viewer' }));
    expect(taken).toEqual({ code: 'CONFLICT', message: 'a user named "anna.devries" exists already' });
    const operator = apiAs(url(), await logIn(url(), 'anna.devries', PASSWORD));
    expect((await refusal(operator.admin.users.list.query())).code).toBe('FORBIDDEN');
    expect((await refusal(operator.admin.displays.create.mutate({ name: 'wall-x' }))).code).toBe('FORBIDDEN');
  });
});

describe('two admins demoting each other at the same moment, against PostgreSQL', () => {
  let room: TestControlRoom;
  beforeAll(async () => {
    room = await startTestControlRoom();
  }, 60_000);
  afterAll(() => room?.close());

  it('lets one win and refuses the other, so an admin is always left', async () => {
    const [a, b] = await Promise.all(
      ['admin.a', 'admin.b'].map((name) => signInAs(room.target.db, room.server.url, 'admin', name)),
    );
    if (!a || !b) throw new Error('no admins');
    const answers = await Promise.allSettled([
      apiAs(room.server.url, a.cookie).admin.users.setRole.mutate({ name: 'admin.b', role: 'engineer' }),
      apiAs(room.server.url, b.cookie).admin.users.setRole.mutate({ name: 'admin.a', role: 'engineer' }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    const roles = await Promise.all(
      ['admin.a', 'admin.b'].map(async (name) => (await findUserByName(room.target.db, name))?.role),
    );
    expect(roles.sort()).toEqual(['admin', 'engineer']);
  });
});
