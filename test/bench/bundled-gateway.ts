/**
 * The gateway as a Pi runs it, for the gateway benchmarks: the one-file build (no TypeScript loader in
 * the process), started with a config file against a database, with its /metrics to count from.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/ports';

const ROOT = join(import.meta.dirname, '..', '..');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BundledGateway {
  child: ChildProcess;
  /** Readings taken so far, summed over its devices (city_gateway_points_total); 0 before it answers. */
  pointsTaken(): Promise<number>;
  /** Resolves once /metrics answers; throws if the process exits first. */
  untilListening(): Promise<void>;
}

export async function startBundledGateway(configFile: string, databaseUrl: string): Promise<BundledGateway> {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'gateway/scripts/bundle.ts'], {
    cwd: ROOT,
  });
  const healthPort = await freePort();
  // e.g. BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its CPU goes.
  const nodeArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'gateway/dist/gateway.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GATEWAY_CONFIG: configFile,
      DATABASE_URL: databaseUrl,
      HEALTH_PORT: String(healthPort),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const metricsUrl = `http://127.0.0.1:${healthPort}/metrics`;
  return {
    child,
    async pointsTaken() {
      const body = await fetch(metricsUrl)
        .then((response) => response.text())
        .catch(() => '');
      return [...body.matchAll(/^city_gateway_points_total\{[^}]*\} (\d+)/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    },
    async untilListening() {
      for (let tries = 0; tries < 300; tries++) {
        if (child.exitCode !== null)
          throw new Error(`${metricsUrl}: the gateway exited with ${child.exitCode}`);
        if (
          await fetch(metricsUrl).then(
            () => true,
            () => false,
          )
        )
          return;
        await wait(200);
      }
      throw new Error(`${metricsUrl} did not answer`);
    },
  };
}
