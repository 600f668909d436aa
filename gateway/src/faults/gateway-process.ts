import { type ChildProcess, spawn } from 'node:child_process';
import { ReadingBuffer } from '../buffer/reading-buffer';

/** A gateway (or its bundle) as its own process, for the tests that cut it off or start it as a Pi would. */
export interface GatewayProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  log(): string;
}

export function startGatewayProcess(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): GatewayProcess {
  const child = spawn(process.execPath, [...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)), log: () => log };
}

/** What a gateway's buffer file says once the gateway is gone: taken ever, still unsent, dropped. */
export function bufferTally(path: string): { appended: number; unsent: number; dropped: number } {
  const buffer = new ReadingBuffer({ path, maxRows: 5_000_000, maxAgeMs: 86_400_000, synchronous: 'full' });
  try {
    return { appended: buffer.appendedEver(), unsent: buffer.depth(), dropped: buffer.dropped() };
  } finally {
    buffer.close();
  }
}
