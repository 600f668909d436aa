import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HEALTH_HOST } from './config';
import type { GatewayStats, RunningGateway } from './gateway';

/** A buffer this full (of its rows or of its age) is about to drop readings. */
const AT_RISK_SHARE = 0.8;

export interface HealthReport {
  status: 'ok' | 'degraded';
  /** 503 when a person or a restart is needed: a device does not answer, or readings are about to be lost. */
  httpStatus: 200 | 503;
  problems: string[];
  /** Whether the database answers; the gateway polls and buffers either way. */
  database: GatewayStats['database']['status'];
  buffer: GatewayStats['buffer'];
}

/**
 * What /healthz says. An unreachable database is `degraded` but still 200: the gateway does its job,
 * storing every reading in its buffer, and a supervisor that restarted it for that would only add the
 * restart's seconds to the gap. The control room sees the outage from its side (the heartbeat row
 * stops). 503 is for what is wrong at the cabinet: a device that does not answer, or a buffer about
 * to drop readings (80 % of buffer.maxRows or buffer.maxAgeHours).
 */
export function healthOf(stats: GatewayStats): HealthReport {
  const failing = Object.entries(stats.devices).filter(([, device]) => device.lastError !== null);
  const { buffer, database } = stats;
  const oldestSeconds = buffer.oldestReadingAgeMs === null ? 0 : Math.round(buffer.oldestReadingAgeMs / 1000);
  const atRisk =
    buffer.depth > AT_RISK_SHARE * buffer.maxRows ||
    (buffer.oldestReadingAgeMs ?? 0) > AT_RISK_SHARE * buffer.maxAgeMs;
  const waiting = `${buffer.depth} readings waiting for the database, the oldest for ${oldestSeconds} s`;
  const problems = [
    ...failing.map(([id, device]) => `device ${id}: ${device.lastError}`),
    ...(database.status === 'unreachable' ? [`database unreachable: ${database.lastError}`] : []),
    ...(atRisk ? [`buffer nearly full, the oldest readings will be dropped: ${waiting}`] : []),
    ...(!atRisk && buffer.depth > 10_000 ? [waiting] : []),
  ];
  return {
    status: problems.length === 0 ? 'ok' : 'degraded',
    httpStatus: failing.length > 0 || atRisk ? 503 : 200,
    problems,
    database: database.status,
    buffer,
  };
}

/**
 * /healthz for supervisors (docker, systemd, monitoring): the health report (see healthOf) with the
 * gateway's stats. /metrics for Prometheus. Both tell whoever asks what the cabinet holds and whether
 * the database answers, so by default they listen on loopback only (health.host in the config).
 */
export function serveHealth(
  gateway: RunningGateway,
  port: number,
  host: string = DEFAULT_HEALTH_HOST,
): Promise<Server & { port: number; host: string }> {
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
    const { httpStatus, ...report } = healthOf(stats);
    const body = { ...report, databaseSince: stats.database.since, sink: stats.sink, devices: stats.devices };
    res.writeHead(httpStatus, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound, address } = server.address() as AddressInfo;
      resolve(Object.assign(server, { port: bound, host: address }));
    });
  });
}
