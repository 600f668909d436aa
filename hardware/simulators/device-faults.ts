import type { Logger } from 'pino';
import type { RegisterTable } from '../profiles/schema';
import {
  EXCEPTION_NAMES,
  type Fault,
  type FaultInput,
  type FaultKind,
  FaultSchema,
  type OpcUaFaultStatus,
} from './faults';
import type { FieldDevice } from './field-device';
import type { ModbusUnit } from './modbus/pdu';
import { ModbusException } from './modbus-exception';

/** A field device with the faults switched on for it: what a master talking to it actually meets. */
export class FaultyDevice implements ModbusUnit {
  private readonly active = new Map<FaultKind, Fault>();
  private readonly readHooks = new Set<() => void>();
  private outOfRangePoints: { name: string; before: number }[] = [];

  constructor(
    readonly device: FieldDevice,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  get unitId(): number {
    return this.device.unitId;
  }

  /** Switches a fault on (or changes its settings); throws a ZodError for settings that make no sense. */
  set(input: FaultInput): Fault {
    const fault = FaultSchema.parse(input);
    if (fault.kind === 'out-of-range' && !this.active.has('out-of-range')) {
      this.outOfRangePoints = this.device.holdOutOfRange();
    }
    this.active.set(fault.kind, fault);
    this.logger.warn({ fault }, 'fault switched on');
    return fault;
  }

  /** Switches one fault off, or all of them; returns the kinds that were on. */
  clear(kind?: FaultKind): FaultKind[] {
    const cleared = kind ? (this.active.has(kind) ? [kind] : []) : [...this.active.keys()];
    for (const each of cleared) {
      this.active.delete(each);
      if (each === 'out-of-range') {
        for (const { name, before } of this.outOfRangePoints.splice(0))
          this.device.restorePoint(name, before);
      }
    }
    if (cleared.length > 0) this.logger.info({ cleared }, 'fault switched off');
    return cleared;
  }

  /** Runs before every read of this device, e.g. a replay putting the recorded value in place; returns detach. */
  onRead(hook: () => void): () => void {
    this.readHooks.add(hook);
    return () => this.readHooks.delete(hook);
  }

  /** Brings the registers up to date for a read now (see onRead). */
  prepareRead(): void {
    for (const hook of this.readHooks) hook();
  }

  list(): Fault[] {
    return [...this.active.values()];
  }

  /** While frozen, the cabinet does not advance this device's signal models. */
  get frozen(): boolean {
    return this.active.has('frozen');
  }

  /** For OPC UA: the StatusCode name values carry now. */
  opcUaStatus(): OpcUaFaultStatus | 'Good' {
    const fault = this.active.get('bad-status');
    return fault?.kind === 'bad-status' ? fault.status : 'Good';
  }

  /** For OPC UA: how far the device's clock is off. */
  clockOffsetMs(): number {
    const fault = this.active.get('clock-offset');
    return fault?.kind === 'clock-offset' ? fault.offsetMs : 0;
  }

  /** For Modbus TCP: whether this answer goes out mangled. */
  corruptsFrame(): boolean {
    return this.strikes('corrupt') !== undefined;
  }

  /** For a serial line: whether this answer goes out with a broken CRC. */
  corruptsAnswer(): boolean {
    return this.strikes('bad-crc') !== undefined;
  }

  read(table: RegisterTable, address: number, count: number): number[] | Promise<number[]> {
    return this.answer(() => {
      this.prepareRead();
      return this.device.read(table, address, count);
    });
  }

  write(table: RegisterTable, address: number, words: readonly number[]): void | Promise<void> {
    return this.answer(() => this.device.write(table, address, words));
  }

  private answer<T>(respond: () => T): T | Promise<T> {
    if (this.strikes('no-response')) return new Promise<T>(() => {});
    const exception = this.strikes('exception');
    if (exception) {
      throw new ModbusException(EXCEPTION_NAMES[exception.code], `fault injected: ${exception.code}`);
    }
    const slow = this.strikes('slow');
    if (slow) {
      return new Promise<T>((resolve, reject) => {
        setTimeout(() => {
          try {
            resolve(respond());
          } catch (error) {
            reject(error);
          }
        }, slow.delayMs).unref();
      });
    }
    return respond();
  }

  /** The fault of this kind if it is on and strikes this time (see its probability). */
  private strikes<K extends FaultKind>(kind: K): Extract<Fault, { kind: K }> | undefined {
    const fault = this.active.get(kind) as Extract<Fault, { kind: K }> | undefined;
    if (!fault) return undefined;
    const chance = 'probability' in fault ? fault.probability : 1;
    return chance >= 1 || this.random() < chance ? fault : undefined;
  }
}
