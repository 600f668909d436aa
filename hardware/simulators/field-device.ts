import type { Logger } from 'pino';
import type { Device } from '../city/loader';
import { HardwareError } from '../lib/errors';
import { decodePoint, isIntegerType, registerCount } from '../profiles/codec';
import { acceptsWrite, enumValueName, wordWithBits } from '../profiles/labels';
import type { Point, RegisterTable } from '../profiles/schema';
import type { ModbusUnit } from './modbus/pdu';
import { ExceptionCode, ModbusException } from './modbus-exception';
import { RegisterBank } from './register-bank';
import { CabinetSignals } from './signals/cabinet-signals';
import {
  type SignalEvent,
  type SignalSample,
  type SignalSource,
  signalSourceFor,
  withVisibleChange,
} from './signals/device-signals';
import type { LocalTime } from './signals/local-time';
import { type Random, seededRandom, seedOf } from './signals/random';

/** Smallest change a screen shows: one raw step for scaled integers, one decimal for floats. */
function displayStep(point: Point): number {
  return isIntegerType(point.type) ? Math.abs(point.scale) : 0.1;
}

/** One simulated controller behind the cabinet: a register bank fed by signal models. */
export class FieldDevice implements ModbusUnit {
  readonly id: string;
  readonly unitId: number;
  readonly model: string;
  private readonly points: readonly Point[];
  private readonly bank: RegisterBank;
  private readonly held = new Set<string>();
  private readonly random: Random;
  private readonly signals: SignalSource | undefined;
  /** Set when the device stands alone (tests): it then keeps its own weather. */
  private readonly ownCabinet: CabinetSignals | undefined;

  /** `cabinet` is shared by the devices of one cabinet; a device on its own gets its own. */
  constructor(
    device: Device,
    seed: number,
    private readonly logger: Logger,
    cabinet?: CabinetSignals,
  ) {
    this.id = device.id;
    this.unitId = device.unitId;
    this.model = device.profile.model;
    this.points = device.profile.points;
    this.bank = new RegisterBank(device.profile);
    this.random = seededRandom(seed);
    const shared = cabinet ?? new CabinetSignals(seededRandom(seedOf(seed, 'weather')));
    this.ownCabinet = cabinet ? undefined : shared;
    this.signals = signalSourceFor(device, this.random, shared);
    if (!this.signals)
      logger.warn({ kind: device.asset.kind }, 'no signal model for this kind; registers hold still');
    for (const point of this.points) this.bank.writePoint(point, point.initial ?? 0, 'clamp');
  }

  /**
   * Advances the signal models and writes their values, except into held points. Writable points
   * change only when the model sets them exactly (a controller writing its own schedule).
   */
  tick(time: LocalTime, dtSeconds: number): void {
    this.ownCabinet?.advance(time, dtSeconds);
    if (!this.signals) return;
    const setpoints: Record<string, number> = {};
    for (const point of this.points) {
      if (point.access === 'read-write') setpoints[point.metric] = this.bank.readPoint(point);
    }
    const sample = this.signals.next(time, dtSeconds, setpoints);
    for (const point of this.points) {
      if (this.held.has(point.name)) continue;
      const value = this.valueFor(point, sample);
      if (value !== undefined) this.bank.writePoint(point, value, 'clamp');
    }
  }

  /** Starts or ends a scenario on this device (e.g. an incident); false if its model has none. */
  trigger(event: SignalEvent): boolean {
    return this.signals?.trigger?.(event) ?? false;
  }

  private valueFor(point: Point, sample: SignalSample): number | undefined {
    const { metric } = point;
    const flags = sample.flags?.[metric];
    if (point.type === 'bitfield' && flags) return wordWithBits(point, flags);
    const state = sample.states?.[metric];
    if (point.type === 'enum' && state !== undefined) {
      const entry = Object.entries(point.values ?? {}).find(([, name]) => name === state);
      return entry ? Number(entry[0]) : undefined;
    }
    const exact = sample.exact?.[metric];
    if (exact !== undefined) return exact;
    const measured = sample.measured?.[metric];
    if (measured === undefined || point.access === 'read-write') return undefined;
    // Zero means "off" (no flow, lamps out) and stays zero, rather than flickering a step.
    if (measured === 0) return 0;
    return withVisibleChange(this.bank.readPoint(point), measured, displayStep(point), this.random);
  }

  /** Forces a point to a value and holds it there until released; rejects values the type cannot hold. */
  setPointValue(pointName: string, value: number): void {
    const point = this.pointNamed(pointName);
    this.bank.writePoint(point, value, 'reject');
    this.held.add(point.name);
    this.logger.info({ point: point.name, value }, 'point held');
  }

  /**
   * Holds every analog point far above its display range (within what its registers can carry),
   * as a broken sensor or a wiring fault shows; returns the names of the points it took.
   */
  holdOutOfRange(): { name: string; before: number }[] {
    const taken: { name: string; before: number }[] = [];
    for (const point of this.points) {
      if (point.type === 'bool' || point.type === 'bitfield' || point.type === 'enum') continue;
      if (this.held.has(point.name)) continue;
      const [min, max] = point.displayRange;
      taken.push({ name: point.name, before: this.bank.readPoint(point) });
      this.bank.writePoint(point, max + 2 * (max - min), 'clamp');
      this.held.add(point.name);
    }
    return taken;
  }

  /** Puts a value back and hands the point to its signal model again, e.g. after a fault. */
  restorePoint(pointName: string, value: number): void {
    const point = this.pointNamed(pointName);
    this.bank.writePoint(point, value, 'clamp');
    this.held.delete(point.name);
  }

  releasePoint(pointName: string): void {
    this.held.delete(this.pointNamed(pointName).name);
  }

  pointNames(): string[] {
    return this.points.map((point) => point.name);
  }

  readPointValue(pointName: string): number {
    return this.bank.readPoint(this.pointNamed(pointName));
  }

  read(table: RegisterTable, address: number, count: number): number[] {
    return this.bank.read(table, address, count);
  }

  /**
   * A master's write: every register written must belong to a read-write point, a multi-register
   * point must be written whole, and the result must lie in the point's write range. All or nothing.
   */
  write(table: RegisterTable, address: number, words: readonly number[]): void {
    const end = address + words.length - 1;
    const touched = this.points.filter(
      (p) => p.table === table && p.address <= end && address <= p.address + registerCount(p) - 1,
    );
    const covered = touched.reduce((sum, p) => sum + registerCount(p), 0);
    if (touched.length === 0 || covered !== words.length) {
      throw new ModbusException(
        ExceptionCode.IllegalDataAddress,
        `${table} ${address}..${end} is not writable`,
      );
    }
    const updates = touched.map((point) => {
      if (point.access !== 'read-write') {
        throw new ModbusException(ExceptionCode.IllegalDataAddress, `${point.name} is read-only`);
      }
      const offset = point.address - address;
      const slice = words.slice(offset, offset + registerCount(point));
      if (offset < 0 || slice.length !== registerCount(point)) {
        throw new ModbusException(ExceptionCode.IllegalDataAddress, `${point.name} must be written whole`);
      }
      const value = decodePoint(point, slice);
      if (!acceptsWrite(point, value)) {
        const [min, max] = point.writeRange ?? [value, value];
        const allowed =
          point.type === 'enum' ? `one of ${Object.keys(point.values ?? {}).join(', ')}` : `${min}..${max}`;
        throw new ModbusException(
          ExceptionCode.IllegalDataValue,
          `${point.name}: ${value} is not ${allowed}`,
        );
      }
      return { point, slice, value };
    });
    for (const { point, slice, value } of updates) {
      this.bank.write(table, point.address, slice);
      this.signals?.written?.(point.metric, value);
      this.logger.info(
        { point: point.name, value, meaning: enumValueName(point, value) },
        'written by master',
      );
    }
  }

  private pointNamed(pointName: string): Point {
    const point = this.points.find((candidate) => candidate.name === pointName);
    if (!point) {
      throw new HardwareError(
        'CITY_HW_UNKNOWN_POINT',
        `device "${this.id}" (${this.model}) has no point "${pointName}"; expected one of ${this.points.map((p) => p.name).join(', ')}`,
      );
    }
    return point;
  }
}
