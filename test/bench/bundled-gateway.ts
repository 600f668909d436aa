/**
 * The gateway as a Pi runs it, for the gateway benchmarks: the one-file build (no TypeScript loader in
 * the process), started with a config file against a database, with its /metrics to count from.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/ports';

const ROOT = join(import.meta.dirname, '..', '..');
const SYSTEMD_UNIT = join(ROOT, 'hardware', 'pi', 'city-gateway.service');

/**
 * The Node flags the Pi's systemd unit starts the gateway with (its ExecStart), so a benchmark measures
 * the process a cabinet runs. The heap limit matters most: without it V8 sizes the heap for this
 * machine and lets the old generation grow to four times what is live before collecting it.
 */
export function systemdNodeFlags(unitFile = SYSTEMD_UNIT): string[] {
  const execStart = /^ExecStart=(.*)$/m.exec(readFileSync(unitFile, 'utf8'))?.[1]?.trim().split(/\s+/) ?? [];
  const [node, ...rest] = execStart;
  if (!node?.endsWith('/node') || !rest.at(-1)?.endsWith('gateway.mjs')) {
    throw new Error(
      `${unitFile}: ExecStart should be "<node> [flags] <dir>/gateway.mjs", got "${execStart.join(' ')}"`,
    );
  }
  return rest.slice(0, -1);
}
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BundledGateway {
  child: ChildProcess;
  /** The Node flags it was started with (the systemd unit's, then BENCH_GATEWAY_NODE_ARGS). */
  nodeArgs: readonly string[];
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
  const extraArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const nodeArgs = [...systemdNodeFlags(), ...extraArgs];
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
    nodeArgs,
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
