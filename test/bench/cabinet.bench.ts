/**
 * cabinet: Modbus TCP requests per second one virtual cabinet answers on one connection, and the CPU
 * it spends per 1,000 requests, for masters we did not write. Driver: Debian's pymodbus client,
 * back-to-back reads of 6 input registers (the air station's three floats). Peer in the same run:
 * the same client against pymodbus's own TCP server. mbpoll polls at its fastest rate (every 10 ms,
 * its floor) to show a libmodbus master is answered without errors. The cabinet runs as its own
 * process (`npm run cabinet`), so its CPU time is its own.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/ports';
import { round } from './stats';
import { progress } from './synthetic';

const SECONDS = 5;
const TARGET_REQUESTS_PER_S = 2_000;
const PYTHON = '/usr/bin/python3';
const LOAD = join(import.meta.dirname, 'cabinet', 'modbus_load.py');
const CABINET_CLI = join(import.meta.dirname, '..', '..', 'hardware', 'simulators', 'cli.ts');
const execFileAsync = promisify(execFile);
const log = progress('cabinet');

/** User + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function listening(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function pymodbusLoad(port: number): Promise<{ requests: number; errors: number; seconds: number }> {
  const { stdout } = await execFileAsync(PYTHON, [LOAD, 'client', String(port), String(SECONDS)], {
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

/** mbpoll polling every 10 ms for a few seconds: how many polls came back, and how many failed. */
async function mbpollLoad(port: number): Promise<{ answered: number; failed: number; seconds: number }> {
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

export async function run() {
  const port = await freePort();
  const cabinet = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CABINET_CLI,
      '--city',
      'skeleton',
      '--port',
      String(port),
      '--control-port',
      '0',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const peerPort = await freePort();
  const peer = spawn(PYTHON, [LOAD, 'server', String(peerPort)], { stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    await listening(port, cabinet);
    await listening(peerPort, peer);
    const pid = cabinet.pid ?? 0;
    log('warming up');
    await pymodbusLoad(port);

    log(`pymodbus client → our cabinet, ${SECONDS} s on one connection`);
    const cpuBefore = cpuSeconds(pid);
    const ours = await pymodbusLoad(port);
    const cpuUsed = cpuSeconds(pid) - cpuBefore;
    log(`pymodbus client → pymodbus server (peer), ${SECONDS} s`);
    const theirs = await pymodbusLoad(peerPort);
    log('mbpoll at its fastest poll rate');
    const mbpoll = await mbpollLoad(port);

    const oursPerS = ours.requests / ours.seconds;
    const cpuMsPer1000 = (cpuUsed * 1000 * 1000) / ours.requests;
    return {
      requestRegisters: 6,
      pymodbusRequestsPerS: round(oursPerS),
      pymodbusErrors: ours.errors,
      peerPymodbusServerRequestsPerS: round(theirs.requests / theirs.seconds),
      oursOverPeer: round(oursPerS / (theirs.requests / theirs.seconds), 2),
      cabinetCpuMsPer1000Requests: round(cpuMsPer1000, 1),
      // What one core could answer if the client were free: 1,000 requests per cpuMsPer1000 ms.
      cabinetCapacityPerCoreRequestsPerS: round((1000 * 1000) / cpuMsPer1000),
      targetRequestsPerS: TARGET_REQUESTS_PER_S,
      meetsTarget: oursPerS >= TARGET_REQUESTS_PER_S && ours.errors === 0,
      mbpollPollsPerS: round(mbpoll.answered / mbpoll.seconds),
      mbpollFailures: mbpoll.failed,
    };
  } finally {
    cabinet.kill('SIGINT');
    peer.kill('SIGKILL');
  }
}
