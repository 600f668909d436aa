/**
 * cabinet: Modbus TCP requests per second one virtual cabinet answers on one connection, and the CPU
 * it spends per 1,000 requests, for masters we did not write. Driver: Debian's pymodbus client,
 * back-to-back reads of 6 input registers (the air station's three floats). Peer in the same run:
 * the same client against pymodbus's own TCP server. mbpoll polls at its fastest rate (every 10 ms,
 * its floor) to show a libmodbus master is answered without errors. The cabinet runs as its own
 * process (`npm run cabinet`), so its CPU time is its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../support/ports';
import { cpuSeconds, MODBUS_LOAD, mbpollLoad, PYMODBUS_PYTHON, pymodbusLoad } from './modbus-peers';
import { round } from './stats';
import { progress } from './synthetic';

const SECONDS = 5;
const TARGET_REQUESTS_PER_S = 2_000;
const CABINET_CLI = join(import.meta.dirname, '..', '..', 'hardware', 'simulators', 'cli.ts');
const log = progress('cabinet');

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
  const peer = spawn(PYMODBUS_PYTHON, [MODBUS_LOAD, 'server', String(peerPort)], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  try {
    await listening(port, cabinet);
    await listening(peerPort, peer);
    const pid = cabinet.pid ?? 0;
    log('warming up');
    await pymodbusLoad(port, SECONDS);

    log(`pymodbus client → our cabinet, ${SECONDS} s on one connection`);
    const cpuBefore = cpuSeconds(pid);
    const ours = await pymodbusLoad(port, SECONDS);
    const cpuUsed = cpuSeconds(pid) - cpuBefore;
    log(`pymodbus client → pymodbus server (peer), ${SECONDS} s`);
    const theirs = await pymodbusLoad(peerPort, SECONDS);
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
