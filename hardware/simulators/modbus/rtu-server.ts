import type { Logger } from 'pino';
import { SerialPort } from 'serialport';
import { HardwareError, messageOf } from '../../lib/errors';
import { crc16 } from './crc16';
import { answerPdu, FunctionCode, type ModbusUnit } from './pdu';

/**
 * Modbus RTU (Modbus over Serial Line V1.02) on one serial line with several slaves, as on an RS-485
 * bus in a cabinet. A slave answers only its own address and stays silent otherwise, as the others
 * on the bus would answer theirs; address 0 is a broadcast that writes and is never answered.
 */
export interface RtuUnit extends ModbusUnit {
  /** Whether this answer goes out with a broken CRC (a noisy line). */
  corruptsAnswer?(): boolean;
}

export interface ModbusRtuServer {
  readonly path: string;
  close(): Promise<void>;
}

export interface ServeRtuOptions {
  path: string;
  baudRate: number;
  units: ReadonlyMap<number, RtuUnit>;
  logger: Logger;
}

/** Bytes of a request, from its function code; undefined while too few bytes have arrived to know. */
function requestLength(buffer: Buffer): number | undefined {
  const functionCode = buffer[1];
  if (functionCode === undefined) return undefined;
  if (functionCode >= FunctionCode.ReadCoils && functionCode <= FunctionCode.WriteSingleRegister) return 8;
  if (
    functionCode === FunctionCode.WriteMultipleCoils ||
    functionCode === FunctionCode.WriteMultipleRegisters
  ) {
    const byteCount = buffer[6];
    return byteCount === undefined ? undefined : 9 + byteCount;
  }
  return Number.POSITIVE_INFINITY; // unknown: the frame ends where the line falls silent
}

function withCrc(frame: Buffer, corrupt: boolean): Buffer {
  const crc = crc16(frame) ^ (corrupt ? 0xffff : 0);
  return Buffer.concat([frame, Buffer.from([crc & 0xff, crc >> 8])]);
}

export async function serveModbusRtu({
  path,
  baudRate,
  units,
  logger,
}: ServeRtuOptions): Promise<ModbusRtuServer> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  } catch (error) {
    throw new HardwareError(
      'CITY_HW_PORT_UNAVAILABLE',
      `cannot open the serial line ${path}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  // 3.5 character times end a frame; at any baud rate a pty delivers a frame well within this.
  const silenceMs = Math.max(5, Math.ceil((3.5 * 11 * 1000) / baudRate));
  let pending: Buffer = Buffer.alloc(0);
  let silence: NodeJS.Timeout | undefined;

  const onUnexpected = (error: unknown) =>
    logger.error({ err: messageOf(error) }, 'device failed on a request; answered "server device failure"');
  const send = (slave: number, unit: RtuUnit, pdu: Buffer) => {
    if (port.isOpen)
      port.write(withCrc(Buffer.concat([Buffer.from([slave]), pdu]), unit.corruptsAnswer?.() ?? false));
  };
  const handle = (frame: Buffer) => {
    const body = frame.subarray(0, -2);
    if (frame.length < 4 || crc16(body) !== frame.readUInt16LE(frame.length - 2)) {
      logger.debug({ bytes: frame.length }, 'frame with a bad CRC or too short; ignored as a slave must');
      return;
    }
    const slave = frame[0] ?? 0;
    const pdu = Buffer.from(body.subarray(1));
    const targets =
      slave === 0 ? [...units.values()] : [units.get(slave)].filter((unit) => unit !== undefined);
    for (const unit of targets) {
      const answer = answerPdu(unit, pdu, onUnexpected);
      if (slave === 0) continue;
      if (answer instanceof Promise) answer.then((response) => send(slave, unit, response));
      else send(slave, unit, answer);
    }
  };
  const takeFrames = () => {
    for (;;) {
      const length = requestLength(pending);
      if (length === undefined || length === Number.POSITIVE_INFINITY || pending.length < length) return;
      handle(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
  port.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    takeFrames();
    clearTimeout(silence);
    silence = setTimeout(() => {
      // The line fell silent: whatever is left is one frame (of an unknown function) or noise.
      if (pending.length > 0) handle(pending);
      pending = Buffer.alloc(0);
    }, silenceMs);
  });
  port.on('error', (error) => logger.warn({ err: messageOf(error), path }, 'serial line error'));
  logger.info({ path, baudRate, slaves: [...units.keys()] }, 'serving Modbus RTU');
  let closing: Promise<void> | undefined;
  return {
    path,
    close() {
      clearTimeout(silence);
      closing ??= new Promise<void>((resolve) => {
        if (!port.isOpen) resolve();
        else port.close(() => resolve());
      });
      return closing;
    },
  };
}
