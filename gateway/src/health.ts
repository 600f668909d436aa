import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningGateway } from './gateway';

/**
 * /healthz for supervisors (docker, systemd, a load balancer): 200 while every device answers and
 * nothing waits to be written, 503 with the reason otherwise. The body is the gateway's stats.
 * /metrics for Prometheus.
 */
export function serveHealth(
  gateway: RunningGateway,
  port: number,
  host = '0.0.0.0',
): Promise<Server & { port: number }> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      gateway.metrics().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
      return;
    }
    if (req.url !== '/healthz') {
      res.writeHead(404).end();
      return;
    }
    const stats = gateway.stats();
    const failing = Object.entries(stats.devices).filter(([, device]) => device.lastError !== null);
    const backlog = stats.sink.pending > 10_000;
    const healthy = failing.length === 0 && !backlog;
    const body = {
      status: healthy ? 'ok' : 'degraded',
      problems: [
        ...failing.map(([id, device]) => `device ${id}: ${device.lastError}`),
        ...(backlog ? [`${stats.sink.pending} readings waiting for the database`] : []),
      ],
      ...stats,
    };
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve(Object.assign(server, { port: (server.address() as AddressInfo).port }));
    });
  });
}
