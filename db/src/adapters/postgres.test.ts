import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { createTestDatabase, type TestDatabase } from '../testing';
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

  it('names the server and the fix when it cannot be reached, without leaking the password', async () => {
    const url = 'postgres://city:secret@127.0.0.1:1/nowhere';
    await expect(openPostgresDatabase(url, silentLogger)).rejects.toThrow(
      /CITY_DB_UNREACHABLE: cannot reach PostgreSQL at postgres:\/\/city:\*\*\*@127\.0\.0\.1:1\/nowhere.*fix DATABASE_URL/,
    );
    expect(redactUrl(url)).not.toContain('secret');
  });
});
