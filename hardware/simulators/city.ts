import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { City } from '../city/loader';
import { freePort } from '../lib/free-port';
import { type Clock, type RunningCabinet, startCabinet } from './cabinet';
import { type ControlApi, serveControlApi } from './control-api';

export interface StartCityOptions {
  /** Default: each cabinet's modbus.host. */
  host?: string;
  /**
   * Where the cabinets listen. Default: the port each has in the city file. A number N puts the
   * first cabinet on N, the next on N + 1 and so on; 0 gives each a free port (tests).
   */
  basePort?: number;
  /** The control API's port on loopback; 0 picks a free one; undefined serves none. */
  controlPort?: number;
  logger?: Logger;
  clock?: Clock;
  tickMs?: number;
  seed?: number;
  /** Serve OPC UA where the city file says so (on free ports when basePort is 0). Default true. */
  opcua?: boolean;
  /** Where OPC UA servers keep their certificates, one folder per cabinet. Default: under the temp dir. */
  pkiDir?: string;
  /** A serial line for the first cabinet's devices as RTU slaves (the CLI runs one cabinet with it). */
  rtu?: { path: string; baudRate?: number };
}

export interface RunningCity {
  readonly cabinets: readonly RunningCabinet[];
  /** Where faults are switched, when a control port was given. */
  readonly control: ControlApi | undefined;
  stop(): Promise<void>;
}

/** Every cabinet of a city, each on its own port, and one control API for all of them. */
export async function startCity(city: City, options: StartCityOptions = {}): Promise<RunningCity> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const cabinets: RunningCabinet[] = [];
  let control: ControlApi | undefined;
  const stop = async () => {
    await control?.close();
    for (const cabinet of cabinets.splice(0).reverse()) await cabinet.stop();
  };
  try {
    for (const [index, cabinet] of city.cabinets.entries()) {
      const port =
        options.basePort === undefined ? undefined : options.basePort === 0 ? 0 : options.basePort + index;
      cabinets.push(
        await startCabinet(cabinet, {
          ...(options.host ? { host: options.host } : {}),
          ...(port === undefined ? {} : { port }),
          logger,
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.tickMs ? { tickMs: options.tickMs } : {}),
          ...(options.seed === undefined ? {} : { seed: options.seed }),
          ...(options.rtu && index === 0 ? { rtu: options.rtu } : {}),
          ...(cabinet.opcua && options.opcua !== false
            ? {
                opcua: {
                  port: options.basePort === 0 ? await freePort() : cabinet.opcua.port,
                  ...(options.pkiDir ? { pkiDir: join(options.pkiDir, cabinet.id) } : {}),
                },
              }
            : {}),
        }),
      );
    }
    if (options.controlPort !== undefined) {
      control = await serveControlApi({
        cabinets: new Map(cabinets.map((cabinet) => [cabinet.id, cabinet])),
        port: options.controlPort,
        logger,
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    cabinets: [...cabinets],
    control,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
