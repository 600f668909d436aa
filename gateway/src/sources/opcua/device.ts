import { Backoff } from '@city/db/backoff';
import { type Reading, StatusCode } from '@city/domain';
import {
  AttributeIds,
  ClientMonitoredItemGroup,
  type ClientSession,
  type DataValue,
  MessageSecurityMode,
  type OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
} from 'node-opcua';
import type { Logger } from 'pino';
import type { Deadband, OpcUaDeviceConfig } from '../../config';
import type { DeviceStats } from '../device-stats';
import { UnchangedRepeater } from './heartbeat';
import { chunks, dataChangeFilter, received } from './monitoring';
import { toReading } from './to-reading';
import { writeAndReadBack } from './write';

/**
 * One OPC UA server as the gateway sees it (node-opcua; only this folder imports it). Points are
 * monitored items, at most maxItemsPerSubscription per subscription, each with its sampling interval,
 * queue and deadband. The connection is retried for ever. Nothing is allowed to look fresh when it
 * is not: a lost connection, or a subscription that stops publishing, is recorded at once as bad
 * (or stale) quality on every point behind it; once the server is heard again every value is read
 * afresh, so history shows exactly how long the gap was.
 */
export interface OpcUaDeviceOptions {
  config: OpcUaDeviceConfig;
  gatewayId: string;
  /** Shared by all devices of the gateway: its own certificate and the trust list. */
  certificates: OPCUACertificateManager;
  /** Stamps gap markers (epoch ms); values carry the server's own times. */
  clock: () => number;
  deliver(readings: Reading[]): void;
  logger: Logger;
}

export interface RunningOpcUaDevice {
  readonly id: string;
  stats(): DeviceStats;
  /** Writes a value to a node and returns what it holds afterwards (a setpoint). */
  writeValue(nodeId: string, value: number): Promise<number>;
  stop(): Promise<void>;
}

interface Point {
  nodeId: string;
  channelId: string;
  deadband: Deadband | undefined;
}

interface Watched {
  points: Point[];
  channelIds: string[];
  lastHeardMs: number;
  stale: boolean;
}

/** A subscription keeps itself alive with an empty publish at least every this many intervals. */
const KEEP_ALIVE_COUNT = 3;
/** …and is stale when not heard for this many keep-alive periods. */
const STALE_AFTER_KEEP_ALIVES = 3;
const READ_CHUNK = 1_000;
/** A connect that failed past node-opcua's own retries (a session, a certificate) is tried again: 5 s, doubling to 30 s. */
const RETRY_AFTER_FAILURE = { initialMs: 5_000, maxMs: 30_000 };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function startOpcUaDevice(options: OpcUaDeviceOptions): Promise<RunningOpcUaDevice> {
  const { config, logger, clock } = options;
  const points: Point[] = config.points.map((point) => ({
    nodeId: point.nodeId,
    channelId: point.channelId,
    deadband: point.deadband ?? config.deadband,
  }));
  const stats: DeviceStats = { polls: 0, failedPolls: 0, lastPollMs: null, lastError: null };
  const watched: Watched[] = [];
  let session: ClientSession | undefined;
  let communicating = false;
  /** Whether the current gap is on record already: one bad reading per point per gap. */
  let gapRecorded = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const retry = new Backoff(RETRY_AFTER_FAILURE);

  let pending: Reading[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length > 0) options.deliver(batch);
  };
  const emit = (reading: Reading) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(reading);
  };
  const repeater = new UnchangedRepeater(config.heartbeatMs);
  const fromServer = (reading: Reading) => {
    repeater.fromServer(reading, clock());
    emit(reading);
  };
  const mark = (targets: readonly Point[], statusCode: number) => {
    const sourceTime = new Date(clock());
    for (const point of targets) {
      repeater.forget(point.channelId);
      emit({ channelId: point.channelId, value: null, statusCode, sourceTime });
    }
  };
  const failed = (reason: string) => {
    stats.failedPolls += 1;
    if (stats.lastError !== reason) logger.warn({ err: reason }, 'OPC UA server not reachable');
    stats.lastError = reason;
    communicating = false;
    if (gapRecorded) return;
    gapRecorded = true;
    logger.debug({ reason }, 'gap recorded');
    mark(points, StatusCode.BadNoCommunication);
  };

  const client = OPCUAClient.create({
    applicationName: `city-gateway-${options.gatewayId}`,
    securityMode: MessageSecurityMode[config.security.mode],
    securityPolicy: SecurityPolicy[config.security.policy],
    clientCertificateManager: options.certificates,
    endpointMustExist: false,
    keepSessionAlive: true,
    requestedSessionTimeout: 60_000,
    connectionStrategy: { maxRetry: -1, initialDelay: 500, maxDelay: 10_000, randomisationFactor: 0.2 },
  });
  client.on('connection_lost', () => failed('connection lost'));
  client.on('backoff', (attempt: number) => {
    if (attempt === 0) failed('no answer from the server');
  });

  /** Reads every point now: after a gap, values that did not change would otherwise never come. */
  const readAll = async (targets: readonly Point[]) => {
    const current = session;
    if (!current) return;
    for (const part of chunks(targets, READ_CHUNK)) {
      const values = await current.read(
        part.map((point) => ({ nodeId: point.nodeId, attributeId: AttributeIds.Value })),
        0,
      );
      const context = { receivedAtMs: Date.now(), maxClockSkewMs: config.maxClockSkewMs, fromRead: true };
      values.forEach((value, index) => {
        const point = part[index];
        if (point) fromServer(toReading(point.channelId, received(value), context));
      });
    }
  };
  const heardAgain = (reason: string) => {
    if (communicating) return;
    communicating = true;
    gapRecorded = false;
    for (const entry of watched) entry.lastHeardMs = performance.now();
    if (stats.lastError !== null) logger.info({ after: stats.lastError, reason }, 'OPC UA server answering');
    stats.lastError = null;
    readAll(points).catch((error) =>
      logger.warn({ err: messageOf(error) }, 'OPC UA read after a gap failed'),
    );
  };

  const subscribe = async (current: ClientSession, part: Point[]) => {
    const { subscription: settings } = config;
    const subscription = await current.createSubscription2({
      requestedPublishingInterval: settings.publishingIntervalMs,
      requestedMaxKeepAliveCount: KEEP_ALIVE_COUNT,
      requestedLifetimeCount: KEEP_ALIVE_COUNT * 10,
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 10,
    });
    const entry: Watched = {
      points: part,
      channelIds: part.map((point) => point.channelId),
      lastHeardMs: performance.now(),
      stale: false,
    };
    watched.push(entry);
    const heard = () => {
      stats.polls += 1;
      entry.lastHeardMs = performance.now();
      if (entry.stale) {
        entry.stale = false;
        readAll(entry.points).catch(() => {});
      }
    };
    subscription.on('keepalive', heard);
    subscription.on('received_notifications', heard);
    // Points with the same deadband share one group: one CreateMonitoredItems call each.
    const byDeadband = new Map<string, Point[]>();
    for (const point of part) {
      const key = JSON.stringify(point.deadband ?? null);
      byDeadband.set(key, [...(byDeadband.get(key) ?? []), point]);
    }
    for (const group of byDeadband.values()) {
      const monitored = ClientMonitoredItemGroup.create(
        subscription,
        group.map((point) => ({ nodeId: point.nodeId, attributeId: AttributeIds.Value })),
        {
          samplingInterval: settings.samplingIntervalMs,
          queueSize: settings.queueSize,
          discardOldest: true,
          filter: dataChangeFilter(group[0]?.deadband),
        },
        TimestampsToReturn.Both,
      );
      monitored.on('changed', (_item, dataValue: DataValue, index: number) => {
        const point = group[index];
        const context = { receivedAtMs: Date.now(), maxClockSkewMs: config.maxClockSkewMs, fromRead: false };
        if (point) fromServer(toReading(point.channelId, received(dataValue), context));
      });
      await new Promise<void>((resolve) => monitored.once('initialized', () => resolve()));
      monitored.monitoredItems.forEach((item, index) => {
        const point = group[index];
        if (!point || item.statusCode.isGood()) return;
        logger.error(
          { nodeId: point.nodeId, channel: point.channelId, status: item.statusCode.name },
          'the server refused to monitor this point: check its node id (and, for a percent deadband, that it has an EURange)',
        );
        mark([point], item.statusCode.value >>> 0);
      });
    }
    return subscription;
  };

  const connect = async () => {
    try {
      await client.connect(config.endpointUrl);
      const current = await client.createSession();
      session = current;
      current.on('session_restored', () => heardAgain('session restored'));
      current.on('keepalive_failure', () => failed('session keep-alive failed'));
      for (const part of chunks(points, config.subscription.maxItemsPerSubscription)) {
        await subscribe(current, part);
      }
      logger.info({ items: points.length, subscriptions: watched.length }, 'OPC UA subscriptions created');
      heardAgain('connected');
      retry.reset();
    } catch (error) {
      if (stopped) return;
      const message = messageOf(error);
      failed(
        /certificate/i.test(message)
          ? `the server certificate of ${config.endpointUrl} is not trusted (${message}); check it, then run "gateway trust" for it`
          : message,
      );
      await client.disconnect().catch(() => {});
      retryTimer = setTimeout(() => void connect(), retry.next());
    }
  };
  void connect();

  const staleAfterMs = config.subscription.publishingIntervalMs * KEEP_ALIVE_COUNT * STALE_AFTER_KEEP_ALIVES;
  const watchdog = setInterval(() => {
    if (!communicating) return;
    const now = performance.now();
    for (const entry of watched) {
      if (entry.stale) continue;
      if (now - entry.lastHeardMs <= staleAfterMs) {
        // Stamped when the subscription last proved alive: up to then, a change would have come.
        const heardAtMs = clock() - (now - entry.lastHeardMs);
        for (const reading of repeater.due(entry.channelIds, heardAtMs)) emit(reading);
        continue;
      }
      entry.stale = true;
      logger.warn({ points: entry.points.length }, 'OPC UA subscription silent: points marked stale');
      mark(entry.points, StatusCode.UncertainLastUsableValue);
    }
  }, config.subscription.publishingIntervalMs);

  return {
    id: config.id,
    stats: () => ({ ...stats }),
    async writeValue(nodeId, value) {
      if (!session || !communicating || stopped) {
        throw new Error(`not connected to ${config.endpointUrl} (${stats.lastError ?? 'connecting'})`);
      }
      return writeAndReadBack(session, nodeId, value);
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(watchdog);
      const closing = (async () => {
        await session?.close(true).catch(() => {});
        await client.disconnect().catch(() => {});
      })();
      // A server that has gone quiet must not hold up a shutdown that has a buffer to flush.
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
      flush();
    },
  };
}
