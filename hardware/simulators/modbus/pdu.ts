import type { RegisterTable } from '../../profiles/schema';
import { ExceptionCode, ModbusException } from '../modbus-exception';

/**
 * The protocol data unit of Modbus (Modbus Application Protocol Specification V1.1b3, section 6),
 * shared by the TCP and RTU servers: a request PDU in, a response PDU (or an exception) out.
 */

/** What a server asks of a device behind it; throw or reject with ModbusException to answer with an exception. */
export interface ModbusUnit {
  read(table: RegisterTable, address: number, count: number): number[] | Promise<number[]>;
  write(table: RegisterTable, address: number, words: readonly number[]): void | Promise<void>;
}

export const FunctionCode = {
  ReadCoils: 0x01,
  ReadDiscreteInputs: 0x02,
  ReadHoldingRegisters: 0x03,
  ReadInputRegisters: 0x04,
  WriteSingleCoil: 0x05,
  WriteSingleRegister: 0x06,
  WriteMultipleCoils: 0x0f,
  WriteMultipleRegisters: 0x10,
} as const;

const READ_TABLES: Record<number, RegisterTable> = {
  [FunctionCode.ReadCoils]: 'coil',
  [FunctionCode.ReadDiscreteInputs]: 'discrete-input',
  [FunctionCode.ReadHoldingRegisters]: 'holding-register',
  [FunctionCode.ReadInputRegisters]: 'input-register',
};

/** Quantity limits per request, from the specification: what fits one 253-byte PDU. */
const MAX_READ_BITS = 2000;
const MAX_READ_REGISTERS = 125;
const MAX_WRITE_BITS = 1968;
const MAX_WRITE_REGISTERS = 123;

export function exceptionPdu(functionCode: number, code: number): Buffer {
  return Buffer.from([(functionCode | 0x80) & 0xff, code]);
}

const illegalValue = (why: string) => new ModbusException(ExceptionCode.IllegalDataValue, why);

function checkedRange(address: number, quantity: number, max: number): void {
  if (quantity < 1 || quantity > max) throw illegalValue(`quantity ${quantity} is not 1..${max}`);
  if (address + quantity > 0x10000) {
    throw new ModbusException(ExceptionCode.IllegalDataAddress, `${address}+${quantity} runs past 65535`);
  }
}

function packBits(bits: readonly number[]): Buffer {
  const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => {
    if (bit) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (1 << (i & 7));
  });
  return bytes;
}

function readResponse(functionCode: number, words: readonly number[], quantity: number): Buffer {
  if (words.length !== quantity) {
    throw new ModbusException(
      ExceptionCode.ServerDeviceFailure,
      `device returned ${words.length} of ${quantity}`,
    );
  }
  if (functionCode <= FunctionCode.ReadDiscreteInputs) {
    const bits = packBits(words);
    return Buffer.concat([Buffer.from([functionCode, bits.length]), bits]);
  }
  const response = Buffer.alloc(2 + 2 * quantity);
  response[0] = functionCode;
  response[1] = 2 * quantity;
  words.forEach((word, i) => {
    response.writeUInt16BE(word & 0xffff, 2 + 2 * i);
  });
  return response;
}

/** The request's own fields, checked for length and limits; throws ModbusException(03) when malformed. */
function parseRequest(pdu: Buffer): (unit: ModbusUnit) => Buffer | Promise<Buffer> {
  const functionCode = pdu[0] ?? 0;
  const need = (length: number) => {
    if (pdu.length < length)
      throw illegalValue(`function ${functionCode} needs ${length} bytes, got ${pdu.length}`);
  };
  const table = READ_TABLES[functionCode];
  if (table) {
    need(5);
    const address = pdu.readUInt16BE(1);
    const quantity = pdu.readUInt16BE(3);
    const isBits = functionCode <= FunctionCode.ReadDiscreteInputs;
    checkedRange(address, quantity, isBits ? MAX_READ_BITS : MAX_READ_REGISTERS);
    return (unit) => {
      const words = unit.read(table, address, quantity);
      return words instanceof Promise
        ? words.then((all) => readResponse(functionCode, all, quantity))
        : readResponse(functionCode, words, quantity);
    };
  }
  const echo = (done: void | Promise<void>, response: Buffer) =>
    done instanceof Promise ? done.then(() => response) : response;
  switch (functionCode) {
    case FunctionCode.WriteSingleCoil: {
      need(5);
      const address = pdu.readUInt16BE(1);
      const value = pdu.readUInt16BE(3);
      if (value !== 0xff00 && value !== 0x0000)
        throw illegalValue('a coil takes 0xFF00 (on) or 0x0000 (off)');
      return (unit) => echo(unit.write('coil', address, [value ? 1 : 0]), Buffer.from(pdu.subarray(0, 5)));
    }
    case FunctionCode.WriteSingleRegister: {
      need(5);
      const address = pdu.readUInt16BE(1);
      const value = pdu.readUInt16BE(3);
      return (unit) =>
        echo(unit.write('holding-register', address, [value]), Buffer.from(pdu.subarray(0, 5)));
    }
    case FunctionCode.WriteMultipleCoils:
    case FunctionCode.WriteMultipleRegisters: {
      need(6);
      const address = pdu.readUInt16BE(1);
      const quantity = pdu.readUInt16BE(3);
      const byteCount = pdu[5] ?? 0;
      const coils = functionCode === FunctionCode.WriteMultipleCoils;
      checkedRange(address, quantity, coils ? MAX_WRITE_BITS : MAX_WRITE_REGISTERS);
      const expected = coils ? Math.ceil(quantity / 8) : 2 * quantity;
      if (byteCount !== expected || pdu.length < 6 + byteCount) {
        throw illegalValue(
          `byte count ${byteCount} (carried ${pdu.length - 6}) does not match quantity ${quantity}`,
        );
      }
      const words = Array.from({ length: quantity }, (_, i) =>
        coils ? ((pdu[6 + (i >> 3)] ?? 0) >> (i & 7)) & 1 : pdu.readUInt16BE(6 + 2 * i),
      );
      return (unit) =>
        echo(
          unit.write(coils ? 'coil' : 'holding-register', address, words),
          Buffer.from(pdu.subarray(0, 5)),
        );
    }
    default:
      throw new ModbusException(
        ExceptionCode.IllegalFunction,
        `function code ${functionCode} is not offered`,
      );
  }
}

function asException(functionCode: number, error: unknown, onUnexpected: (error: unknown) => void): Buffer {
  if (error instanceof ModbusException) return exceptionPdu(functionCode, error.exceptionCode);
  onUnexpected(error);
  return exceptionPdu(functionCode, ExceptionCode.ServerDeviceFailure);
}

/**
 * Answers one request PDU for one unit. Never throws: a malformed request or a failing device becomes
 * an exception response; a device that never settles its promise leaves the request unanswered.
 */
export function answerPdu(
  unit: ModbusUnit,
  pdu: Buffer,
  onUnexpected: (error: unknown) => void,
): Buffer | Promise<Buffer> {
  const functionCode = pdu[0] ?? 0;
  try {
    const response = parseRequest(pdu)(unit);
    return response instanceof Promise
      ? response.catch((error: unknown) => asException(functionCode, error, onUnexpected))
      : response;
  } catch (error) {
    return asException(functionCode, error, onUnexpected);
  }
}
