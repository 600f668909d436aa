import { insertReadings, listAudit, upsertAlarmRules, upsertChannels } from '@city/db';
import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, may, type Permission, ROLES, type Role, StatusCode } from '@city/domain';
import pino from 'pino';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../shared/auth-contract';
import { SOCKET_IO_PATH } from '../../shared/contract';
import { appRouter } from '../trpc/router';
import { type RunningWebServer, startWebServer } from '../web-server';
import { postJson as post, type SignedIn, signInAs } from './testing';

const logger = pino({ level: 'silent' });
const ALARM = 'no2-high@aq-acl/no2';

/** Every mutation, with an input it accepts and the permission it needs: the table drives the test. */
const MUTATIONS: { path: string; input: unknown; needs: Permission }[] = [
  { path: 'alarms.acknowledge', input: { alarmId: ALARM, note: 'seen' }, needs: 'alarm.respond' },
  {
    path: 'alarms.shelve',
    input: { alarmId: ALARM, note: 'storm', kind: 'one-shot' },
    needs: 'alarm.respond',
  },
  { path: 'alarms.unshelve', input: { alarmId: ALARM }, needs: 'alarm.respond' },
  { path: 'alarms.removeFromService', input: { alarmId: ALARM, reason: 'repair' }, needs: 'asset.service' },
  { path: 'alarms.returnToService', input: { alarmId: ALARM }, needs: 'asset.service' },
  { path: 'alarms.rules.save', input: { rule: ruleInput('acl-low') }, needs: 'rules.edit' },
  { path: 'alarms.rules.delete', input: { id: 'acl-low' }, needs: 'rules.edit' },
  { path: 'assets.setpoint', input: { channelId: 'aq-acl/dim-level', value: 40 }, needs: 'setpoint.write' },
  ...adminMutations(),
];

/** The admin API's mutations, in an order where each finds what the one before made. */
function adminMutations(): { path: string; input: unknown; needs: Permission }[] {
  const user = { name: 'matrix.user' };
  const wall = { name: 'matrix-wall' };
  const hook = { id: 1 };
  return [
    ['admin.users.create', { ...user, role: 'viewer' }],
    ['admin.users.invite', user],
    ['admin.users.setRole', { ...user, role: 'operator' }],
    ['admin.users.setDisabled', { ...user, disabled: true }],
    ['admin.users.signOutEverywhere', user],
    ['admin.displays.create', wall],
    ['admin.displays.newCode', wall],
    ['admin.displays.revoke', wall],
    ['admin.retention.set', { auditDays: 730 }],
    ['admin.webhooks.create', { name: 'matrix-hook', url: 'http://127.0.0.1:9/none', enabled: false }],
    ['admin.webhooks.update', { ...hook, maxPriority: 1 }],
    ['admin.webhooks.test', hook],
    ['admin.webhooks.delete', hook],
  ].map(([path, input]) => ({ path: String(path), input, needs: 'users.manage' as const }));
}

function ruleInput(id: string) {
  return {
    id,
    name: 'low',
    kind: 'low',
    target: { channelId: 'aq-acl/no2' },
    limit: -1,
    priority: 4,
    message: 'm',
  };
}

describe('who may do what, over HTTP and Socket.IO, against PostgreSQL', () => {
  let target: TestDatabase;
  let server: RunningWebServer;
  const users = new Map<Role, SignedIn>();
  const trpc = (path: string, body: unknown, cookie?: string, extra: Record<string, string> = {}) =>
    post(`${server.url}/api/trpc/${path}`, body, {
      origin: server.url,
      ...(cookie ? { cookie } : {}),
      ...extra,
    });
  const auditCount = async () => (await listAudit(target.db, { limit: 10_000 })).length;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    const [level, dim] = await seedChannels(target.db, 'aq-acl', ['no2', 'dim-level']);
    if (!level || !dim) throw new Error('no channels seeded');
    await upsertChannels(target.db, [
      { ...dim, writable: true, displayRange: [0, 100], writeRange: [0, 100] },
    ]);
    await upsertAlarmRules(target.db, [
      AlarmRuleSchema.parse({ ...ruleInput('no2-high'), kind: 'high', limit: 200, priority: 2 }),
    ]);
    server = await startWebServer({ db: target.db, port: 0, host: '127.0.0.1', pages: false, logger });
    for (const role of ROLES) users.set(role, await signInAs(target.db, server.url, role));
    const now = new Date();
    await insertReadings(target.db, [
      { channelId: level.id, value: 250, statusCode: StatusCode.Good, sourceTime: now },
    ]);
    for (let i = 0; i < 100; i++) {
      const list = await trpc('alarms.list', undefined, users.get('viewer')?.cookie);
      if (list.body.includes(ALARM)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await target?.drop();
  });

  it('names a permission on every procedure, so none ships unguarded', () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { meta?: { permission?: string } } }
    >;
    const unguarded = Object.entries(procedures).filter(([, p]) => !p._def.meta?.permission);
    expect(Object.keys(procedures).length).toBeGreaterThan(15);
    expect(unguarded.map(([path]) => path)).toEqual([]);
  });

  it('has a sample input for every mutation, so the matrix below tries them all', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const mutations = Object.keys(procedures).filter((path) => procedures[path]?._def.type === 'mutation');
    expect(mutations.filter((path) => !MUTATIONS.some((m) => m.path === path))).toEqual([]);
  });

  it('answers every mutation as the permission table says: 401 signed out, 403 without the permission', async () => {
    for (const { path, input, needs } of MUTATIONS) {
      const before = await auditCount();
      expect((await trpc(path, input)).status, `${path} signed out`).toBe(401);
      for (const role of ROLES) {
        const answer = await trpc(path, input, users.get(role)?.cookie);
        if (may(role, needs))
          expect([401, 403], `${path} as ${role}: ${answer.body}`).not.toContain(answer.status);
        else expect(answer.status, `${path} as ${role}`).toBe(403);
      }
      const allowedRoles = ROLES.filter((role) => may(role, needs)).length;
      // Refused calls wrote nothing; each allowed one wrote at most its own row.
      expect(await auditCount()).toBeLessThanOrEqual(before + allowedRoles);
    }
  });

  it('lets a viewer read but answers 401 to a query without a session', async () => {
    expect((await fetch(`${server.url}/api/trpc/alarms.list`)).status).toBe(401);
    const viewer = users.get('viewer')?.cookie ?? '';
    expect((await fetch(`${server.url}/api/trpc/alarms.list`, { headers: { cookie: viewer } })).status).toBe(
      200,
    );
  });

  it('audits as the session user whatever the body says, and refuses a body that names an actor', async () => {
    const operator = users.get('operator');
    const forged = await trpc(
      'alarms.acknowledge',
      { alarmId: ALARM, note: 'x', actor: 'mayor' },
      operator?.cookie,
    );
    expect(forged.status).toBe(400);
    const rows = await listAudit(target.db, { limit: 10_000 });
    expect(rows.some((row) => row.actor === 'mayor')).toBe(false);
    const acted = rows.filter((row) => row.action.startsWith('alarm.') || row.action.startsWith('rule.'));
    expect(acted.length).toBeGreaterThan(0);
    for (const row of acted) {
      expect([...users.values()].map((u) => u.name)).toContain(row.actor);
      expect(row).toMatchObject({ address: '127.0.0.1' });
      expect(row.sessionRef).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('refuses a POST from a foreign Origin or for a foreign Host with 403, writing nothing', async () => {
    const admin = users.get('admin')?.cookie ?? '';
    const before = await auditCount();
    const input = { rule: ruleInput('csrf-rule') };
    expect((await trpc('alarms.rules.save', input, admin, { origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await trpc('alarms.rules.save', input, admin, { host: 'evil.example' })).status).toBe(403);
    const noOrigin = await post(`${server.url}/api/trpc/alarms.rules.save`, input, { cookie: admin });
    expect(noOrigin.status).toBe(403);
    expect(await auditCount()).toBe(before);
  });

  it('shows no stack trace in errors and caps a batch at 10 calls', async () => {
    const viewer = users.get('viewer')?.cookie ?? '';
    const bad = await trpc('alarms.acknowledge', { alarmId: 'x', note: '' }, users.get('operator')?.cookie);
    expect(bad.body).not.toMatch(/stack|\.ts:\d+/);
    const paths = Array.from({ length: 11 }, () => 'alarms.list').join(',');
    const batch = await fetch(`${server.url}/api/trpc/${paths}?batch=1&input={}`, {
      headers: { cookie: viewer },
    });
    expect(batch.status).toBe(400);
  });

  it('refuses a seventh setpoint a minute to one channel with 429, writing no command', async () => {
    const engineer = users.get('engineer')?.cookie;
    const commands = async () =>
      Number(
        (await target.db.query<{ n: string }>('SELECT count(*) AS n FROM setpoint_commands')).rows[0]?.n,
      );
    const setpoint = () => trpc('assets.setpoint', { channelId: 'aq-acl/dim-level', value: 30 }, engineer);
    const answers: number[] = [];
    for (let i = 0; i < 10 && !answers.includes(429); i++) answers.push((await setpoint()).status);
    // The role matrix above sent two already; the window allows six.
    expect(answers).toEqual([200, 200, 200, 200, 429]);
    const before = await commands();
    const refused = await setpoint();
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('at most 6 commands a minute to aq-acl/dim-level');
    expect(await commands()).toBe(before);
  });

  it('signs a socket in from its cookie, and closes it within 10 s of a logout elsewhere', async () => {
    const anonymous = io(server.url, {
      path: SOCKET_IO_PATH,
      transports: ['websocket'],
      reconnection: false,
    });
    const refused = await new Promise<string>((resolve) =>
      anonymous.once('connect_error', (e) => resolve(e.message)),
    );
    expect(refused).toBe('signed-out');
    anonymous.close();

    const crew = await signInAs(target.db, server.url, 'crew', 'crew-socket');
    const socket = io(server.url, {
      path: SOCKET_IO_PATH,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: crew.cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ended = new Promise<{ reason: string; after: number }>((resolve) => {
      const from = Date.now();
      socket.once('session-ended', (reason) => resolve({ reason, after: Date.now() - from }));
    });
    const logout = await post(
      `${server.url}${AUTH_ROUTES.logout}`,
      {},
      { origin: server.url, cookie: crew.cookie },
    );
    expect(logout.status).toBe(204);
    const { reason, after } = await ended;
    expect(reason).toBe('revoked');
    expect(after).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.connected).toBe(false);
    socket.close();
  }, 20_000);
});
