import type { Database } from './database';
import { messageOf } from './errors';
import { type Logger, silentLogger } from './logger';

/**
 * Who keeps the rollups, compression and retention going:
 * - 'server': a TimescaleDB server whose own background workers run the policies; nothing to do.
 * - 'timescaledb-jobs': TimescaleDB without background workers (the embedded database); the policies
 *   are registered but never run by themselves, so this runner calls each with run_job on its schedule.
 * - 'plain': plain PostgreSQL; this runner materialises the rollups and applies the retention settings.
 */
export type MaintenanceMode = 'server' | 'timescaledb-jobs' | 'plain';

export interface MaintenanceReport {
  mode: MaintenanceMode;
  /** What ran this time, e.g. "Refresh Continuous Aggregate Policy [1000]" or "rollups". */
  ran: string[];
  skipped?: 'another process holds the maintenance lock';
}

const LOCK_KEY = 7326111;
const PLAIN_RETENTION_EVERY_MS = 60 * 60_000;
// The embedded database has no checkpointer either: without a CHECKPOINT its write-ahead log is never
// recycled and grew by about 360 MB an hour in the demo. A checkpoint every few minutes keeps it near
// min_wal_size (80 MB), reusing its segments.
const EMBEDDED_CHECKPOINT_EVERY_MS = 5 * 60_000;

interface Job {
  id: number;
  name: string;
  everyMs: number;
}

export async function detectMaintenanceMode(db: Database): Promise<MaintenanceMode> {
  const { rows } = await db.query<{ timescale: boolean; workers: number }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS timescale,
            (SELECT count(*) FROM pg_stat_activity WHERE backend_type LIKE 'TimescaleDB%')::int AS workers`,
  );
  const row = rows[0];
  if (!row?.timescale) return 'plain';
  return row.workers > 0 ? 'server' : 'timescaledb-jobs';
}

/** Runs what is due; `force` runs everything now (tests, benchmarks, an operator's "refresh"). */
export class MaintenanceRunner {
  private readonly lastRun = new Map<string, number>();
  private mode: MaintenanceMode | undefined;
  private caughtUp = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger = silentLogger,
  ) {}

  async run(options: { force?: boolean } = {}): Promise<MaintenanceReport> {
    this.mode ??= await detectMaintenanceMode(this.db);
    const mode = this.mode;
    if (mode === 'server') return { mode, ran: [] };
    const { rows } = await this.db.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      LOCK_KEY,
    ]);
    if (!rows[0]?.locked) return { mode, ran: [], skipped: 'another process holds the maintenance lock' };
    try {
      const ran = mode === 'plain' ? await this.runPlain(options.force) : await this.runJobs(options.force);
      if (
        this.db.backend === 'embedded' &&
        this.due('checkpoint', EMBEDDED_CHECKPOINT_EVERY_MS, options.force)
      ) {
        await this.db.exec('CHECKPOINT');
        ran.push('checkpoint');
      }
      return { mode, ran };
    } finally {
      await this.db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  }

  private due(name: string, everyMs: number, force: boolean | undefined): boolean {
    const last = this.lastRun.get(name);
    if (!force && last !== undefined && Date.now() - last < everyMs) return false;
    this.lastRun.set(name, Date.now());
    return true;
  }

  private async runJobs(force: boolean | undefined): Promise<string[]> {
    const ran: string[] = [];
    // The refresh policy looks back a fixed window (35 days). Data already older than that when it
    // arrived (a restored backup, a replay) would never be materialised, so the first run and every
    // forced run refresh the whole range once; regions already materialised cost nothing.
    if (force || !this.caughtUp) {
      await this.db.exec(`CALL refresh_continuous_aggregate('readings_1h', NULL, now() - INTERVAL '1 hour')`);
      this.caughtUp = true;
      ran.push('full refresh of readings_1h');
    }
    const { rows } = await this.db.query<{ id: number; name: string; every_s: number }>(
      `SELECT job_id AS id, application_name AS name, extract(epoch FROM schedule_interval)::float8 AS every_s
         FROM timescaledb_information.jobs
        WHERE proc_name IN ('policy_refresh_continuous_aggregate', 'policy_compression', 'policy_retention')
        ORDER BY CASE proc_name WHEN 'policy_refresh_continuous_aggregate' THEN 0
                                WHEN 'policy_compression' THEN 1 ELSE 2 END, job_id`,
    );
    const jobs: Job[] = rows.map((row) => ({
      id: Number(row.id),
      name: row.name,
      everyMs: row.every_s * 1000,
    }));
    for (const job of jobs) {
      if (!this.due(job.name, job.everyMs, force)) continue;
      // run_job cannot take a bind parameter in CALL; the id is an integer read from the catalogue.
      const started = performance.now();
      await this.db.exec(`CALL run_job(${Math.trunc(job.id)})`);
      this.logger.debug(
        { job: job.name, ms: Math.round(performance.now() - started) },
        'maintenance job ran',
      );
      ran.push(job.name);
    }
    return ran;
  }

  private async runPlain(force: boolean | undefined): Promise<string[]> {
    const ran: string[] = [];
    await this.db.query('SELECT city_refresh_rollups()');
    ran.push('rollups');
    if (this.due('retention', PLAIN_RETENTION_EVERY_MS, force)) {
      await this.db.exec(`
        DELETE FROM readings
         WHERE time < now() - (SELECT keep FROM retention_settings WHERE relation = 'readings');
        DELETE FROM readings_1h_store
         WHERE bucket < now() - (SELECT keep FROM retention_settings WHERE relation = 'readings_1h');`);
      ran.push('retention');
    }
    return ran;
  }
}

/** Runs maintenance every tick until stopped; failures are logged and retried on the next tick. */
export function startMaintenance(
  db: Database,
  options: { logger?: Logger; tickMs?: number } = {},
): { runner: MaintenanceRunner; stop(): Promise<void> } {
  const logger = options.logger ?? silentLogger;
  const runner = new MaintenanceRunner(db, logger);
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runner.run().then(
      (report) => {
        if (report.ran.length > 0) logger.debug({ ...report }, 'maintenance ran');
      },
      (error: unknown) => logger.warn({ err: messageOf(error) }, 'maintenance failed; retrying next tick'),
    );
  };
  tick();
  const timer = setInterval(tick, options.tickMs ?? 30_000);
  return {
    runner,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
