/** Where the test suites find the real PostgreSQL server; .ci/run creates this role. */
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://city:city@127.0.0.1:5432/postgres';
