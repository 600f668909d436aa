import { Backoff } from '@city/db/backoff';
import ModbusRTU from 'modbus-serial';

/**
 * The only file that talks to modbus-serial. Its errors are not Error subclasses (one is a bare
 * constructor function), so everything it throws is turned into a FieldError here.
 */
export type ModbusTable = 'coil' | 'discrete-input' | 'input-register' | 'holding-register';

export type FieldErrorKind = 'timeout' | 'exception' | 'connection';

export class FieldError extends Error {
  override readonly name = 'FieldError';
  constructor(
    readonly kind: FieldErrorKind,
    message: string,
    /** The Modbus exception code (1 illegal function, 2 illegal address, 6 busy, …) when kind is 'exception'. */
    readonly exceptionCode?: number,
  ) {
    super(message);
  }
}

interface VendorError {
  name?: unknown;
  message?: unknown;
  errno?: unknown;
  modbusCode?: unknown;
}

export function toFieldError(raw: unknown): FieldError {
  if (raw instanceof FieldError) return raw;
  const error = (typeof raw === 'object' && raw !== null ? raw : { message: String(raw) }) as VendorError;
  const message =
    typeof error.message === 'string' && error.message ? error.message : String(error.name ?? raw);
  if (typeof error.modbusCode === 'number') return new FieldError('exception', message, error.modbusCode);
  if (error.errno === 'ETIMEDOUT' || error.name === 'TransactionTimedOutError') {
    return new FieldError('timeout', message);
  }
  return new FieldError('connection', message);
}

/** After failed connects, the next attempt waits: 0.5 s, doubling to 15 s; reset by a success. */
const RECONNECT = { initialMs: 500, maxMs: 15_000 };

export type ModbusTarget = { timeoutMs: number } & (
  | { kind: 'tcp'; host: string; port: number }
  | {
      kind: 'rtu';
      path: string;
      baudRate: number;
      parity: 'none' | 'even' | 'odd';
      dataBits: 7 | 8;
      stopBits: 1 | 2;
    }
);

/**
 * One connection to Modbus devices: a TCP connection (often to a bridge with several unit ids) or a
 * serial line with several slaves. Requests run one at a time, as a bus allows. A failed request is
 * not repeated within the cycle (on a bus that would double what a dead slave costs the others): the
 * next poll is the retry. Connects that fail back off.
 */
export class ModbusClient {
  private readonly client = new ModbusRTU();
  private queue: Promise<unknown> = Promise.resolve();
  private connected = false;
  private readonly reconnect = new Backoff(RECONNECT);
  private nextConnectAt = 0;
  private lastConnectError = '';
  private closing: Promise<void> | undefined;

  constructor(private readonly target: ModbusTarget) {
    this.client.setTimeout(target.timeoutMs);
    // The library emits 'error' on socket failures; with no listener that would crash the process.
    this.client.on('error', () => {
      this.connected = false;
    });
  }

  get isOpen(): boolean {
    return this.connected && this.client.isOpen;
  }

  async connect(): Promise<void> {
    const waitMs = this.nextConnectAt - performance.now();
    if (waitMs > 0) {
      // A dead link or a switched-off bridge is not hammered with connects, one per poll of every device.
      throw new FieldError(
        'connection',
        `${this.lastConnectError}; next connect in ${(waitMs / 1000).toFixed(1)} s`,
      );
    }
    try {
      const { target } = this;
      if (target.kind === 'tcp') {
        await this.client.connectTCP(target.host, { port: target.port, timeout: target.timeoutMs });
      } else {
        await this.client.connectRTUBuffered(target.path, {
          baudRate: target.baudRate,
          parity: target.parity,
          dataBits: target.dataBits,
          stopBits: target.stopBits,
        });
      }
      this.connected = true;
      this.reconnect.reset();
    } catch (error) {
      this.connected = false;
      const fieldError = toFieldError(error);
      this.nextConnectAt = performance.now() + this.reconnect.next();
      this.lastConnectError = fieldError.message;
      throw fieldError;
    }
  }

  /** Reads `count` 16-bit words, or bits for coils and discrete inputs (as 0/1). */
  read(unitId: number, table: ModbusTable, address: number, count: number): Promise<number[]> {
    return this.request(unitId, async () => {
      switch (table) {
        case 'input-register':
          return (await this.client.readInputRegisters(address, count)).data;
        case 'holding-register':
          return (await this.client.readHoldingRegisters(address, count)).data;
        case 'coil':
          return (await this.client.readCoils(address, count)).data.slice(0, count).map(Number);
        case 'discrete-input':
          return (await this.client.readDiscreteInputs(address, count)).data.slice(0, count).map(Number);
      }
    });
  }

  /** Writes words to holding registers (function 16), or bits to coils (function 5 or 15). */
  write(
    unitId: number,
    table: 'holding-register' | 'coil',
    address: number,
    words: readonly number[],
  ): Promise<void> {
    return this.request(unitId, async () => {
      if (table === 'holding-register') await this.client.writeRegisters(address, [...words]);
      else if (words.length === 1) await this.client.writeCoil(address, words[0] === 1);
      else
        await this.client.writeCoils(
          address,
          words.map((bit) => bit === 1),
        );
    });
  }

  close(): Promise<void> {
    this.connected = false;
    if (!this.client.isOpen) return Promise.resolve();
    // A second close of a port that is still closing never calls back: share the first, and never
    // let a close hold up a shutdown for more than a second.
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      this.client.close(() => {
        clearTimeout(timer);
        resolve();
      });
    }).finally(() => {
      this.closing = undefined;
    });
    return this.closing;
  }

  /**
   * After a timeout a TCP stream cannot be trusted: half a frame or a late answer may still arrive and
   * be read as the next answer, so, like libmodbus's flush, the next request gets a fresh connection.
   * On a serial bus a timeout is a dead slave, and the CRC keeps frames apart: the line stays open
   * for the others. A broken connection is reopened either way.
   */
  private async afterFailure(error: FieldError): Promise<void> {
    if (error.kind === 'connection' || (error.kind === 'timeout' && this.target.kind === 'tcp'))
      await this.close();
  }

  /** One request at a time on the connection, opened on demand; failures leave as FieldError. */
  private request<T>(unitId: number, exchange: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (!this.isOpen) await this.connect();
      this.client.setID(unitId);
      try {
        return await exchange();
      } catch (error) {
        const fieldError = toFieldError(error);
        await this.afterFailure(fieldError);
        throw fieldError;
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }
}
