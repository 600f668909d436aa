import { Server } from 'node:net';
import { type IServiceVector, ServerTCP } from 'modbus-serial';
import type { Logger } from 'pino';
import { HardwareError, messageOf } from '../lib/errors';
import type { RegisterTable } from '../profiles/schema';
import { ExceptionCode, ModbusException } from './modbus-exception';

/**
 * The only file in simulators/ that touches modbus-serial. It serves one TCP port for several unit
 * ids, as a TCP-to-RTU gateway in a field cabinet does, and keeps the library's types in here.
 */

/** What the server asks of a device behind it; throw ModbusException to answer with an exception. */
export interface ModbusUnit {
  read(table: RegisterTable, address: number, count: number): number[];
  write(table: RegisterTable, address: number, words: readonly number[]): void;
}

export interface ModbusTcpServer {
  readonly host: string;
  readonly port: number;
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
  const guarded = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw toLibraryError(error, logger);
    }
  };
  const readOne = (table: RegisterTable, address: number, unitId: number) =>
    guarded(() => unitFor(unitId).read(table, address, 1)[0] ?? 0);
  const readMany = (table: RegisterTable, address: number, count: number, unitId: number) =>
    guarded(() => unitFor(unitId).read(table, address, count));
  return {
    getCoil: (address: number, unitId: number) => readOne('coil', address, unitId) === 1,
    getDiscreteInput: (address: number, unitId: number) => readOne('discrete-input', address, unitId) === 1,
    getInputRegister: (address: number, unitId: number) => readOne('input-register', address, unitId),
    getHoldingRegister: (address: number, unitId: number) => readOne('holding-register', address, unitId),
    getMultipleInputRegisters: (address: number, count: number, unitId: number) =>
      readMany('input-register', address, count, unitId),
    getMultipleHoldingRegisters: (address: number, count: number, unitId: number) =>
      readMany('holding-register', address, count, unitId),
    setCoil: (address: number, value: boolean, unitId: number) =>
      guarded(() => unitFor(unitId).write('coil', address, [value ? 1 : 0])),
    setRegister: (address: number, value: number, unitId: number) =>
      guarded(() => unitFor(unitId).write('holding-register', address, [value])),
    setRegisterArray: (address: number, values: number[], unitId: number): void | Promise<void> => {
      // The library has already answered a zero-length FC16 with an exception but calls this anyway;
      // any outcome here would send a second answer, so it gets a promise that never settles.
      if (values.length === 0) return new Promise<void>(() => {});
      guarded(() => unitFor(unitId).write('holding-register', address, values));
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

  let closing: Promise<void> | undefined;
  return {
    host,
    port: boundPort,
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
