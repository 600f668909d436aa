import type { Socket } from 'socket.io-client';
import { type ClientToServerEvents, type ServerToClientEvents, TELEMETRY_SEEN_INTERVAL_MS } from './contract';

/**
 * Reports to the server, at most every `intervalMs`, the newest telemetry frame this screen has taken
 * in (`seen`). That is how the server tells a screen on a slow link from one that keeps up, long
 * before the operating system's socket buffers would: bytes queued there reach the screen seconds
 * late. Browser-safe; the benchmark's clients use it too.
 */
export function reportSeenFrames(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  intervalMs = TELEMETRY_SEEN_INTERVAL_MS,
): void {
  let newest = -1;
  let reported = -1;
  let scheduled = false;
  // A snapshot follows every (re)connect, perhaps to a restarted server whose frames count from 0.
  socket.on('snapshot', () => {
    newest = -1;
    reported = -1;
  });
  socket.on('telemetry', (frame) => {
    if (typeof frame.seq !== 'number') return;
    newest = Math.max(newest, frame.seq);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      if (newest <= reported || !socket.connected) return;
      reported = newest;
      socket.emit('seen', newest);
    }, intervalMs);
  });
}
