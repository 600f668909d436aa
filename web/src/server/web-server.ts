import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Database } from '@city/db';
import type next from 'next';
import pino, { type Logger } from 'pino';
import { SOCKET_IO_PATH } from '../shared/contract';
import { AUDIT_CSV_PATH, serveAuditCsv } from './admin/audit-csv';
import { AccessControl } from './auth/access-control';
import type { AccessOptions } from './auth/access-options';
import { checkRequest } from './auth/auth-routes';
import type { BasemapSetting } from './basemap/basemap-setting';
import { isStyleFilePath, serveStyleFile } from './basemap/style-files';
import { WEB_ROOT } from './paths';
import { type Realtime, type RealtimeOptions, startRealtime } from './realtime/realtime-server';
import { createTrpcRequestHandler, isTrpcPath } from './trpc/http-handler';

export interface WebServerOptions {
  /** The process's one database; the server LISTENs on it and runs the tRPC queries against it. */
  db: Database;
  /** TCP port; 0 picks a free one (read it back from `port`). */
  port: number;
  /** Interface to bind. Default: all interfaces, as Node does. */
  host?: string;
  /** Serve the control-room pages through Next. Default true; false serves only tRPC and Socket.IO and needs no build. */
  pages?: boolean;
  /** Default: a pino logger named "web" at info. */
  logger?: Logger;
  /** Next dev mode (compiles on request, hot reload). Default false: serves the production build in web/.next. */
  dev?: boolean;
  /** The folder with next.config.ts and .next/. Default: this package; tests point it elsewhere. */
  webRoot?: string;
  /** Origins, cluster and alarm evaluation for the live side (see RealtimeOptions). */
  realtime?: Pick<RealtimeOptions, 'clusterUrl' | 'clusterSecret' | 'alarms' | 'alarmWebhook'>;
  /** Who may call: public URL, hosts, session timeouts, the first-start link (see AccessOptions). */
  access?: AccessOptions;
  /** The city's own base map (a MapLibre style); default the one shipped in public/basemap. */
  basemap?: BasemapSetting;
}

export interface RunningWebServer {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  /** Whether this instance evaluates alarms now (it holds the leadership lock). */
  alarmsLeading(): boolean;
  /** Closes Socket.IO, the HTTP server, Next and the LISTEN; leaves no handles behind. */
  close(): Promise<void>;
}

type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** How long an idle kept-alive connection stays open. */
const KEEP_ALIVE_MS = 65_000;

/**
 * One HTTP server for the whole control room: tRPC at /api/trpc and Socket.IO at /socket.io run
 * here in the custom server's own module graph, and Next only renders pages. So the database
 * instance exists once, never inside a Next bundle (see TRAPS.md, "two copies of each module").
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const logger = options.logger ?? pino({ name: 'web' });
  const servePages = options.pages ?? true;
  const dev = options.dev ?? false;
  const webRoot = options.webRoot ?? WEB_ROOT;
  if (servePages && !dev && !existsSync(join(webRoot, '.next', 'BUILD_ID'))) {
    throw new Error(
      `WEB_NO_BUILD: ${join(webRoot, '.next')} holds no production build of the control room. ` +
        'Call ensureWebBuild() from @city/web/build first, run `npm run build -w @city/web`, or pass pages:false.',
    );
  }

  const httpServer = createServer();
  // Node closes an idle kept-alive connection after about 6 s (5 s and a second's grace). A client
  // that sends its next request just then gets the connection reset instead of an answer (an API
  // client that does not retry, such as a test or an integrator's script, fails). An idle minute is
  // past what clients keep sockets for.
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const basemap = options.basemap;
  const access = new AccessControl(
    options.db,
    { ...options.access, dev, mapOrigins: basemap?.origins },
    logger.child({ component: 'access' }),
  );
  const handleTrpc = createTrpcRequestHandler({
    db: options.db,
    logger,
    alarmEngine: () => realtime?.alarmEngine(),
    sessions: access.sessions,
    identify: (req) => checkRequest(access.sessions, req),
    originOf: (req) => access.guard.originOf(req),
    basemapStyleUrl: basemap?.styleUrl ?? null,
  });
  let handlePage: PageHandler = async (_req, res) =>
    sendJson(res, 404, { error: 'pages are off (pages:false)' });
  let realtime: Realtime | undefined;

  // Registered before Socket.IO attaches, so engine.io can put its own path check in front of it.
  httpServer.on('request', (req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (pathname.startsWith(`${SOCKET_IO_PATH}/`)) return;
    const isApi = isTrpcPath(pathname) || pathname.startsWith('/api/') || pathname === '/healthz';
    if (!access.admit(req, res, !isApi)) return;
    if (isTrpcPath(pathname)) {
      void handleTrpc(req, res, pathname);
      return;
    }
    if (pathname === AUDIT_CSV_PATH) {
      serveAuditCsv(
        { db: options.db, sessions: access.sessions, guard: access.guard, logger },
        req,
        res,
      ).catch((error: unknown) => {
        logger.error({ err: error }, 'audit export failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
      return;
    }
    if (pathname.startsWith('/api/auth/')) {
      access
        .handleAuth(req, res, pathname)
        .then((handled) => {
          if (!handled) sendJson(res, 404, { error: 'no such route' });
        })
        .catch((error: unknown) => {
          logger.error({ err: error, url: pathname }, 'sign-in route failed');
          if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        });
      return;
    }
    if (pathname === '/healthz') {
      sendJson(res, 200, {
        status: 'ok',
        ...realtime?.hub.stats,
        clients: realtime?.io.engine.clientsCount ?? 0,
        telemetryFanout: realtime?.fanout.stats,
      });
      return;
    }
    access
      .pageAllowed(req, res, pathname)
      .then((allowed) => {
        if (!allowed) return;
        if (basemap?.folder && isStyleFilePath(pathname))
          return serveStyleFile(basemap.folder, req, res, pathname, logger);
        return handlePage(req, res);
      })
      .catch((error: unknown) => {
        logger.error({ err: error, url: req.url }, 'page request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
  });

  let nextApp: ReturnType<typeof next> | undefined;
  try {
    realtime = await startRealtime({
      ...options.realtime,
      httpServer,
      db: options.db,
      logger,
      keepForeignUpgrades: dev,
      access: access.screens,
    });
    const port = await listen(httpServer, options.port, options.host);
    if (servePages) {
      // Imported only when pages are served: Next costs a tRPC/Socket.IO-only server about 15 MB of RSS.
      const { default: createNext } = await import('next');
      nextApp = createNext({ dev, dir: webRoot, hostname: options.host, port, httpServer, quiet: !dev });
      await nextApp.prepare();
      handlePage = nextApp.getRequestHandler();
    }
    const url = `http://${urlHost(options.host)}:${port}`;
    logger.info({ url, pages: servePages, dev, db: options.db.location }, 'control room listening');
    // On every interface, people open it as localhost (and the cookie is set for the name they use).
    await access.announceSetupLink(onEveryInterface(options.host) ? `http://localhost:${port}` : url);
    const openRealtime = realtime;
    const openNext = nextApp;
    return {
      url,
      port,
      alarmsLeading: () => openRealtime.alarmEngine() !== undefined,
      close: () => closeAll(openRealtime, openNext, logger).finally(() => access.close()),
    };
  } catch (error) {
    await closeAll(realtime, nextApp, logger);
    await access.close();
    if (!realtime) httpServer.close();
    throw error;
  }
}

async function closeAll(
  realtime: Realtime | undefined,
  nextApp: { close(): Promise<void> } | undefined,
  logger: Logger,
) {
  await realtime?.close();
  await nextApp?.close().catch((error: unknown) => logger.warn({ err: error }, 'Next did not close cleanly'));
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      reject(
        new Error(
          `WEB_PORT_IN_USE (EADDRINUSE): port ${port} is taken by another program. Stop it, or choose another port with PORT=${port + 1}.`,
          { cause: error },
        ),
      );
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function onEveryInterface(host: string | undefined): boolean {
  return !host || host === '0.0.0.0' || host === '::';
}

function urlHost(host: string | undefined): string {
  if (host === undefined || onEveryInterface(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
