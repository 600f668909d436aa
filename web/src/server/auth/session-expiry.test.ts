import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../shared/auth-contract';
import { SOCKET_IO_PATH } from '../../shared/contract';
import { type RunningWebServer, startWebServer } from '../web-server';
import { signInAs } from './testing';

const logger = pino({ level: 'silent' });
/** A shift shortened to seconds, so the test sees a session run out without waiting hours. */
const SHIFT_S = 3;

async function openSocket(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, {
    path: SOCKET_IO_PATH,
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('a session that runs out mid-shift, against PostgreSQL', () => {
  let target: TestDatabase;
  let server: RunningWebServer;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    server = await startWebServer({
      db: target.db,
      port: 0,
      host: '127.0.0.1',
      pages: false,
      logger,
      access: { sessions: { absoluteTimeoutS: SHIFT_S } },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await target?.drop();
  });

  it('closes the open live view within 10 s of the absolute timeout, saying it expired, and refuses the cookie after', async () => {
    const operator = await signInAs(target.db, server.url, 'operator');
    const signedInAt = Date.now();
    const socket = await openSocket(server.url, operator.cookie);
    const session = () =>
      fetch(`${server.url}${AUTH_ROUTES.session}`, { headers: { cookie: operator.cookie } });
    expect((await session()).status).toBe(200);

    const reason = await new Promise<string>((resolve) => socket.once('session-ended', resolve));
    const endedAfterExpiry = Date.now() - signedInAt - SHIFT_S * 1000;
    expect(reason).toBe('expired');
    expect(endedAfterExpiry).toBeGreaterThanOrEqual(-100);
    expect(endedAfterExpiry).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.connected).toBe(false);
    socket.close();

    const after = await session();
    expect(after.status).toBe(401);
    const again = io(server.url, {
      path: SOCKET_IO_PATH,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: operator.cookie },
    });
    const refused = await new Promise<string>((resolve) =>
      again.once('connect_error', (e) => resolve(e.message)),
    );
    expect(refused).toBe('signed-out');
    again.close();
  }, 30_000);
});
