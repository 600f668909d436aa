import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Device, loadCity } from '../../city/loader';
import { type RunningCabinet, startCabinet } from '../cabinet';
import { mbpoll, mbpollTypeOf, probeValueFor, valuesIn } from './mbpoll-helpers';

/**
 * Interop with a Modbus master we did not write: mbpoll (Debian package "mbpoll") reads what the
 * profiles promise. Mind its conventions: "-r 1" is protocol address 0, and 32-bit values are
 * little word order (CDAB) unless "-B" is given.
 */
let cabinet: RunningCabinet;
let devices: Device[];
beforeAll(async () => {
  const [skeleton] = loadCity().cabinets;
  if (!skeleton) throw new Error('the skeleton city has no cabinet');
  devices = skeleton.devices;
  cabinet = await startCabinet(skeleton, { port: 0 });
});
afterAll(() => cabinet.stop());

const base = () => ['-m', 'tcp', '-p', String(cabinet.port), '-o', '2', '-1'];

describe('mbpoll reads what the profiles promise', () => {
  it('reads every point of every device at its address, type and word order', async () => {
    for (const device of devices) {
      for (const point of device.profile.points) {
        const expected = probeValueFor(point);
        if (point.access === 'read-write') {
          const written = await mbpoll([
            ...base(),
            '-a',
            String(device.unitId),
            '-r',
            String(point.address + 1),
            ...mbpollTypeOf(point),
            cabinet.host,
            String(expected / point.scale),
          ]);
          expect(written.output, `${device.id}/${point.name}`).toMatch(/Written 1 references/);
        } else {
          cabinet.setPointValue(device.id, point.name, expected);
        }
        const { ok, output } = await mbpoll([
          ...base(),
          '-a',
          String(device.unitId),
          '-r',
          String(point.address + 1),
          ...mbpollTypeOf(point),
          cabinet.host,
        ]);
        expect(ok, output).toBe(true);
        const raw = valuesIn(output).get(point.address + 1);
        expect(raw, `${device.id}/${point.name}: ${output}`).toBeDefined();
        const engineering = (raw ?? Number.NaN) * point.scale + point.offset;
        expect(engineering, `${device.id}/${point.name}`).toBeCloseTo(expected, 4);
      }
    }
  });

  it('reads a whole block: the three concentrations as big-endian floats and the loop values as registers', async () => {
    cabinet.setPointValue('vondelpark-aq-logger', 'no2', 41.5);
    cabinet.setPointValue('vondelpark-aq-logger', 'pm10', 23.25);
    cabinet.setPointValue('vondelpark-aq-logger', 'pm25', 13.75);
    cabinet.setPointValue('a10-west-loop-controller', 'speed', -12.3);
    const air = await mbpoll([
      ...base(),
      '-a',
      '1',
      '-r',
      '1',
      '-c',
      '3',
      '-t',
      '3:float',
      '-B',
      cabinet.host,
    ]);
    expect([...valuesIn(air.output)]).toEqual([
      [1, 41.5],
      [3, 23.25],
      [5, 13.75],
    ]);
    const loop = await mbpoll([...base(), '-a', '2', '-r', '1', '-c', '4', '-t', '3', cabinet.host]);
    expect(valuesIn(loop.output).get(2)).toBe(-123);
  });

  it('hears "target device failed to respond" from a unit id the cabinet does not have', async () => {
    const { ok, output } = await mbpoll([...base(), '-a', '9', '-r', '1', '-t', '3', cabinet.host]);
    expect(ok).toBe(false);
    expect(output).toMatch(/Target device failed to respond/);
  });
});
