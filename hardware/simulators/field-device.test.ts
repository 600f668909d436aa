import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadCity } from '../city/loader';
import { FieldDevice } from './field-device';
import { ExceptionCode, ModbusException } from './modbus-exception';

const [cabinet] = loadCity().cabinets;
const deviceEntry = (id: string) => {
  const found = cabinet?.devices.find((d) => d.id === id);
  if (!found) throw new Error(`skeleton has no device ${id}`);
  return found;
};
const silent = pino({ level: 'silent' });
const morningRush = { hour: 8, weekend: false };

const airStation = () => new FieldDevice(deviceEntry('vondelpark-aq-logger'), 1, silent);
const loopDetector = () => new FieldDevice(deviceEntry('a10-west-loop-controller'), 1, silent);

function exceptionOf(work: () => unknown): number | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof ModbusException) return error.exceptionCode;
    throw error;
  }
  return undefined;
}

describe('a simulated field device', () => {
  it('changes every measured value visibly (at one decimal) on every tick', () => {
    for (const [device, points] of [
      [airStation(), ['no2', 'pm10', 'pm25']],
      [loopDetector(), ['flow', 'speed', 'occupancy']],
    ] as const) {
      let previous = points.map((p) => device.readPointValue(p).toFixed(1));
      for (let tick = 0; tick < 120; tick++) {
        device.tick(morningRush, 1);
        const shown = points.map((p) => device.readPointValue(p).toFixed(1));
        shown.forEach((value, i) => {
          expect(value, `${points[i]} at tick ${tick}`).not.toBe(previous[i]);
        });
        previous = shown;
      }
    }
  });

  it('shows rush-hour traffic at 08:00 on a weekday', () => {
    const device = loopDetector();
    for (let tick = 0; tick < 60; tick++) device.tick(morningRush, 1);
    expect(device.readPointValue('flow')).toBeGreaterThan(4000);
    expect(device.readPointValue('speed')).toBeLessThan(85);
    expect(device.readPointValue('fault_bits')).toBe(0);
    expect(device.readPointValue('aggregation_period')).toBe(60);
  });

  it('holds a forced value against the models until released', () => {
    const device = airStation();
    device.setPointValue('no2', 212.5);
    for (let tick = 0; tick < 5; tick++) device.tick(morningRush, 1);
    expect(device.readPointValue('no2')).toBe(212.5);
    device.releasePoint('no2');
    device.tick(morningRush, 1);
    expect(device.readPointValue('no2')).not.toBe(212.5);
  });

  it('refuses forced values the register cannot hold, and unknown points', () => {
    const device = loopDetector();
    expect(() => device.setPointValue('speed', 4000)).toThrow(/CITY_HW_VALUE_NOT_ENCODABLE/);
    expect(() => device.setPointValue('flow', -1)).toThrow(/does not fit uint16/);
    expect(() => device.readPointValue('velocity')).toThrow(
      /device "a10-west-loop-controller" \(loop-detector\) has no point "velocity"; expected one of flow, speed/,
    );
  });

  it('accepts a master writing a setpoint within its write range, and nothing else', () => {
    const device = loopDetector();
    device.write('holding-register', 0, [120]);
    expect(device.readPointValue('aggregation_period')).toBe(120);
    expect(exceptionOf(() => device.write('holding-register', 0, [5]))).toBe(ExceptionCode.IllegalDataValue);
    expect(exceptionOf(() => device.write('holding-register', 0, [60, 60]))).toBe(
      ExceptionCode.IllegalDataAddress,
    );
    expect(exceptionOf(() => device.write('input-register', 0, [1]))).toBe(ExceptionCode.IllegalDataAddress);
    expect(exceptionOf(() => device.write('coil', 0, [1]))).toBe(ExceptionCode.IllegalDataAddress);
    expect(device.readPointValue('aggregation_period')).toBe(120);
  });

  it('answers reads past its register map with an illegal-address exception', () => {
    const device = airStation();
    expect(device.read('input-register', 0, 14)).toHaveLength(14);
    expect(exceptionOf(() => device.read('input-register', 0, 15))).toBe(ExceptionCode.IllegalDataAddress);
    expect(exceptionOf(() => device.read('holding-register', 0, 1))).toBe(ExceptionCode.IllegalDataAddress);
    expect(exceptionOf(() => device.read('coil', 0, 1))).toBe(ExceptionCode.IllegalDataAddress);
  });
});
