/**
 * A loopback TCP proxy that reads from the server at most `bytesPerS`: a tablet on a slow mobile
 * link, as the server sees it. Requests pass at full speed; the server's bytes are read in a leaky
 * bucket (no credit builds up while idle), so the server's writes back up as they would on 3G.
 */
import { connect, createServer, type Server } from 'node:net';

export async function throttleProxy(
  target: URL,
  bytesPerS: number,
): Promise<{ url: string; server: Server }> {
  const server = createServer((downstream) => {
    const upstream = connect(Number(target.port), target.hostname);
    let nextFreeAt = performance.now();
    upstream.on('data', (chunk: Buffer) => {
      downstream.write(chunk);
      const now = performance.now();
      nextFreeAt = Math.max(now, nextFreeAt) + (chunk.length * 1000) / bytesPerS;
      if (nextFreeAt > now) {
        upstream.pause();
        setTimeout(() => upstream.resume(), nextFreeAt - now);
      }
    });
    downstream.pipe(upstream);
    const end = () => {
      upstream.destroy();
      downstream.destroy();
    };
    upstream.on('error', end).on('close', end);
    downstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server };
}
