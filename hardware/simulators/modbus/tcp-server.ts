import { createServer, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { HardwareError, messageOf } from '../../lib/errors';
import { ExceptionCode } from '../modbus-exception';
import { answerPdu, exceptionPdu, type ModbusUnit } from './pdu';

/**
 * Modbus TCP (Modbus Messaging on TCP/IP Implementation Guide V1.0b): one port for several unit ids,
 * as a TCP-to-RTU gateway in a field cabinet has. Our own framing because modbus-serial's ServerTCP
 * defers every request by a 1 ms timer, which caps one connection at about 650 requests a second.
 */
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

const MBAP_LENGTH = 7;
/** The MBAP length field counts the unit id and the PDU, which is at most 253 bytes. */
const MAX_MBAP_LENGTH = 254;

/** What a failing TCP-to-RTU bridge sends instead of a good answer; `random` picks the kind and the damage. */
export function mangled(good: Buffer, random: () => number = Math.random): Buffer {
  const pick = (n: number) => Math.floor(random() * n);
  const copy = Buffer.from(good);
  switch (pick(5)) {
    case 0: // a few bytes flipped, the header included
      for (let i = 0; i < 1 + pick(3); i++) {
        const at = pick(copy.length);
        copy[at] = (copy[at] ?? 0) ^ (1 + pick(255));
      }
      return copy;
    case 1: // cut short
      return copy.subarray(0, Math.max(1, pick(copy.length)));
    case 2: // a length field that lies
      copy.writeUInt16BE(pick(0x10000), 4);
      return copy;
    case 3: // an answer to some other request
      copy.writeUInt16BE((copy.readUInt16BE(0) + 1 + pick(0xfffe)) & 0xffff, 0);
      return copy;
    default: // noise of any length
      return Buffer.from(Array.from({ length: 1 + pick(64) }, () => pick(256)));
  }
}

function frame(transactionId: number, unitId: number, pdu: Buffer): Buffer {
  const header = Buffer.alloc(MBAP_LENGTH);
  header.writeUInt16BE(transactionId, 0);
  header.writeUInt16BE(0, 2);
  header.writeUInt16BE(pdu.length + 1, 4);
  header[6] = unitId;
  return Buffer.concat([header, pdu]);
}

function serveConnection(socket: Socket, units: ReadonlyMap<number, ModbusUnit>, logger: Logger): void {
  socket.setNoDelay(true);
  let pending: Buffer = Buffer.alloc(0);
  const onUnexpected = (error: unknown) =>
    logger.error({ err: messageOf(error) }, 'device failed on a request; answered "server device failure"');
  const reply = (transactionId: number, unitId: number, pdu: Buffer) => {
    if (socket.destroyed) return;
    const answer = frame(transactionId, unitId, pdu);
    const unit = units.get(unitId) as (ModbusUnit & { corruptsFrame?(): boolean }) | undefined;
    socket.write(unit?.corruptsFrame?.() ? mangled(answer) : answer);
  };
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= MBAP_LENGTH) {
      const transactionId = pending.readUInt16BE(0);
      const protocolId = pending.readUInt16BE(2);
      const length = pending.readUInt16BE(4);
      if (protocolId !== 0 || length < 2 || length > MAX_MBAP_LENGTH) {
        // The byte stream has no frame boundary we can trust any more: drop the connection, as gateways do.
        logger.debug({ protocolId, length }, 'not a Modbus TCP frame; closing the connection');
        socket.destroy();
        return;
      }
      if (pending.length < 6 + length) break;
      const unitId = pending[6] ?? 0;
      const pdu = Buffer.from(pending.subarray(MBAP_LENGTH, 6 + length));
      pending = pending.subarray(6 + length);
      const unit = units.get(unitId);
      if (!unit) {
        reply(transactionId, unitId, exceptionPdu(pdu[0] ?? 0, ExceptionCode.GatewayTargetFailedToRespond));
        continue;
      }
      const answer = answerPdu(unit, pdu, onUnexpected);
      if (answer instanceof Promise) answer.then((response) => reply(transactionId, unitId, response));
      else reply(transactionId, unitId, answer);
    }
  });
  socket.on('error', (error) => logger.debug({ err: messageOf(error) }, 'client connection error'));
}

export async function serveModbusTcp({ host, port, units, logger }: ServeOptions): Promise<ModbusTcpServer> {
  const sockets = new Set<Socket>();
  let linkUp = true;
  const server = createServer((socket) => {
    if (!linkUp) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, units, logger);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE' ? '; another process holds it: stop that one or choose another port' : '';
    throw new HardwareError(
      'CITY_HW_PORT_UNAVAILABLE',
      `cannot serve Modbus TCP on ${host}:${port} (${code ?? messageOf(error)})${hint}`,
      { cause: error },
    );
  }
  server.on('error', (error) => logger.error({ err: messageOf(error) }, 'modbus listener error'));
  const address = server.address();
  const dropConnections = () => {
    const dropped = sockets.size;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    return dropped;
  };
  let closing: Promise<void> | undefined;
  return {
    host,
    port: typeof address === 'object' && address ? address.port : port,
    dropConnections,
    setLinkUp(up) {
      linkUp = up;
      if (!up) dropConnections();
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          dropConnections();
        });
        // 'close' comes before libuv's close phase releases the handle, which follows the next check
        // phase: two setImmediate hops, so a caller sees the port and the handle gone.
        for (let hop = 0; hop < 2; hop++) await new Promise((resolve) => setImmediate(resolve));
      })();
      return closing;
    },
  };
}
