import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../shared/auth-contract';
import { endsSession, permissionOf, SessionStore, sessionFetch } from './session';

const HOUR = 60 * 60_000;

function viewOf(role: 'viewer' | 'operator', permissions: SessionView['permissions']): SessionView {
  return {
    user: { name: 'j.devries', displayName: 'Jan de Vries', role, kind: 'user' },
    permissions,
    expiresAt: Date.now() + 12 * HOUR,
    idleExpiresAt: Date.now() + HOUR,
  };
}

function answering(...responses: Array<Response | Error>) {
  const queue = [...responses];
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const next = queue.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.useRealTimers());

describe('a screen learning who is signed in', () => {
  it('shows the operator once the server answers, and lets them respond to alarms but not edit rules', async () => {
    const store = new SessionStore(answering(json(200, viewOf('operator', ['view', 'alarm.respond']))));
    expect(permissionOf(store.getState(), 'view')).toEqual({ allowed: false, reason: 'loading' });
    await store.load();
    const state = store.getState();
    expect(state.status === 'signed-in' && state.view.user.displayName).toBe('Jan de Vries');
    expect(permissionOf(state, 'alarm.respond')).toEqual({ allowed: true });
    expect(permissionOf(state, 'rules.edit')).toEqual({ allowed: false, reason: 'role', role: 'operator' });
    store.stop();
  });

  it('is signed out when the server answers 401, and a later answer does not sign it back in', async () => {
    const store = new SessionStore(answering(json(401, { error: 'signed-out', message: 'no session' })));
    await store.load();
    expect(store.getState()).toEqual({ status: 'signed-out', reason: 'expired', view: null });
    await store.load();
    expect(store.getState().status).toBe('signed-out');
  });

  it('keeps who was signed in when the socket says an admin ended the session', async () => {
    const store = new SessionStore(answering(json(200, viewOf('viewer', ['view']))));
    await store.load();
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getState().status));
    store.end('revoked');
    store.end('expired');
    const state = store.getState();
    expect(state.status === 'signed-out' && [state.reason, state.view?.user.name]).toEqual([
      'revoked',
      'j.devries',
    ]);
    expect(seen).toEqual(['signed-out']);
    expect(permissionOf(state, 'view')).toEqual({ allowed: false, reason: 'signed-out' });
  });

  it('asks again when the session should have timed out, and is signed out if it did', async () => {
    vi.useFakeTimers();
    const fetchImpl = answering(json(200, viewOf('viewer', ['view'])), json(401, { error: 'signed-out' }));
    const store = new SessionStore(fetchImpl);
    await store.load();
    await vi.advanceTimersByTimeAsync(HOUR - 5_000);
    expect(store.getState().status).toBe('signed-in');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(store.getState()).toMatchObject({ status: 'signed-out', reason: 'expired' });
  });

  it('says the server is unavailable when it cannot be reached, and tries again', async () => {
    vi.useFakeTimers();
    const fetchImpl = answering(new TypeError('fetch failed'), json(200, viewOf('viewer', ['view'])));
    const store = new SessionStore(fetchImpl);
    await store.load();
    expect(store.getState().status).toBe('unavailable');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getState().status).toBe('signed-in');
    store.stop();
  });
});

/** A tRPC error as the server's error formatter shapes it (init.ts): `data.reauth` is null unless a fresh sign-in is the fix. */
const trpcError = (reauth: 'password' | 'oidc' | null, message = 'refused') => ({
  error: { message, code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401, zodError: null, reauth } },
});

describe("a refused call and the screen's session", () => {
  it('stays signed in when a setpoint asks for the password again, and says so to the caller', async () => {
    const ended: string[] = [];
    const guarded = sessionFetch(answering(json(401, [trpcError('password')])), (reason) =>
      ended.push(reason),
    );
    const response = await guarded('/api/trpc/assets.setpoint?batch=1', { method: 'POST' });
    expect(ended).toEqual([]);
    // The caller still reads the refusal: the check read a copy of the body.
    expect(await response.json()).toEqual([trpcError('password')]);
  });

  it('stays signed in when the identity provider is the way to sign in again (one call, not batched)', async () => {
    expect(await endsSession(json(401, trpcError('oidc')))).toBe(false);
    expect(
      await endsSession(json(401, { error: 'signed-out', message: 'confirm', reauth: 'password' })),
    ).toBe(false);
  });

  it('is signed out by a 401 that does not ask for a fresh sign-in', async () => {
    const ended: string[] = [];
    const guarded = sessionFetch(answering(json(401, [trpcError(null, 'sign in first')])), (reason) =>
      ended.push(reason),
    );
    await guarded('/api/trpc/alarms.list?batch=1');
    expect(ended).toEqual(['expired']);
    expect(await endsSession(json(401, { error: 'signed-out', message: 'no session' }))).toBe(true);
    expect(await endsSession(new Response('Unauthorized', { status: 401 }))).toBe(true);
  });

  it('is signed out when one call of a batch lost its session, even if another asked for a fresh sign-in', async () => {
    const body = [trpcError('password'), trpcError(null, 'sign in first')];
    expect(await endsSession(json(401, body))).toBe(true);
  });

  it('leaves the session alone on any other status, refusals included', async () => {
    expect(await endsSession(json(403, trpcError(null, 'forbidden')))).toBe(false);
    expect(await endsSession(json(200, [{ result: { data: [] } }]))).toBe(false);
  });
});
