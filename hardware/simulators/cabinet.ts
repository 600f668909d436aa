import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Cabinet } from '../city/loader';
import { HardwareError, messageOf } from '../lib/errors';
import { FaultyDevice } from './device-faults';
import { type Fault, type FaultInput, type FaultKind, OPC_UA_ONLY_FAULTS } from './faults';
import { FieldDevice } from './field-device';
import { serveModbusRtu } from './modbus/rtu-server';
import { serveModbusTcp } from './modbus/tcp-server';
import { CabinetSignals } from './signals/cabinet-signals';
import { localTimeIn } from './signals/local-time';
import { seededRandom, seedOf } from './signals/random';

/** Epoch milliseconds; tests pass a fixed clock to put the simulation at a chosen time of day. */
export type Clock = () => number;

export interface StartCabinetOptions {
  /** Default: the cabinet's modbus.host. */
  host?: string;
  /** Default: the cabinet's modbus.port; 0 picks a free port (tests). */
  port?: number;
  /** Default: silent. */
  logger?: Logger;
  /** Default: Date.now. */
  clock?: Clock;
  /** How often the signal models advance, in ms. Default 1000. */
  tickMs?: number;
  /** Seeds the noise of every device; the same seed replays the same values. Default 1. */
  seed?: number;
  /** Also serve the devices as slaves on a serial line (Modbus RTU), e.g. one end of a socat pty pair. */
  rtu?: { path: string; baudRate?: number };
  /** Also serve the devices over OPC UA on this port; pkiDir keeps the server's certificate. */
  opcua?: { port: number; pkiDir?: string };
}

/** A virtual field cabinet serving Modbus TCP. Values are engineering values (µg/m³, km/h, ...). */
export interface RunningCabinet {
  readonly id: string;
  readonly host: string;
  /** The port actually bound (useful when started with port 0). */
  readonly port: number;
  /** Where its OPC UA server answers, if it serves one. */
  readonly opcUaEndpoint: string | undefined;
  /** Forces a point to a value and holds it there until released, e.g. to provoke an alarm. */
  setPointValue(deviceId: string, pointName: string, value: number): void;
  /** Hands a held point back to its signal model. */
  releasePoint(deviceId: string, pointName: string): void;
  /** The value a master would decode from the registers right now. */
  readPointValue(deviceId: string, pointName: string): number;
  /** Runs a hook before every read of one device (Modbus request or OPC UA publish); returns detach. */
  onRead(deviceId: string, hook: () => void): () => void;
  /** Switches a fault on for one device (see faults.ts); throws for an unknown device or bad settings. */
  setFault(deviceId: string, fault: FaultInput): Fault;
  /** Switches one fault of a device off, or all of them; returns the kinds that were on. */
  clearFault(deviceId: string, kind?: FaultKind): FaultKind[];
  /** Closes every client connection now; returns how many there were. */
  dropConnections(): number;
  /** Takes the cabinet's network link down (connections refused) or back up. */
  setLinkUp(up: boolean): void;
  /** What runs here and what is broken, for the control API. */
  describe(): CabinetState;
  /** Stops the models and the server and closes every client connection. */
  stop(): Promise<void>;
}

export interface CabinetState {
  id: string;
  host: string;
  port: number;
  linkUp: boolean;
  opcUaEndpoint: string | undefined;
  devices: { id: string; unitId: number; model: string; points: string[]; faults: Fault[] }[];
}

export async function startCabinet(
  cabinet: Cabinet,
  options: StartCabinetOptions = {},
): Promise<RunningCabinet> {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ cabinet: cabinet.id });
  const clock = options.clock ?? Date.now;
  const tickMs = options.tickMs ?? 1000;
  const seed = options.seed ?? 1;
  const localTime = localTimeIn(cabinet.timeZone);
  // Seeded by the run, not the cabinet: every cabinet of one city run sees the same weather.
  const shared = new CabinetSignals(seededRandom(seedOf(seed, 'weather')));

  const devices = new Map(
    cabinet.devices.map((device) => {
      const deviceLogger = logger.child({ device: device.id, unitId: device.unitId });
      const field = new FieldDevice(device, seedOf(seed, device.id), deviceLogger, shared);
      return [device.id, new FaultyDevice(field, deviceLogger)];
    }),
  );
  const deviceNamed = (deviceId: string): FaultyDevice => {
    const device = devices.get(deviceId);
    if (!device) {
      throw new HardwareError(
        'CITY_HW_UNKNOWN_DEVICE',
        `cabinet "${cabinet.id}" has no device "${deviceId}"; expected one of ${[...devices.keys()].join(', ')}`,
      );
    }
    return device;
  };

  const tick = () => {
    try {
      const time = localTime(clock());
      shared.advance(time, tickMs / 1000);
      for (const { device, frozen } of devices.values()) if (!frozen) device.tick(time, tickMs / 1000);
    } catch (error) {
      logger.error(
        { err: error, reason: messageOf(error) },
        'signal tick failed; registers keep their last values',
      );
    }
  };
  // Fill the banks before the port opens, so the first poll already reads plausible values.
  tick();

  const host = options.host ?? cabinet.modbus.host;
  const server = await serveModbusTcp({
    host,
    port: options.port ?? cabinet.modbus.port,
    units: new Map([...devices.values()].map((faulty) => [faulty.unitId, faulty])),
    logger,
  });
  const rtu = options.rtu
    ? await serveModbusRtu({
        path: options.rtu.path,
        baudRate: options.rtu.baudRate ?? 19_200,
        units: new Map([...devices.values()].map((faulty) => [faulty.unitId, faulty])),
        logger,
      }).catch(async (error: unknown) => {
        await server.close();
        throw error;
      })
    : undefined;
  // node-opcua takes a second or two to load; only cabinets that speak OPC UA pay for it.
  const opcua = options.opcua
    ? await (await import('./opcua/server'))
        .serveOpcUa({
          cabinet,
          devices,
          host,
          port: options.opcua.port,
          pkiDir: options.opcua.pkiDir ?? join(tmpdir(), 'city-opcua-pki', cabinet.id),
          logger,
        })
        .catch(async (error: unknown) => {
          await rtu?.close();
          await server.close();
          throw error;
        })
    : undefined;
  opcua?.publish(clock());
  const timer = setInterval(() => {
    tick();
    opcua?.publish(clock());
  }, tickMs);
  logger.info({ host: server.host, port: server.port, devices: devices.size }, 'cabinet serving Modbus TCP');

  let linkUp = true;
  let stopping: Promise<void> | undefined;
  return {
    id: cabinet.id,
    host: server.host,
    port: server.port,
    opcUaEndpoint: opcua?.endpointUrl,
    setPointValue: (deviceId, pointName, value) =>
      deviceNamed(deviceId).device.setPointValue(pointName, value),
    releasePoint: (deviceId, pointName) => deviceNamed(deviceId).device.releasePoint(pointName),
    readPointValue: (deviceId, pointName) => deviceNamed(deviceId).device.readPointValue(pointName),
    setFault(deviceId, fault) {
      if (OPC_UA_ONLY_FAULTS.includes(fault.kind) && !opcua) {
        throw new HardwareError(
          'CITY_HW_FAULT_NOT_APPLICABLE',
          `${fault.kind} is an OPC UA fault; cabinet "${cabinet.id}" serves no OPC UA (give it an opcua port)`,
        );
      }
      if (fault.kind === 'bad-crc' && !rtu) {
        throw new HardwareError(
          'CITY_HW_FAULT_NOT_APPLICABLE',
          `bad-crc needs a serial line; "${deviceId}" in cabinet "${cabinet.id}" is served over Modbus TCP only, which has no CRC; start the cabinet with a serial line (rtu) for it`,
        );
      }
      return deviceNamed(deviceId).set(fault);
    },
    clearFault: (deviceId, kind) => deviceNamed(deviceId).clear(kind),
    onRead: (deviceId, hook) => deviceNamed(deviceId).onRead(hook),
    dropConnections() {
      const dropped = server.dropConnections();
      logger.warn({ dropped }, 'dropped every client connection');
      return dropped;
    },
    setLinkUp(up) {
      linkUp = up;
      server.setLinkUp(up);
      logger.warn({ up }, up ? 'network link back up' : 'network link down');
    },
    describe: () => ({
      id: cabinet.id,
      host: server.host,
      port: server.port,
      linkUp,
      opcUaEndpoint: opcua?.endpointUrl,
      devices: [...devices.values()].map((faulty) => ({
        id: faulty.device.id,
        unitId: faulty.unitId,
        model: faulty.device.model,
        points: faulty.device.pointNames(),
        faults: faulty.list(),
      })),
    }),
    stop: () => {
      stopping ??= (async () => {
        clearInterval(timer);
        await opcua?.close();
        await rtu?.close();
        await server.close();
        logger.info('cabinet stopped');
      })();
      return stopping;
    },
  };
}
