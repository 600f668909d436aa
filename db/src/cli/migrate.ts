/** `npm run db:migrate`: brings the configured database (DATABASE_URL, or the embedded one) up to date. */
import { messageOf } from '../errors';
import { migrate } from '../migrate';
import { openDatabase } from '../open';
import { readEnv } from './env';

try {
  const env = readEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.CITY_DATA_DIR });
  try {
    const report = await migrate(db);
    const features = report.timescaledb ? 'TimescaleDB' : 'plain PostgreSQL (no TimescaleDB extension)';
    console.log(
      report.applied.length > 0
        ? `Migrated ${db.location} to version ${report.current} (${features}); applied ${report.applied.join(', ')}.`
        : `${db.location} is up to date at version ${report.current} (${features}).`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(messageOf(error));
  process.exitCode = 1;
}
