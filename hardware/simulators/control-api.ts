import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import { HardwareError, messageOf } from '../lib/errors';
import type { RunningCabinet } from './cabinet';
import { FAULT_KINDS, type FaultKind } from './faults';

/**
 * A small HTTP API to break and mend virtual cabinets while they run: faults per device, the network
 * link, held point values. It binds to loopback by default; it is a test rig, not a production API.
 */
export interface ControlApi {
  readonly url: string;
  close(): Promise<void>;
}

export interface ControlApiOptions {
  cabinets: ReadonlyMap<string, RunningCabinet>;
  host?: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
}

class RequestError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LinkSchema = z.strictObject({ up: z.boolean() });
const PointValueSchema = z.strictObject({ value: z.number() });

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new RequestError(400, 'BAD_BODY', `${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestError(
      400,
      'BAD_JSON',
      `the body is not JSON (${messageOf(error)}); send e.g. {"delayMs": 1500}`,
    );
  }
}

function faultKind(kind: string): FaultKind {
  if (!(FAULT_KINDS as string[]).includes(kind)) {
    throw new RequestError(
      400,
      'UNKNOWN_FAULT',
      `no fault "${kind}"; expected one of ${FAULT_KINDS.join(', ')}`,
    );
  }
  return kind as FaultKind;
}

export function controlApp(cabinets: ReadonlyMap<string, RunningCabinet>, logger: Logger): Hono {
  const cabinetNamed = (id: string): RunningCabinet => {
    const cabinet = cabinets.get(id);
    if (!cabinet) {
      throw new RequestError(
        404,
        'CITY_HW_UNKNOWN_CABINET',
        `no cabinet "${id}" runs here; expected one of ${[...cabinets.keys()].join(', ')}`,
      );
    }
    return cabinet;
  };
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof RequestError)
      return c.json({ error: error.code, message: error.message }, error.status);
    if (error instanceof HardwareError) {
      const status = error.code.startsWith('CITY_HW_UNKNOWN') ? 404 : 400;
      return c.json({ error: error.code, message: error.message }, status);
    }
    if (error instanceof z.ZodError) {
      return c.json({ error: 'BAD_BODY', message: z.prettifyError(error) }, 400);
    }
    logger.error({ err: error }, 'control request failed');
    return c.json({ error: 'INTERNAL', message: messageOf(error) }, 500);
  });
  app.get('/cabinets', (c) => c.json([...cabinets.values()].map((cabinet) => cabinet.describe())));
  app.get('/cabinets/:cabinet', (c) => c.json(cabinetNamed(c.req.param('cabinet')).describe()));
  app.put('/cabinets/:cabinet/devices/:device/faults/:kind', async (c) => {
    const cabinet = cabinetNamed(c.req.param('cabinet'));
    const kind = faultKind(c.req.param('kind'));
    const settings = await jsonBody(c.req.raw);
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new RequestError(400, 'BAD_BODY', 'the body must be a JSON object of the fault settings');
    }
    const fault = cabinet.setFault(c.req.param('device'), { ...settings, kind } as never);
    return c.json({ fault });
  });
  app.delete('/cabinets/:cabinet/devices/:device/faults/:kind?', (c) => {
    const cabinet = cabinetNamed(c.req.param('cabinet'));
    const kind = c.req.param('kind');
    return c.json({ cleared: cabinet.clearFault(c.req.param('device'), kind ? faultKind(kind) : undefined) });
  });
  app.post('/cabinets/:cabinet/connections/drop', (c) =>
    c.json({ dropped: cabinetNamed(c.req.param('cabinet')).dropConnections() }),
  );
  app.put('/cabinets/:cabinet/link', async (c) => {
    const cabinet = cabinetNamed(c.req.param('cabinet'));
    const { up } = parsed(LinkSchema, await jsonBody(c.req.raw), 'link');
    cabinet.setLinkUp(up);
    return c.json({ up });
  });
  app.put('/cabinets/:cabinet/devices/:device/points/:point', async (c) => {
    const cabinet = cabinetNamed(c.req.param('cabinet'));
    const { value } = parsed(PointValueSchema, await jsonBody(c.req.raw), 'point value');
    cabinet.setPointValue(c.req.param('device'), c.req.param('point'), value);
    return c.json({ held: value });
  });
  app.delete('/cabinets/:cabinet/devices/:device/points/:point', (c) => {
    const cabinet = cabinetNamed(c.req.param('cabinet'));
    cabinet.releasePoint(c.req.param('device'), c.req.param('point'));
    return c.json({ released: true });
  });
  app.notFound((c) =>
    c.json(
      {
        error: 'NOT_FOUND',
        message: `no route ${c.req.method} ${c.req.path}; see GET /cabinets and the hardware README`,
      },
      404,
    ),
  );
  return app;
}

export async function serveControlApi(options: ControlApiOptions): Promise<ControlApi> {
  const host = options.host ?? '127.0.0.1';
  const app = controlApp(options.cabinets, options.logger);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port: options.port }, () => resolve(started));
    started.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new HardwareError(
          'CITY_HW_PORT_UNAVAILABLE',
          `cannot serve the control API on ${host}:${options.port} (${error.code ?? error.message}); choose another --control-port`,
          { cause: error },
        ),
      ),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ url: `http://${host}:${port}` }, 'cabinet control API listening');
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
