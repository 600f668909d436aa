import type { Server as HttpServer } from 'node:http';
import { type Database, latestValues, listAssets, listChannels } from '@city/db';
import { ALARM_RULES_NOTIFY_CHANNEL, type LatestValue, READINGS_NOTIFY_CHANNEL } from '@city/domain';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { type ClientToServerEvents, type ServerToClientEvents, SOCKET_IO_PATH } from '../../shared/contract';
import { serveRelayedActions } from '../alarms/actions';
import { AlarmEngine } from '../alarms/engine';
import { type Leadership, startLeadership } from '../alarms/leadership';
import { AlarmWebhooks } from '../alarms/webhooks';
import { broadcastAlarms, openAlarmStream } from './alarm-stream';
import { guardClientEvents } from './client-events';
import { joinCluster } from './cluster-adapter';
import { NoticeGate } from './notice-gate';
import type { ChannelPlace, Selection } from './rooms';
import { ClientHelloSchema, type ScreenAccess, type ScreenData, sweepEndedSessions } from './screen-access';
import { SnapshotSender } from './snapshot-sender';
import { TelemetryFanout } from './telemetry-fanout';
import { TelemetryHub } from './telemetry-hub';
import { serveWatch } from './watch-throttle';

const PLACES_REFRESH_MS = 60_000;

/** Each channel's layer and district, for routing telemetry to the screens that watch them. */
async function loadPlaces(db: Database): Promise<Map<string, ChannelPlace>> {
  const [assets, channels] = await Promise.all([listAssets(db), listChannels(db)]);
  const byId = new Map(assets.map((asset) => [asset.id, asset]));
  const places = new Map<string, ChannelPlace>();
  for (const channel of channels) {
    const asset = byId.get(channel.assetId);
    if (asset) places.set(channel.id, { layer: asset.layer, district: asset.district });
  }
  return places;
}

export type TelemetryServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface RealtimeOptions {
  httpServer: HttpServer;
  db: Database;
  logger: Logger;
  /** Leave upgrade requests for other paths alone (Next's dev hot-reload socket). Default false. */
  keepForeignUpgrades?: boolean;
  /** Who may connect: Host and Origin, and the session behind the cookie (see ScreenAccess). */
  access: ScreenAccess;
  /**
   * Share rooms with other web instances on the same PostgreSQL server (its URL). Needed when more
   * than one instance serves screens; not for the embedded database, which serves one process.
   */
  clusterUrl?: string | undefined;
  /**
   * Names the cluster's NOTIFY channel, so that no role that does not know it (a gateway's) can post
   * to every screen. The same for every instance of a deployment (CLUSTER_SECRET); default one per
   * process, which only instances within this process share.
   */
  clusterSecret?: string | undefined;
  /** Evaluate alarms when this instance holds the leadership lock. Default true. */
  alarms?: boolean;
  /** Urgent alarms are POSTed here by the evaluating instance, besides the admins' webhooks (see AlarmWebhooks). */
  alarmWebhook?: { url: string; maxPriority?: number } | undefined;
}

export interface Realtime {
  io: TelemetryServer;
  hub: TelemetryHub;
  fanout: TelemetryFanout;
  /** Whether this instance evaluates alarms now, and its engine when it does. */
  alarmEngine(): AlarmEngine | undefined;
  /** Stops listening, disconnects every client and closes the HTTP server Socket.IO is attached to. */
  close(): Promise<void>;
}

/**
 * LISTEN → hub → Socket.IO, and the alarm engine on the instance that leads. Listening starts before
 * the initial load, so a reading committed in between is not lost; the hub's newest-wins merge makes
 * the overlap harmless.
 */
export async function startRealtime(options: RealtimeOptions): Promise<Realtime> {
  const logger = options.logger.child({ component: 'realtime' });
  const { db } = options;
  const io: TelemetryServer = new Server(options.httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    // A wall screen must show LINK LOST within seconds of a dropped link, not the default 45 s.
    pingInterval: 5_000,
    pingTimeout: 5_000,
    destroyUpgrade: !options.keepForeignUpgrades,
    allowRequest: (request, callback) => {
      const allowed = options.access.requestAllowed(request);
      if (!allowed)
        logger.warn(
          { origin: request.headers.origin, host: request.headers.host },
          'refused a screen: foreign Host or Origin',
        );
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });
  const leaveCluster = options.clusterUrl
    ? joinCluster(io, { url: options.clusterUrl, secret: options.clusterSecret }, logger)
    : undefined;
  io.use((socket, next) => {
    const hello = ClientHelloSchema.safeParse(socket.handshake.auth ?? {});
    if (!hello.success) {
      const issues = hello.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      next(new Error(`bad hello in auth: ${issues}`));
      return;
    }
    options.access
      .identify(socket.request)
      .then((check) => {
        if (!check.ok) return next(new Error('signed-out'));
        socket.data = { hello: hello.data, principal: check.principal };
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });
  const stopSweep = sweepEndedSessions(io, options.access, logger);

  let engine: AlarmEngine | undefined;
  const observe = (values: readonly LatestValue[]) => engine?.onValues(values);
  const places = await loadPlaces(db);
  const placesTimer = setInterval(() => {
    loadPlaces(db).then(
      (fresh) => {
        places.clear();
        for (const [id, place] of fresh) places.set(id, place);
      },
      (error: unknown) => logger.warn({ err: error }, 'channel places not refreshed'),
    );
  }, PLACES_REFRESH_MS);
  // Telemetry goes to this instance's own screens (every instance runs its own hub on the same
  // NOTIFY), each screen getting the layers and districts it watches. Not volatile: a frame carries
  // only changes, so a dropped one would leave a channel stale; a slow screen is coalesced instead.
  const hub: TelemetryHub = new TelemetryHub({ logger, observe, publish: (frame) => fanout.publish(frame) });
  const fanout = new TelemetryFanout(io, (id) => places.get(id), {
    newestSince: (seq) => hub.newestSince(seq),
  });
  const snapshots = new SnapshotSender({
    io,
    snapshot: () => hub.snapshot(),
    placeOf: (id) => places.get(id),
    beforeJoin: (socket) => fanout.resync(socket),
  });

  // Each notice's sender is checked first: a role may announce only channels it may write (issue 13).
  const gate = new NoticeGate({
    db,
    logger,
    deliver: (payload, sender) => hub.handleNotice(payload, sender),
  });
  const unlisten = await db.listen(READINGS_NOTIFY_CHANNEL, (payload, pid) => gate.receive(payload, pid));
  try {
    hub.apply(await latestValues(db));
  } catch (error) {
    await unlisten();
    gate.close();
    hub.close();
    throw error;
  }

  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id, transport: socket.conn.transport.name }, 'client connected');
    guardClientEvents(socket, logger);
    fanout.attach(socket);
    const watch = (selection: Selection) => snapshots.request(socket, selection);
    const { layers, districts } = (socket.data as ScreenData).hello;
    watch({ ...(layers ? { layers } : {}), ...(districts ? { districts } : {}) });
    serveWatch(socket, watch, logger);
    openAlarmStream(socket, (socket.data as ScreenData).hello.lastAlarmSeq, db, logger).catch(
      (error: unknown) => {
        logger.warn({ err: error, socket: socket.id }, 'alarm stream could not open; the screen reconnects');
        socket.disconnect(true);
      },
    );
  });

  const leadership: Leadership | undefined =
    options.alarms === false
      ? undefined
      : startLeadership({
          db,
          logger,
          lead: async () => {
            const webhook = new AlarmWebhooks({ db, logger, fromEnv: options.alarmWebhook });
            const rules = await listenForRuleChanges(db, logger);
            const started = await AlarmEngine.start({
              db,
              logger: logger.child({ part: 'alarms' }),
              onTransitions: (transitions) => {
                broadcastAlarms(io, transitions);
                webhook.notify(transitions);
              },
            }).catch(async (error: unknown) => {
              await rules.unlisten().catch(() => {});
              webhook.close();
              throw error;
            });
            engine = started;
            const ticking = setInterval(() => {
              started.tick().catch((error: unknown) => logger.warn({ err: error }, 'alarm tick failed'));
            }, 1_000);
            rules.attach(started);
            // Operators' actions taken on other instances.
            const stopRelay = await serveRelayedActions(db, started, logger);
            return async () => {
              await stopRelay().catch(() => {});
              await rules.unlisten().catch(() => {});
              clearInterval(ticking);
              engine = undefined;
              await started.flush();
              webhook.close();
            };
          },
        });
  logger.info({ channels: hub.stats.channels, listen: READINGS_NOTIFY_CHANNEL }, 'realtime hub listening');

  return {
    io,
    hub,
    fanout,
    alarmEngine: () => engine,
    async close() {
      clearInterval(placesTimer);
      stopSweep();
      await leadership?.stop();
      await unlisten().catch((error: unknown) => logger.warn({ err: error }, 'UNLISTEN failed'));
      gate.close();
      hub.close();
      fanout.close();
      snapshots.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        // Keep-alive page and tRPC connections would otherwise hold server.close() open.
        options.httpServer.closeAllConnections();
      });
      await leaveCluster?.().catch(() => {});
    },
  };
}

/**
 * A rule saved through any instance takes effect on the evaluating one at once. Listening starts
 * before the engine loads its rules, so a rule saved while it loads is not missed until the next change.
 */
export async function listenForRuleChanges(db: Database, logger: Logger) {
  let target: AlarmEngine | undefined;
  let changedWhileLoading = false;
  const reload = () => {
    if (!target) {
      changedWhileLoading = true;
      return;
    }
    target.reload().catch((error: unknown) => logger.warn({ err: error }, 'alarm rules not reloaded'));
  };
  const unlisten = await db.listen(ALARM_RULES_NOTIFY_CHANNEL, reload);
  return {
    unlisten,
    attach(engine: AlarmEngine) {
      target = engine;
      if (changedWhileLoading) reload();
    },
  };
}
