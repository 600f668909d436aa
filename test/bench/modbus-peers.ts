/**
 * Masters and measurements the Modbus benchmarks share: Debian's pymodbus and mbpoll as peers we did
 * not write, and a process's CPU time and memory from /proc.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const PYTHON = '/usr/bin/python3';
/** The pymodbus client and peer server (run with Debian's python, which has pymodbus). */
export const MODBUS_LOAD = join(import.meta.dirname, 'cabinet', 'modbus_load.py');
export const PYMODBUS_PYTHON = PYTHON;
const execFileAsync = promisify(execFile);

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in MB (Linux /proc). */
export const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Debian's pymodbus client, back-to-back reads of 6 input registers on one connection for `seconds`. */
export async function pymodbusLoad(
  port: number,
  seconds: number,
): Promise<{ requests: number; errors: number; seconds: number }> {
  const { stdout } = await execFileAsync(PYTHON, [MODBUS_LOAD, 'client', String(port), String(seconds)], {
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

/** mbpoll polling every 10 ms for a few seconds: how many polls came back, and how many failed. */
export async function mbpollLoad(
  port: number,
): Promise<{ answered: number; failed: number; seconds: number }> {
  const seconds = 3;
  const started = performance.now();
  const output = await new Promise<string>((resolve) => {
    let text = '';
    const child = spawn('mbpoll', [
      '-m',
      'tcp',
      '-p',
      String(port),
      '-a',
      '1',
      '-r',
      '1',
      '-c',
      '3',
      '-t',
      '3:float',
      '-B',
      '-l',
      '10',
      '127.0.0.1',
    ]);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    setTimeout(() => child.kill('SIGINT'), seconds * 1000);
    child.once('exit', () => resolve(text));
  });
  // mbpoll's closing statistics: "N frames transmitted, N received, N errors, x% frame loss".
  const stats = /(\d+) frames transmitted, (\d+) received, (\d+) errors/.exec(output);
  if (!stats) throw new Error(`mbpoll printed no statistics:\n${output}`);
  return {
    answered: Number(stats[2]),
    failed: Number(stats[3]) + Number(stats[1]) - Number(stats[2]),
    seconds: (performance.now() - started) / 1000,
  };
}
