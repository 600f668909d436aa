import { execFile } from 'node:child_process';
import type { Logger } from 'pino';

/**
 * Tells systemd the gateway is ready, then pets its watchdog (WatchdogSec in the unit) at half the
 * interval while the polls still make progress. A hung event loop or stuck polling stops the petting
 * and systemd restarts the service. Through systemd-notify, since Node cannot send on a Unix
 * datagram socket itself (hence NotifyAccess=all in the unit).
 */
export function notifySystemd(
  env: { notifySocket: string | undefined; watchdogUsec: number | undefined },
  progress: () => number,
  logger: Logger,
): { stop(): void } {
  if (!env.notifySocket) return { stop() {} };
  const send = (...states: string[]) =>
    execFile('systemd-notify', states, (error) => {
      if (error) logger.warn({ err: error.message, states }, 'systemd-notify failed');
    });
  send('--ready', `STATUS=polling`);
  if (!env.watchdogUsec) return { stop() {} };
  let last = progress();
  const timer = setInterval(() => {
    const now = progress();
    if (now > last) send('WATCHDOG=1');
    else
      logger.error('no poll finished since the last watchdog interval; letting systemd restart the gateway');
    last = now;
  }, env.watchdogUsec / 2_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
