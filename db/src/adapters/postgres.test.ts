import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { createTestDatabase, DarkableProxy, type TestDatabase } from '../testing';
import { openPostgresDatabase, redactUrl } from './postgres';

describe('PostgreSQL server connection', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase('postgres', { migrated: false });
  });
  afterAll(() => target?.drop());

  it('keeps LISTENing after the server drops the listening connection', async () => {
    const received: string[] = [];
    const unlisten = await target.db.listen('city_test_channel', (payload) => received.push(payload));
    try {
      await target.db.query(`SELECT pg_notify('city_test_channel', 'before')`);
      await expect.poll(() => received, { timeout: 5_000 }).toContain('before');
      // What a server restart or a dead link does to the LISTEN connection.
      await target.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'city-operations-listen' AND datname = current_database()`,
      );
      await expect
        .poll(
          async () => {
            await target.db.query(`SELECT pg_notify('city_test_channel', 'after')`);
            return received;
          },
          { timeout: 15_000, interval: 300 },
        )
        .toContain('after');
    } finally {
      await unlisten();
    }
  });

  it('survives its connection dying between two statements of a transaction, and carries on', async () => {
    const attempt = target.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await target.db.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      // The loss arrives while no statement runs: an 'error' event that must not end the process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.query('SELECT 1');
    });
    await expect(attempt).rejects.toThrow();
    expect((await target.db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('names the server and the fix when it cannot be reached, without leaking the password', async () => {
    const url = 'postgres://city:secret@127.0.0.1:1/nowhere';
    await expect(openPostgresDatabase(url, silentLogger)).rejects.toThrow(
      /CITY_DB_UNREACHABLE: cannot reach PostgreSQL at postgres:\/\/city:\*\*\*@127\.0\.0\.1:1\/nowhere.*fix DATABASE_URL/,
    );
    expect(redactUrl(url)).not.toContain('secret');
  });

  it('gives up on a link that accepts connections but never answers, and carries on once it is back', async () => {
    const url = new URL(target.url ?? '');
    const proxy = new DarkableProxy(Number(url.port || 5432));
    url.port = String(await proxy.listen());
    const timeouts = { connectMs: 1_000, queryMs: 1_000 };
    try {
      proxy.goDark('black-hole');
      const started = performance.now();
      await expect(openPostgresDatabase(url.toString(), silentLogger, timeouts)).rejects.toThrow(
        /CITY_DB_UNREACHABLE/,
      );
      // Not refused: it waited for its connect timeout, and no longer.
      expect(performance.now() - started).toBeGreaterThan(900);
      expect(performance.now() - started).toBeLessThan(5_000);

      proxy.comeBack();
      const db = await openPostgresDatabase(url.toString(), silentLogger, timeouts);
      try {
        // The link dies under an open connection: the statement fails within its timeout, not never.
        proxy.goDark('black-hole');
        const asked = performance.now();
        await expect(db.query('SELECT 1')).rejects.toThrow(/timeout/i);
        await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toThrow(/timeout/i);
        expect(performance.now() - asked).toBeLessThan(6_000);
        // Back again: the dead connections were dropped, not handed out again.
        proxy.comeBack();
        expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        expect(await db.transaction(async (tx) => (await tx.query('SELECT 2 AS two')).rows)).toEqual([
          { two: 2 },
        ]);
      } finally {
        await db.close();
      }
    } finally {
      await proxy.close();
    }
  });
});
