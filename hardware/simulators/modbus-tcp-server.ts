import { Server, type Socket } from 'node:net';
import { type IServiceVector, ServerTCP } from 'modbus-serial';
import type { Logger } from 'pino';
import { HardwareError, messageOf } from '../lib/errors';
import type { RegisterTable } from '../profiles/schema';
import { ExceptionCode, ModbusException } from './modbus-exception';

/**
 * The only file in simulators/ that touches modbus-serial. It serves one TCP port for several unit
 * ids, as a TCP-to-RTU gateway in a field cabinet does, and keeps the library's types in here.
 */

/**
 * What the server asks of a device behind it; throw ModbusException (or reject with it) to answer
 * with an exception. A promise answers when it settles, late or never.
 */
export interface ModbusUnit {
  read(table: RegisterTable, address: number, count: number): number[] | Promise<number[]>;
  write(table: RegisterTable, address: number, words: readonly number[]): void | Promise<void>;
}

export interface ModbusTcpServer {
  readonly host: string;
  readonly port: number;
  /** Closes every client connection now, as a cabinet's TCP-to-RTU bridge rebooting does; returns how many. */
  dropConnections(): number;
  /** While down, every new connection is closed as soon as it opens. */
  setLinkUp(up: boolean): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  units: ReadonlyMap<number, ModbusUnit>;
  logger: Logger;
}

/** modbus-serial answers with an exception when a handler throws something with a numeric modbusErrorCode. */
function toLibraryError(error: unknown, logger: Logger): Error & { modbusErrorCode: number } {
  if (error instanceof ModbusException) {
    logger.debug(
      { exceptionCode: error.exceptionCode, reason: error.message },
      'answered with a Modbus exception',
    );
    return Object.assign(new Error(error.message), { modbusErrorCode: error.exceptionCode });
  }
  logger.error({ err: error }, 'request handler failed; answered with server device failure');
  return Object.assign(new Error(messageOf(error)), { modbusErrorCode: ExceptionCode.ServerDeviceFailure });
}

type ReadDone = (error: Error | null, values: number[]) => void;

/**
 * Builds the library's vector. Its handlers pick callback, promise or plain-value style by each
 * function's declared parameter count (fn.length), so these take exactly the synchronous arguments.
 */
function vectorFor(units: ReadonlyMap<number, ModbusUnit>, logger: Logger): IServiceVector {
  const unitFor = (unitId: number): ModbusUnit => {
    const unit = units.get(unitId);
    if (!unit) {
      throw new ModbusException(
        ExceptionCode.GatewayTargetFailedToRespond,
        `no device answers as unit ${unitId}`,
      );
    }
    return unit;
  };
  const guarded = <T>(work: () => T | Promise<T>): T | Promise<T> => {
    try {
      const result = work();
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          throw toLibraryError(error, logger);
        });
      }
      return result;
    } catch (error) {
      throw toLibraryError(error, logger);
    }
  };
  const first = (words: number[] | Promise<number[]>) =>
    words instanceof Promise ? words.then((all) => all[0] ?? 0) : (words[0] ?? 0);
  const bit = (word: number | Promise<number>) =>
    word instanceof Promise ? word.then((value) => value === 1) : word === 1;
  const readOne = (table: RegisterTable, address: number, unitId: number) =>
    guarded(() => first(unitFor(unitId).read(table, address, 1)));
  // For block reads the library wants the array at once, or a callback (it tells them apart by
  // arity); the callback lets a device answer late, or never.
  const readMany = (table: RegisterTable, address: number, count: number, unitId: number, done: ReadDone) => {
    try {
      const words = unitFor(unitId).read(table, address, count);
      if (words instanceof Promise) {
        words.then(
          (values) => done(null, values),
          (error: unknown) => done(toLibraryError(error, logger), []),
        );
      } else done(null, words);
    } catch (error) {
      // The library indexes the values even when handed an error, so it gets an empty array too.
      done(toLibraryError(error, logger), []);
    }
  };
  return {
    getCoil: (address: number, unitId: number) => bit(readOne('coil', address, unitId)),
    getDiscreteInput: (address: number, unitId: number) => bit(readOne('discrete-input', address, unitId)),
    getInputRegister: (address: number, unitId: number) => readOne('input-register', address, unitId),
    getHoldingRegister: (address: number, unitId: number) => readOne('holding-register', address, unitId),
    getMultipleInputRegisters: (address: number, count: number, unitId: number, done: ReadDone) =>
      readMany('input-register', address, count, unitId, done),
    getMultipleHoldingRegisters: (address: number, count: number, unitId: number, done: ReadDone) =>
      readMany('holding-register', address, count, unitId, done),
    setCoil: (address: number, value: boolean, unitId: number) =>
      guarded(() => unitFor(unitId).write('coil', address, [value ? 1 : 0])),
    setRegister: (address: number, value: number, unitId: number) =>
      guarded(() => unitFor(unitId).write('holding-register', address, [value])),
    setRegisterArray: (address: number, values: number[], unitId: number): void | Promise<void> => {
      // The library has already answered a zero-length FC16 with an exception but calls this anyway;
      // any outcome here would send a second answer, so it gets a promise that never settles.
      if (values.length === 0) return new Promise<void>(() => {});
      return guarded(() => unitFor(unitId).write('holding-register', address, values));
    },
  };
}

export async function serveModbusTcp({ host, port, units, logger }: ServeOptions): Promise<ModbusTcpServer> {
  const server = new ServerTCP(vectorFor(units, logger), {
    host,
    // The library does `port || 502`, so 0 would become 502; Node reads the string "0" as "any free port".
    port: port === 0 ? ('0' as unknown as number) : port,
    // No unitID: the library then passes every unit id to the vector, which answers for known ones.
  });
  server.on('socketError', (error: unknown) => logger.debug({ err: error }, 'client connection error'));
  server.on('error', (error: unknown) => logger.warn({ err: error }, 'modbus server error'));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('initialized', () => resolve());
      server.once('serverError', reject);
    });
  } catch (error) {
    await closeQuietly(server);
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE' ? '; another process holds it: stop that one or choose another port' : '';
    throw new HardwareError(
      'CITY_HW_PORT_UNAVAILABLE',
      `cannot serve Modbus TCP on ${host}:${port} (${code ?? messageOf(error)})${hint}`,
      { cause: error },
    );
  }
  server.on('serverError', (error: unknown) => logger.error({ err: error }, 'modbus listener error'));

  // ServerTCP does not expose its net.Server; the bound port is only known from there when port was 0.
  const listener: unknown = Reflect.get(server, '_server');
  const address = listener instanceof Server ? listener.address() : null;
  const boundPort = typeof address === 'object' && address ? address.port : port;
  if (boundPort === 0) {
    await closeQuietly(server);
    throw new HardwareError(
      'CITY_HW_PORT_UNAVAILABLE',
      'modbus-serial no longer exposes the bound port; pass a fixed port',
    );
  }

  const sockets = new Set<Socket>();
  let linkUp = true;
  if (listener instanceof Server) {
    listener.on('connection', (socket: Socket) => {
      if (!linkUp) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  }
  const dropConnections = () => {
    const dropped = sockets.size;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    return dropped;
  };

  let closing: Promise<void> | undefined;
  return {
    host,
    port: boundPort,
    dropConnections,
    setLinkUp(up) {
      linkUp = up;
      if (!up) dropConnections();
    },
    close: () => {
      closing ??= closeQuietly(server);
      return closing;
    },
  };
}

/**
 * Resolves once the listening handle is released, not merely closed: net.Server reports 'close'
 * before libuv's close phase, which comes after the next check phase, hence two setImmediate hops.
 */
async function closeQuietly(server: ServerTCP): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
  });
  for (let hop = 0; hop < 2; hop++) await new Promise((resolve) => setImmediate(resolve));
}
